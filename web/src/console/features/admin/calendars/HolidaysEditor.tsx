import { useState } from 'react';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { Field } from '../form';
import type { Holiday } from './draft';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 'Lundi 25 décembre 2026' for a local date, whatever the viewer's own zone. */
export function useLongDate(): (date: string) => string {
  const { locale } = useLocale();
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  return (date: string) => (DATE.test(date) ? fmt.format(new Date(`${date}T12:00:00Z`)) : date);
}

/** The calendar's own closed days (added by hand or imported); French public holidays are an option, not listed here. */
export function HolidaysEditor({
  holidays,
  problems,
  readOnly,
  onChange,
}: {
  holidays: Holiday[];
  problems: Record<string, string>;
  readOnly: boolean;
  onChange: (holidays: Holiday[]) => void;
}) {
  const t = useT();
  const longDate = useLongDate();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ date?: string; name?: string }>({});

  function add() {
    const next = {
      date: !DATE.test(date) ? t('common.required') : holidays.some((h) => h.date === date) ? t('admin.calendars.holidayTaken') : undefined,
      name: name.trim() ? undefined : t('common.required'),
    };
    setErrors(next);
    if (next.date || next.name) return;
    const added: Holiday = { date, name: name.trim(), source: 'manual' };
    onChange([...holidays, added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
    setDate('');
    setName('');
  }

  return (
    <fieldset className="calendar-holidays">
      <legend>{t('admin.calendars.holidays')}</legend>
      <p className="field-hint">{t('admin.calendars.holidaysHint')}</p>
      {holidays.length === 0 ? (
        <p className="muted">{t('admin.calendars.noHolidays')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.calendars.holidays')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.calendars.holidayDate')}</th>
                <th scope="col">{t('admin.calendars.holidayName')}</th>
                <th scope="col">{t('admin.calendars.holidaySource')}</th>
                {!readOnly && <th scope="col">{t('admin.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {holidays.map((h, i) => {
                const problem = problems[`holidays.${i}.date`] ?? problems[`holidays.${i}.name`];
                return (
                  <tr key={h.date}>
                    <td className="nowrap">
                      <time dateTime={h.date}>{longDate(h.date)}</time>
                      {problem && <span className="field-error calendar-block">{problem}</span>}
                    </td>
                    <td>{h.name}</td>
                    <td>{t(`admin.calendars.source.${h.source}`)}</td>
                    {!readOnly && (
                      <td className="admin-actions">
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          aria-label={t('admin.calendars.removeHoliday', { date: longDate(h.date), name: h.name })}
                          onClick={() => onChange(holidays.filter((x) => x.date !== h.date))}
                        >
                          {t('common.delete')}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <div className="row admin-row-fields calendar-add-holiday">
          <Field label={t('admin.calendars.newHolidayDate')} error={errors.date}>
            {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
          <Field label={t('admin.calendars.newHolidayName')} error={errors.name}>
            {(p) => <input {...p} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <button type="button" className="btn" onClick={add}>
            {t('admin.calendars.addHoliday')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
