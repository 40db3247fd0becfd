import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../../shared/api/client';
import type { MessageId } from '../../../../shared/i18n/ids';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { problemsAt, serverProblems } from '../../automations/rule-form';
import { useCalendars } from '../calendars/api';
import { useApiErrorText } from '../errors';
import { Field, FormError, useFocusFirstError } from '../form';
import { useCreateSlaPolicy, useUpdateSlaPolicy, type SlaPolicy } from './api';
import { ConditionsFields } from './ConditionsFields';
import { EscalationRows } from './EscalationRows';
import { checkPolicyDraft, emptyPolicyDraft, PAUSE_STATUSES, policyBodyOf, policyDraftOf, type PolicyDraft } from './policy-form';
import { TargetsTable } from './TargetsTable';

const INVALID = new Set(['INVALID_SLA_POLICY', 'VALIDATION_FAILED', 'CONFLICT', 'CALENDAR_NOT_FOUND']);

/**
 * Creates or edits an SLA policy (administrators; managers see it read-only). The form's own problems are shown
 * in the user's language; the server's (INVALID_SLA_POLICY, one per path such as `targets.P1.resolution` or
 * `escalations.0.actions.1.team_id`) next to the field they concern, in English.
 */
export function SlaPolicyEditor({ policy, canEdit, onDone, onCancel }: {
  policy: SlaPolicy | null;
  canEdit: boolean;
  onDone: (p: SlaPolicy) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const errorText = useApiErrorText();
  const create = useCreateSlaPolicy();
  const update = useUpdateSlaPolicy();
  const calendars = useCalendars();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState<PolicyDraft>(() => (policy ? policyDraftOf(policy) : emptyPolicyDraft()));
  const [client, setClient] = useState<Record<string, string>>({});
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const disabled = !canEdit;
  const patch = (p: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...p }));

  const translate = (ids: string) => ids.split('; ').map((id) => t(id as MessageId)).join(' ');
  /** The form's message (translated) else the server's (English), at a path and under it. */
  const problem = (path: string) => {
    const mine = problemsAt(client, path);
    if (mine) return { text: translate(mine), english: false };
    const theirs = problemsAt(server, path);
    return theirs ? { text: theirs, english: true } : undefined;
  };
  const exact = (path: string) =>
    client[path] ? { text: translate(client[path]), english: false } : server[path] ? { text: server[path], english: true } : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setServer({});
    const found = checkPolicyDraft(draft);
    setClient(found);
    if (Object.keys(found).length > 0) return focusFirstError();
    try {
      const body = policyBodyOf(draft);
      onDone(policy ? await update.mutateAsync({ id: policy.id, body }) : await create.mutateAsync(body));
    } catch (err) {
      if (err instanceof ApiError && INVALID.has(err.code)) {
        setServer(serverProblems(err.details));
        setFormError(err.code === 'CONFLICT' ? t('admin.error.nameTaken') : t('slaPolicies.error.invalid'));
      } else setFormError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form sla-policy-editor"
      aria-label={policy ? t('slaPolicies.editNamed', { name: policy.name }) : t('slaPolicies.new')}>
      <Field label={t('slaPolicies.form.name')} error={problem('name')?.text}>
        {(p) => <input {...p} value={draft.name} maxLength={120} disabled={disabled} onChange={(e) => patch({ name: e.target.value })} />}
      </Field>
      <Field label={t('slaPolicies.form.description')} error={problem('description')?.text}>
        {(p) => <textarea {...p} className="admin-short-text" value={draft.description} maxLength={2000} disabled={disabled}
          onChange={(e) => patch({ description: e.target.value })} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.active} disabled={disabled} onChange={(e) => patch({ active: e.target.checked })} />
        {t('slaPolicies.form.active')}
      </label>

      <ConditionsFields value={draft} problem={problem} disabled={disabled} onChange={patch} />

      <div className="row admin-row-fields">
        <Field label={t('slaPolicies.form.calendar')} hint={t('slaPolicies.form.calendarHint')} error={problem('calendar_id')?.text}>
          {(p) => (
            <select {...p} value={draft.calendarId} disabled={disabled} onChange={(e) => patch({ calendarId: e.target.value })}>
              <option value="">{t('slaPolicies.form.teamCalendar')}</option>
              {(calendars.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          )}
        </Field>
        <fieldset className="admin-checks">
          <legend>{t('slaPolicies.form.pause')}</legend>
          {PAUSE_STATUSES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" disabled={disabled} checked={draft.pauseStatuses.includes(s)}
                onChange={(e) => patch({ pauseStatuses: PAUSE_STATUSES.filter((x) => (x === s ? e.target.checked : draft.pauseStatuses.includes(x))) })} />
              {t(`status.${s}`)}
            </label>
          ))}
          <span className="field-hint">{t('slaPolicies.form.pauseHint')}</span>
          {problem('pause_statuses') && <span className="field-error" lang="en">{problem('pause_statuses')!.text}</span>}
        </fieldset>
      </div>

      <TargetsTable targets={draft.targets} problem={problem} disabled={disabled} onChange={(targets) => patch({ targets })} />
      <EscalationRows rows={draft.escalations} problem={problem} exact={exact} disabled={disabled}
        onChange={(escalations) => patch({ escalations })} />

      <FormError message={formError} />
      <div className="row admin-form-actions">
        {canEdit && (
          <button type="submit" className="btn btn-primary" disabled={create.isPending || update.isPending}>
            {policy ? t('common.save') : t('slaPolicies.create')}
          </button>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          {canEdit ? t('common.cancel') : t('common.close')}
        </button>
      </div>
    </form>
  );
}
