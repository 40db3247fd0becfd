import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api/client';
import { useAgents } from '../../../shared/api/lookups';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useApiErrorText } from '../admin/errors';
import { Field, FormError, useFocusFirstError } from '../admin/form';
import { AGENT_STATUSES, useUpdateAvailability, type Availability } from './api';
import { bodyOf, draftOf, validateDraft, type AvailabilityDraft } from './draft';
import { WorkingHoursEditor } from './WorkingHoursEditor';
import './availability.css';

/** Which message explains a problem the server reported at `path` (client checks catch most before sending). */
const SERVER_PROBLEMS: Array<[RegExp, 'availability.error.delegate' | 'availability.error.period' | 'availability.error.backBeforeFrom' | 'availability.error.capacity']> = [
  [/^out_of_office\.delegate_id$/, 'availability.error.delegate'],
  [/^out_of_office\.from$/, 'availability.error.period'],
  [/^out_of_office\.until$/, 'availability.error.backBeforeFrom'],
  [/^capacity$/, 'availability.error.capacity'],
];

/**
 * Personal working hours and out of office (with a delegate); with `manage` (managers and administrators) also
 * the status and the capacity. Sends only what changed.
 */
export function AvailabilityForm({
  agentId,
  timeZone,
  availability,
  manage,
  label,
  onDone,
  onCancel,
}: {
  agentId: string;
  /** The agent's time zone: hours and days are theirs. */
  timeZone: string;
  availability: Availability;
  manage: boolean;
  label: string;
  onDone: (saved: Availability) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const errorText = useApiErrorText();
  const update = useUpdateAvailability();
  const agents = useAgents();
  const { ref, focusFirstError } = useFocusFirstError();
  const initial = useMemo(() => draftOf(availability, timeZone), [availability, timeZone]);
  const [draft, setDraft] = useState<AvailabilityDraft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const set = (patch: Partial<AvailabilityDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const delegates = (agents.data ?? []).filter((a) => a.active && a.id !== agentId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateDraft(draft, { capacity: manage });
    setProblems(Object.fromEntries(Object.entries(found).map(([path, id]) => [path, t(id)])));
    setServerError(null);
    if (Object.keys(found).length > 0) return focusFirstError();
    const body = bodyOf(draft, initial, { timeZone, status: manage, capacity: manage });
    if (Object.keys(body).length === 0) return onDone(availability);
    try {
      onDone(await update.mutateAsync({ agentId, body }));
    } catch (err) {
      setProblems(serverProblems(err, (id, values) => t(id, values)));
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form avail-form" aria-label={label}>
      {manage && (
        <div className="row admin-row-fields">
          <Field label={t('availability.statusField')}>
            {(p) => (
              <select {...p} value={draft.status} onChange={(e) => set({ status: e.target.value as AvailabilityDraft['status'] })}>
                {AGENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`availability.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('availability.capacity')} hint={t('availability.capacityHint')} error={problems.capacity}>
            {(p) => (
              <input {...p} type="number" min={0} step={1} inputMode="numeric" placeholder={t('availability.noLimit')}
                value={draft.capacity} onChange={(e) => set({ capacity: e.target.value })} />
            )}
          </Field>
        </div>
      )}
      <fieldset>
        <legend>{t('availability.hours')}</legend>
        <label className="check">
          <input type="checkbox" checked={draft.personalHours} onChange={(e) => set({ personalHours: e.target.checked })} />
          {t('availability.personalHours')}
        </label>
        {draft.personalHours ? (
          <>
            <p className="field-hint">{t('availability.hoursHint', { zone: timeZone })}</p>
            <WorkingHoursEditor week={draft.week} problems={problems} onChange={(week) => set({ week })} />
          </>
        ) : (
          <p className="field-hint">{t('availability.alwaysOnShift')}</p>
        )}
        {problems.working_hours && (
          <p className="field-error" role="alert">
            {problems.working_hours}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('availability.absence')}</legend>
        <label className="check">
          <input type="checkbox" checked={draft.away} onChange={(e) => set({ away: e.target.checked })} aria-describedby="avail-absence-hint" />
          {t('availability.absent')}
        </label>
        <p id="avail-absence-hint" className="field-hint">
          {t('availability.absenceHint')}
        </p>
        {draft.away && (
          <div className="row admin-row-fields">
            <Field label={t('availability.from')} hint={t('availability.dateHint')} error={problems['out_of_office.from']}>
              {(p) => <input {...p} type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />}
            </Field>
            <Field label={t('availability.backOn')} hint={t('availability.dateHint')} error={problems['out_of_office.until']}>
              {(p) => <input {...p} type="date" value={draft.backOn} min={draft.from || undefined} onChange={(e) => set({ backOn: e.target.value })} />}
            </Field>
            <Field label={t('availability.delegate')} error={problems['out_of_office.delegate_id']}>
              {(p) => (
                <select {...p} value={draft.delegateId} onChange={(e) => set({ delegateId: e.target.value })}>
                  <option value="">{t('availability.noDelegate')}</option>
                  {delegates.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        )}
      </fieldset>
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function serverProblems(
  err: unknown,
  t: (id: 'availability.error.interval' | (typeof SERVER_PROBLEMS)[number][1], values?: Record<string, string>) => string,
): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const result: Record<string, string> = {};
  for (const d of err.details as Array<{ path?: unknown; message?: unknown }>) {
    const path = String(d?.path ?? '').replace(/^body\./, '');
    const known = SERVER_PROBLEMS.find(([re]) => re.test(path));
    if (known) result[path] = t(known[1]);
    else if (path.startsWith('working_hours')) result[path] = t('availability.error.interval', { message: String(d?.message ?? '') });
  }
  return result;
}
