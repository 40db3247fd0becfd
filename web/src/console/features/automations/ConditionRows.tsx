import { useAgents, useCategories, useTeams } from '../../../shared/api/lookups';
import type { MessageId } from '../../../shared/i18n/ids';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import type { AutomationKind, ConditionField, ConditionOp } from './api';
import { useOrganizationChoices } from './api';
import { EVENT_ONLY, ENUM_VALUES, FIELD_KIND, FIELDS, ID_SOURCE, isListOp, newCondition, opsOf, takesValue, type ConditionDraft } from './rule-form';

/** How an enum value reads (statuses, priorities… use the shared catalogue's words). */
export function useEnumLabel() {
  const t = useT();
  // Values come from ENUM_VALUES, which mirrors the server's lists: each has its message in the shared catalogue.
  const PREFIX: Partial<Record<ConditionField, string>> = {
    status: 'status', priority: 'priority', urgency: 'level', impact: 'level', type: 'type', channel: 'channel', tier: 'tier',
    requester_language: 'lang', event: 'automations.event', actor: 'automations.actor',
  };
  return (field: ConditionField, v: string): string => {
    const prefix = PREFIX[field];
    return prefix ? t(`${prefix}.${v}` as MessageId) : v;
  };
}

/** Choices for id fields: teams, agents, categories (full path), organizations. */
function useIdChoices() {
  const { locale } = useLocale();
  const teams = useTeams();
  const agents = useAgents();
  const categories = useCategories();
  const organizations = useOrganizationChoices();
  return {
    team: (teams.data ?? []).map((x) => ({ id: x.id, name: x.name })),
    agent: (agents.data ?? []).map((x) => ({ id: x.id, name: x.name })),
    category: (categories.data ?? []).map((x) => ({ id: x.id, name: x.full_name[locale] })),
    organization: organizations.data ?? [],
  };
}

/**
 * One group of conditions ("all" or "any"): each row a field, an operator suited to it and a value control
 * suited to both. `problems(i)` is what is wrong with row i (the form's check or the server's), if anything.
 */
export function ConditionRows({ group, kind, rows, problems, disabled, onChange }: {
  group: 'all' | 'any';
  kind: AutomationKind;
  rows: readonly ConditionDraft[];
  problems: (i: number) => { text: string; english: boolean } | undefined;
  disabled: boolean;
  onChange: (rows: ConditionDraft[]) => void;
}) {
  const t = useT();
  const label = useEnumLabel();
  const choices = useIdChoices();
  const groupName = t(`automations.form.group.${group}`);
  const fields = FIELDS.filter((f) => kind === 'event' || !EVENT_ONLY.includes(f));
  const set = (k: number, patch: Partial<ConditionDraft>) => onChange(rows.map((r) => (r.key === k ? { ...r, ...patch } : r)));

  function changeField(r: ConditionDraft, field: ConditionField) {
    set(r.key, { ...newCondition(field), key: r.key });
  }
  function changeOp(r: ConditionDraft, op: ConditionOp) {
    // Switching between one value and a list carries the value over.
    const values = isListOp(op) && !isListOp(r.op) && r.value ? [r.value] : r.values;
    const value = !isListOp(op) && isListOp(r.op) ? (r.values[0] ?? '') : r.value;
    set(r.key, { op, values, value });
  }

  function valueControl(r: ConditionDraft, n: number, invalid: boolean) {
    const aria = { 'aria-label': t('automations.form.conditionValue', { n, group: groupName }), 'aria-invalid': invalid, disabled };
    const kindOf = FIELD_KIND[r.field];
    if (kindOf === 'enum' || kindOf === 'id') {
      const options = kindOf === 'enum'
        ? (ENUM_VALUES[r.field] ?? []).map((v) => ({ id: v, name: label(r.field, v) }))
        : choices[ID_SOURCE[r.field]!];
      if (isListOp(r.op)) {
        return (
          <select {...aria} multiple value={r.values} onChange={(e) => set(r.key, { values: [...e.target.selectedOptions].map((o) => o.value) })}>
            {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        );
      }
      return (
        <select {...aria} value={r.value} onChange={(e) => set(r.key, { value: e.target.value })}>
          {kindOf === 'id' && <option value="">{t('automations.form.notSet')}</option>}
          {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      );
    }
    const placeholder = kindOf === 'tags' ? t('automations.form.tagsPlaceholder') : r.op === 'contains_any' ? t('automations.form.wordsPlaceholder') : undefined;
    return <input {...aria} type="text" value={r.value} placeholder={placeholder} onChange={(e) => set(r.key, { value: e.target.value })} />;
  }

  return (
    <fieldset className="automation-conditions">
      <legend>{t(`automations.form.${group}`)}</legend>
      <span className="field-hint">{t(`automations.form.${group}Hint`)}</span>
      {rows.length === 0 && <p className="muted">{t('automations.form.noConditions')}</p>}
      <ul className="automation-rows">
        {rows.map((r, i) => {
          const n = i + 1;
          const problem = problems(i);
          return (
            <li key={r.key}>
              <div className="row automation-row">
                <select
                  aria-label={t('automations.form.conditionField', { n, group: groupName })}
                  value={r.field}
                  disabled={disabled}
                  onChange={(e) => changeField(r, e.target.value as ConditionField)}
                >
                  {fields.map((f) => <option key={f} value={f}>{t(`automations.field.${f}`)}</option>)}
                </select>
                <select
                  aria-label={t('automations.form.conditionOp', { n, group: groupName })}
                  value={r.op}
                  disabled={disabled}
                  onChange={(e) => changeOp(r, e.target.value as ConditionOp)}
                >
                  {opsOf(r.field).map((op) => <option key={op} value={op}>{t(`automations.op.${op}`)}</option>)}
                </select>
                {takesValue(r.op) && valueControl(r, n, Boolean(problem))}
                {!disabled && (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t('automations.form.removeCondition', { n, group: groupName })}
                    onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </div>
              {problem && <span className="field-error" lang={problem.english ? 'en' : undefined}>{problem.text}</span>}
            </li>
          );
        })}
      </ul>
      {!disabled && (
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newCondition()])}>
          {t(`automations.form.addCondition.${group}`)}
        </button>
      )}
    </fieldset>
  );
}
