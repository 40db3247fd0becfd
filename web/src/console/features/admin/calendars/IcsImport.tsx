import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { Field, FormError } from '../form';
import { useImportHolidays, type Calendar, type ImportMode, type ImportReport } from './api';
import { useCalendarErrorText } from './errors';

const MAX_BYTES = 1024 * 1024;

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/** Imports closed days from an .ics file (sent as text/calendar) and shows the server's report. */
export function IcsImport({ calendar, onImported }: { calendar: Calendar; onImported: (calendar: Calendar) => void }) {
  const t = useT();
  const errorText = useCalendarErrorText();
  const importIcs = useImportHolidays();
  const modeId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [fileError, setFileError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setReport(null);
    const problem = !file ? t('admin.calendars.importNoFile') : file.size > MAX_BYTES ? t('admin.calendars.importTooLarge') : undefined;
    setFileError(problem);
    if (problem || !file) return;
    try {
      const result = await importIcs.mutateAsync({ id: calendar.id, ics: await readText(file), mode });
      setReport(result);
      onImported(result.calendar);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="admin-form card calendar-import" onSubmit={submit} noValidate aria-label={t('admin.calendars.import')}>
      <h4>{t('admin.calendars.import')}</h4>
      <p className="field-hint">{t('admin.calendars.importHint')}</p>
      <Field label={t('admin.calendars.importFile')} error={fileError}>
        {(p) => <input {...p} type="file" accept=".ics,text/calendar" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <fieldset>
        <legend id={modeId}>{t('admin.calendars.importMode')}</legend>
        {(['merge', 'replace'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name={modeId} value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`admin.calendars.importMode.${m}`)}
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn" disabled={importIcs.isPending}>
          {t('admin.calendars.importSubmit')}
        </button>
      </div>
      <div role="status" className="calendar-import-report">
        {report && (
          <>
            <p>{t('admin.calendars.importDone')}</p>
            <ul>
              <li>{t('admin.calendars.report.added', { count: report.added })}</li>
              {report.removed > 0 && <li>{t('admin.calendars.report.removed', { count: report.removed })}</li>}
              {report.skipped > 0 && <li>{t('admin.calendars.report.skipped', { count: report.skipped })}</li>}
              {report.invalid > 0 && <li>{t('admin.calendars.report.invalid', { count: report.invalid })}</li>}
            </ul>
            {report.notes.length > 0 && (
              <ul className="calendar-import-notes">
                {report.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </form>
  );
}
