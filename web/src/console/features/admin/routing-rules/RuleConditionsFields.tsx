import { useCategories } from '../../../../shared/api/lookups';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { useOrganizationChoices } from '../../automations/api';
import type { Problem } from '../rule-editor';
import { ChipsInput } from './ChipsInput';
import { CHANNELS, MAX_WORD_LENGTH, MAX_WORDS, PRIORITIES, type RuleDraft } from './rule-form';

type Conditions = Pick<RuleDraft, 'channels' | 'priorities' | 'categoryIds' | 'organizationIds' | 'keywords' | 'brands'>;

const toggle = <V extends string>(list: readonly V[], v: V, on: boolean): V[] => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));
const picked = (e: { target: HTMLSelectElement }) => [...e.target.selectedOptions].map((o) => o.value);

/** Which tickets the rule takes: every condition given must hold; none given = every ticket. */
export function RuleConditionsFields({ value, problem, disabled, onChange }: {
  value: Conditions;
  problem: (path: string) => Problem;
  disabled: boolean;
  onChange: (patch: Partial<Conditions>) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const organizations = useOrganizationChoices();
  const categories = useCategories();
  const sortedCategories = [...(categories.data ?? [])].sort((a, b) => a.full_name[locale].localeCompare(b.full_name[locale], locale));
  const error = (path: string) => {
    const p = problem(path);
    return p ? <span className="field-error" lang={p.english ? 'en' : undefined}>{p.text}</span> : null;
  };
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
        <div className="field">
          <label htmlFor="routing-cond-categories">{t('routingRules.form.categories')}</label>
          <select id="routing-cond-categories" multiple disabled={disabled} value={value.categoryIds}
            aria-invalid={Boolean(problem('conditions.category_ids'))} onChange={(e) => onChange({ categoryIds: picked(e) })}>
            {sortedCategories.map((c) => <option key={c.id} value={c.id}>{c.full_name[locale]}</option>)}
          </select>
          <span className="field-hint">{t('routingRules.form.categoriesHint')}</span>
          {error('conditions.category_ids')}
        </div>
        <div className="field">
          <label htmlFor="routing-cond-orgs">{t('routingRules.form.organizations')}</label>
          <select id="routing-cond-orgs" multiple disabled={disabled} value={value.organizationIds}
            aria-invalid={Boolean(problem('conditions.organization_ids'))} onChange={(e) => onChange({ organizationIds: picked(e) })}>
            {(organizations.data ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          {error('conditions.organization_ids')}
        </div>
      </div>
      <div className="row admin-row-fields">
        <fieldset className="admin-checks">
          <legend>{t('routingRules.form.channels')}</legend>
          {CHANNELS.map((x) => (
            <label key={x} className="check">
              <input type="checkbox" disabled={disabled} checked={value.channels.includes(x)}
                onChange={(e) => onChange({ channels: toggle(value.channels, x, e.target.checked) })} />
              {t(`channel.${x}`)}
            </label>
          ))}
          {error('conditions.channels')}
        </fieldset>
        <fieldset className="admin-checks">
          <legend>{t('routingRules.form.priorities')}</legend>
          {PRIORITIES.map((x) => (
            <label key={x} className="check">
              <input type="checkbox" disabled={disabled} checked={value.priorities.includes(x)}
                onChange={(e) => onChange({ priorities: toggle(value.priorities, x, e.target.checked) })} />
              {t(`priority.${x}`)}
            </label>
          ))}
          {error('conditions.priorities')}
        </fieldset>
      </div>
    </fieldset>
  );
}
