import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { Field, FormError, useFocusFirstError } from '../form';
import { useCreateCalendar, useUpdateCalendar, type Calendar, type FrenchHolidays } from './api';
import { blankDraft, bodyOf, draftOf, isTime, problemsByPath, WEEKDAYS, type CalendarDraft } from './draft';
import { useCalendarErrorText } from './errors';
import { HolidaysEditor } from './HolidaysEditor';
import { IcsImport } from './IcsImport';
import { PreviewPanel } from './PreviewPanel';
import { WeeklyEditor } from './WeeklyEditor';

const FRENCH: readonly FrenchHolidays[] = ['none', 'metropolitan', 'alsace_moselle'];

/** Every IANA zone the browser knows, with the calendar's own first if the browser lacks it. */
function useTimeZones(current: string): string[] {
  return useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return zones.includes(current) ? zones : [current, ...zones];
  }, [current]);
}

/** Problems the browser can see before sending: a name, times that read HH:MM. */
function localProblems(d: CalendarDraft, t: ReturnType<typeof useT>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.name.trim()) problems.name = t('common.required');
  for (const day of WEEKDAYS) {
    d.weekly[day].forEach((iv, i) => {
      if (!isTime(iv.start, false) || !isTime(iv.end, true)) problems[`weekly.${day}.${i}`] = t('admin.calendars.badTime');
    });
  }
  return problems;
}

/**
 * A calendar's form (administrators edit, managers read), then for a saved calendar the .ics import and the
 * preview. `onSaved` receives the saved calendar (new version); `onChanged` a calendar changed by an import.
 */
export function CalendarEditor({
  calendar,
  canEdit,
  onSaved,
  onChanged,
  onClose,
}: {
  calendar: Calendar | null;
  canEdit: boolean;
  onSaved: (calendar: Calendar, created: boolean) => void;
  onChanged: (calendar: Calendar) => void;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useCalendarErrorText();
  const create = useCreateCalendar();
  const update = useUpdateCalendar();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState<CalendarDraft>(() => (calendar ? draftOf(calendar) : blankDraft()));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const zones = useTimeZones(draft.timeZone);
  const readOnly = !canEdit;
  // A new version (saved here, or imported days) is what the form shows from then on.
  useEffect(() => {
    if (calendar) setDraft(draftOf(calendar));
  }, [calendar]);
  const set = <K extends keyof CalendarDraft>(key: K, value: CalendarDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const local = localProblems(draft, t);
    setProblems(local);
    if (Object.keys(local).length > 0) return focusFirstError();
    try {
      const saved = calendar
        ? await update.mutateAsync({ id: calendar.id, body: { ...bodyOf(draft), version: calendar.version } })
        : await create.mutateAsync(bodyOf(draft));
      onSaved(saved, !calendar);
    } catch (err) {
      setProblems(problemsByPath(err));
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <section className="card calendar-editor" aria-labelledby="calendar-editor-title">
      <div className="admin-section-header">
        <h3 id="calendar-editor-title">{calendar ? t('admin.calendars.editTitle', { name: calendar.name }) : t('admin.calendars.new')}</h3>
        {calendar && <span className="muted">{t('admin.calendars.version', { version: calendar.version })}</span>}
      </div>
      <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-labelledby="calendar-editor-title">
        <div className="row admin-row-fields">
          <Field label={t('admin.calendars.name')} error={problems.name}>
            {(p) => <input {...p} value={draft.name} readOnly={readOnly} maxLength={100} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label={t('admin.calendars.timeZone')} error={problems.time_zone}>
            {(p) => (
              <select {...p} value={draft.timeZone} disabled={readOnly} onChange={(e) => set('timeZone', e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('admin.calendars.frenchHolidays')}>
            {(p) => (
              <select {...p} value={draft.frenchHolidays} disabled={readOnly} onChange={(e) => set('frenchHolidays', e.target.value as FrenchHolidays)}>
                {FRENCH.map((f) => (
                  <option key={f} value={f}>
                    {t(`admin.calendars.french.${f}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <WeeklyEditor weekly={draft.weekly} problems={problems} readOnly={readOnly} onChange={(w) => set('weekly', w)} />
        <HolidaysEditor holidays={draft.holidays} problems={problems} readOnly={readOnly} onChange={(h) => set('holidays', h)} />
        <FormError message={serverError} />
        <div className="row admin-form-actions">
          {canEdit && (
            <button type="submit" className="btn btn-primary" disabled={create.isPending || update.isPending}>
              {calendar ? t('common.save') : t('admin.calendars.create')}
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {canEdit ? t('common.cancel') : t('common.close')}
          </button>
        </div>
      </form>
      {calendar ? (
        <>
          {canEdit && <IcsImport calendar={calendar} onImported={onChanged} />}
          <PreviewPanel calendar={calendar} />
        </>
      ) : (
        <p className="muted">{t('admin.calendars.saveFirst')}</p>
      )}
    </section>
  );
}
