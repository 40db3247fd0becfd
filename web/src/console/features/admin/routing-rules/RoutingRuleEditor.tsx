import { useT } from '../../../../shared/i18n/I18nProvider';
import { Field } from '../form';
import { RuleEditorFooter, useRuleEditor } from '../rule-editor';
import { useCreateRoutingRule, useUpdateRoutingRule, type RoutingRule } from './api';
import { checkRuleDraft, emptyRuleDraft, ruleBodyOf, ruleDraftOf, type RuleDraft } from './rule-form';
import { RuleConditionsFields } from './RuleConditionsFields';
import { RuleOutcomeFields } from './RuleOutcomeFields';

// Unknown team or skill answers 404 with the path of the field: shown next to it like the other problems.
const INVALID = new Set(['INVALID_ROUTING_RULE', 'VALIDATION_FAILED', 'CONFLICT', 'TEAM_NOT_FOUND', 'SKILL_NOT_FOUND']);

/**
 * Creates or edits a routing rule (administrators; agents and managers see it read-only). The form's own problems
 * are shown in the user's language; the server's (one per path such as `outcome.required_skills.1.skill_id`) next
 * to the field they concern, in English.
 */
export function RoutingRuleEditor({ rule, canEdit, onDone, onCancel }: {
  rule: RoutingRule | null;
  canEdit: boolean;
  onDone: (r: RoutingRule) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const create = useCreateRoutingRule();
  const update = useUpdateRoutingRule();
  const { ref, draft, setDraft, problem, exact, submit, formError, pending } = useRuleEditor({
    rule, initial: () => (rule ? ruleDraftOf(rule) : emptyRuleDraft()), check: checkRuleDraft, bodyOf: ruleBodyOf,
    create, update, invalidCodes: INVALID, invalidMessage: 'routingRules.error.invalid', onDone,
  });
  const disabled = !canEdit;
  const patch = (p: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...p }));

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form routing-rule-editor"
      aria-label={rule ? t('routingRules.editNamed', { name: rule.name }) : t('routingRules.new')}>
      <Field label={t('routingRules.form.name')} error={problem('name')?.text}>
        {(p) => <input {...p} value={draft.name} maxLength={120} disabled={disabled} onChange={(e) => patch({ name: e.target.value })} />}
      </Field>
      <Field label={t('routingRules.form.description')} error={problem('description')?.text}>
        {(p) => <textarea {...p} className="admin-short-text" value={draft.description} maxLength={2000} disabled={disabled}
          onChange={(e) => patch({ description: e.target.value })} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.active} disabled={disabled} onChange={(e) => patch({ active: e.target.checked })} />
        {t('routingRules.form.active')}
      </label>

      <RuleConditionsFields value={draft} problem={problem} disabled={disabled} onChange={patch} />
      <RuleOutcomeFields value={draft} problem={problem} exact={exact} disabled={disabled} onChange={patch} />

      <RuleEditorFooter formError={formError} canEdit={canEdit} isNew={!rule} createLabel={t('routingRules.create')}
        pending={pending} onCancel={onCancel} />
    </form>
  );
}
