import { useT } from '../../../../shared/i18n/I18nProvider';
import { useCalendars } from '../calendars/api';
import { Field } from '../form';
import { RuleEditorFooter, useRuleEditor } from '../rule-editor';
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
  const create = useCreateSlaPolicy();
  const update = useUpdateSlaPolicy();
  const calendars = useCalendars();
  const { ref, draft, setDraft, problem, exact, submit, formError, pending } = useRuleEditor({
    rule: policy, initial: () => (policy ? policyDraftOf(policy) : emptyPolicyDraft()), check: checkPolicyDraft, bodyOf: policyBodyOf,
    create, update, invalidCodes: INVALID, invalidMessage: 'slaPolicies.error.invalid', onDone,
  });
  const disabled = !canEdit;
  const patch = (p: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...p }));

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

      <RuleEditorFooter formError={formError} canEdit={canEdit} isNew={!policy} createLabel={t('slaPolicies.create')}
        pending={pending} onCancel={onCancel} />
    </form>
  );
}
