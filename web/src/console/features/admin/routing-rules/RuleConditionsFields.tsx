import { useT } from '../../../../shared/i18n/I18nProvider';
import { CategoriesSelect, CheckGroup, OrganizationsSelect } from '../condition-fields';
import type { Problem } from '../rule-editor';
import { ChipsInput } from './ChipsInput';
import { CHANNELS, MAX_WORD_LENGTH, MAX_WORDS, PRIORITIES, type RuleDraft } from './rule-form';

type Conditions = Pick<RuleDraft, 'channels' | 'priorities' | 'categoryIds' | 'organizationIds' | 'keywords' | 'brands'>;

/** Which tickets the rule takes: every condition given must hold; none given = every ticket. */
export function RuleConditionsFields({ value, problem, disabled, onChange }: {
  value: Conditions;
  problem: (path: string) => Problem;
  disabled: boolean;
  onChange: (patch: Partial<Conditions>) => void;
}) {
  const t = useT();
  return (
    <fieldset className="routing-conditions">
      <legend>{t('routingRules.form.conditions')}</legend>
      <p className="field-hint">{t('routingRules.form.conditionsHint')}</p>
      <div className="row admin-row-fields">
        <ChipsInput label={t('routingRules.form.keywords')} hint={t('routingRules.form.keywordsHint')} values={value.keywords}
          onChange={(keywords) => onChange({ keywords })} disabled={disabled} max={MAX_WORDS} maxLength={MAX_WORD_LENGTH}
          problem={problem('conditions.keywords')} />
        <ChipsInput label={t('routingRules.form.brands')} hint={t('routingRules.form.brandsHint')} values={value.brands}
          onChange={(brands) => onChange({ brands })} disabled={disabled} max={MAX_WORDS} maxLength={MAX_WORD_LENGTH}
          problem={problem('conditions.brands')} />
      </div>
      <div className="row admin-row-fields">
        <CategoriesSelect id="routing-cond-categories" label={t('routingRules.form.categories')} hint={t('routingRules.form.categoriesHint')}
          value={value.categoryIds} disabled={disabled} problem={problem('conditions.category_ids')}
          onChange={(categoryIds) => onChange({ categoryIds })} />
        <OrganizationsSelect id="routing-cond-orgs" label={t('routingRules.form.organizations')} value={value.organizationIds}
          disabled={disabled} problem={problem('conditions.organization_ids')} onChange={(organizationIds) => onChange({ organizationIds })} />
      </div>
      <div className="row admin-row-fields">
        <CheckGroup legend={t('routingRules.form.channels')} options={CHANNELS} label={(x) => t(`channel.${x}`)} value={value.channels}
          disabled={disabled} problem={problem('conditions.channels')} onChange={(channels) => onChange({ channels })} />
        <CheckGroup legend={t('routingRules.form.priorities')} options={PRIORITIES} label={(x) => t(`priority.${x}`)} value={value.priorities}
          disabled={disabled} problem={problem('conditions.priorities')} onChange={(priorities) => onChange({ priorities })} />
      </div>
    </fieldset>
  );
}
