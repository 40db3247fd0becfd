import { CHANNELS } from '../../../../shared/api/types';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { CategoriesSelect, CheckGroup, OrganizationsSelect } from '../condition-fields';
import type { Problem } from '../rule-editor';
import { TICKET_TYPES, type PolicyDraft } from './policy-form';

type Conditions = Pick<PolicyDraft, 'organizationIds' | 'types' | 'categoryIds' | 'channels'>;

/** Which tickets the policy is for: every condition given must hold; none given = every ticket. */
export function ConditionsFields({ value, problem, disabled, onChange }: {
  value: Conditions;
  problem: (path: string) => Problem;
  disabled: boolean;
  onChange: (patch: Partial<Conditions>) => void;
}) {
  const t = useT();
  return (
    <fieldset className="sla-conditions">
      <legend>{t('slaPolicies.form.conditions')}</legend>
      <p className="field-hint">{t('slaPolicies.form.conditionsHint')}</p>
      <div className="row admin-row-fields">
        <OrganizationsSelect id="sla-cond-orgs" label={t('slaPolicies.form.organizations')} value={value.organizationIds}
          disabled={disabled} problem={problem('conditions.organization_ids')} onChange={(organizationIds) => onChange({ organizationIds })} />
        <CategoriesSelect id="sla-cond-categories" label={t('slaPolicies.form.categories')} hint={t('slaPolicies.form.categoriesHint')}
          value={value.categoryIds} disabled={disabled} problem={problem('conditions.category_ids')}
          onChange={(categoryIds) => onChange({ categoryIds })} />
      </div>
      <div className="row admin-row-fields">
        <CheckGroup legend={t('slaPolicies.form.types')} options={TICKET_TYPES} label={(x) => t(`type.${x}`)} value={value.types}
          disabled={disabled} problem={problem('conditions.types')} onChange={(types) => onChange({ types })} />
        <CheckGroup legend={t('slaPolicies.form.channels')} options={CHANNELS} label={(x) => t(`channel.${x}`)} value={value.channels}
          disabled={disabled} problem={problem('conditions.channels')} onChange={(channels) => onChange({ channels })} />
      </div>
    </fieldset>
  );
}
