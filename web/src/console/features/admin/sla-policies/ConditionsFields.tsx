import { useCategories } from '../../../../shared/api/lookups';
import { CHANNELS, type Channel } from '../../../../shared/api/types';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { useOrganizationChoices } from '../../automations/api';
import { TICKET_TYPES, type PolicyDraft, type TicketType } from './policy-form';

type Problem = { text: string; english: boolean } | undefined;
type Conditions = Pick<PolicyDraft, 'organizationIds' | 'types' | 'categoryIds' | 'channels'>;

const toggle = <V extends string>(list: readonly V[], v: V, on: boolean): V[] => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));
const picked = (e: { target: HTMLSelectElement }) => [...e.target.selectedOptions].map((o) => o.value);

/** Which tickets the policy is for: every condition given must hold; none given = every ticket. */
export function ConditionsFields({ value, problem, disabled, onChange }: {
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
    <fieldset className="sla-conditions">
      <legend>{t('slaPolicies.form.conditions')}</legend>
      <p className="field-hint">{t('slaPolicies.form.conditionsHint')}</p>
      <div className="row admin-row-fields">
        <div className="field">
          <label htmlFor="sla-cond-orgs">{t('slaPolicies.form.organizations')}</label>
          <select id="sla-cond-orgs" multiple disabled={disabled} value={value.organizationIds}
            aria-invalid={Boolean(problem('conditions.organization_ids'))} onChange={(e) => onChange({ organizationIds: picked(e) })}>
            {(organizations.data ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          {error('conditions.organization_ids')}
        </div>
        <div className="field">
          <label htmlFor="sla-cond-categories">{t('slaPolicies.form.categories')}</label>
          <select id="sla-cond-categories" multiple disabled={disabled} value={value.categoryIds}
            aria-invalid={Boolean(problem('conditions.category_ids'))} onChange={(e) => onChange({ categoryIds: picked(e) })}>
            {sortedCategories.map((c) => <option key={c.id} value={c.id}>{c.full_name[locale]}</option>)}
          </select>
          <span className="field-hint">{t('slaPolicies.form.categoriesHint')}</span>
          {error('conditions.category_ids')}
        </div>
      </div>
      <div className="row admin-row-fields">
        <fieldset className="admin-checks">
          <legend>{t('slaPolicies.form.types')}</legend>
          {TICKET_TYPES.map((x) => (
            <label key={x} className="check">
              <input type="checkbox" disabled={disabled} checked={value.types.includes(x)}
                onChange={(e) => onChange({ types: toggle<TicketType>(value.types, x, e.target.checked) })} />
              {t(`type.${x}`)}
            </label>
          ))}
          {error('conditions.types')}
        </fieldset>
        <fieldset className="admin-checks">
          <legend>{t('slaPolicies.form.channels')}</legend>
          {CHANNELS.map((x) => (
            <label key={x} className="check">
              <input type="checkbox" disabled={disabled} checked={value.channels.includes(x)}
                onChange={(e) => onChange({ channels: toggle<Channel>(value.channels, x, e.target.checked) })} />
              {t(`channel.${x}`)}
            </label>
          ))}
          {error('conditions.channels')}
        </fieldset>
      </div>
    </fieldset>
  );
}
