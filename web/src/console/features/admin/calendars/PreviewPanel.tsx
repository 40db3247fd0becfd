import { useState } from 'react';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { Field, QueryStatus } from '../form';
import { useCalendarPreview, type Calendar, type CalendarPreview } from './api';
import { useLongDate } from './HolidaysEditor';

const DAYS = 14;

type Day = CalendarPreview['days'][number];

/** Business time in hours and minutes ("23 h", "7 h 30 min"): days of 24 h would mislead here. */
function businessTime(locale: string, minutes: number): string {
  const unit = (value: number, u: 'hour' | 'minute') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return unit(m, 'minute');
  return m ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
}

/** What the saved calendar means over the next 14 days (or from a chosen date): hours, holidays, business time. */
export function PreviewPanel({ calendar }: { calendar: Calendar }) {
  const t = useT();
  const { locale } = useLocale();
  const longDate = useLongDate();
  const duration = (minutes: number) => businessTime(locale, minutes);
  const [from, setFrom] = useState('');
  const preview = useCalendarPreview(calendar.id, calendar.version, from, DAYS);
  const hoursOf = (d: Day) => {
    if (d.holiday) return t('admin.calendars.previewHoliday', { name: d.holiday.names?.[locale] ?? d.holiday.name });
    if (d.spans.length === 0) return t('admin.calendars.previewClosed');
    return d.spans.map((s) => `${s.local_start}–${s.local_end}`).join(', ');
  };
  return (
    <section className="calendar-preview" aria-labelledby="calendar-preview-title">
      <h4 id="calendar-preview-title">{t('admin.calendars.preview')}</h4>
      <p className="field-hint">{t('admin.calendars.previewHint', { days: DAYS })}</p>
      <Field label={t('admin.calendars.previewFrom')} className="calendar-preview-from">
        {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
      </Field>
      <QueryStatus query={preview} />
      {preview.data && (
        <>
          <div className="table-scroll">
            <table className="table admin-table">
              <caption className="visually-hidden">{t('admin.calendars.preview')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.calendars.previewDay')}</th>
                  <th scope="col">{t('admin.calendars.previewOpen')}</th>
                  <th scope="col">{t('admin.calendars.previewTime')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.data.days.map((d) => (
                  <tr key={d.date} className={d.spans.length === 0 ? 'inactive' : undefined}>
                    <th scope="row" className="nowrap">
                      <time dateTime={d.date}>{longDate(d.date)}</time>
                    </th>
                    <td>{hoursOf(d)}</td>
                    <td className="nowrap">{duration(d.business_minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t('admin.calendars.previewTotal', { days: DAYS, time: duration(preview.data.business_minutes) })}</p>
        </>
      )}
    </section>
  );
}
