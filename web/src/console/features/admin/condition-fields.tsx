/**
 * The condition fields that SLA policies and routing rules share: organizations and categories as multiple
 * selects, and groups of check boxes (channels, ticket types, priorities), each with its problem from the server.
 */
import { useCategories } from '../../../shared/api/lookups';
import { useLocale } from '../../../shared/i18n/I18nProvider';
import { useOrganizationChoices } from '../automations/api';
import type { Problem } from './rule-editor';

const picked = (e: { target: HTMLSelectElement }) => [...e.target.selectedOptions].map((o) => o.value);
const toggle = <V extends string>(list: readonly V[], v: V, on: boolean): V[] => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));

export function ProblemText({ problem }: { problem: Problem }) {
  return problem ? <span className="field-error" lang={problem.english ? 'en' : undefined}>{problem.text}</span> : null;
}

interface MultiSelectProps {
  id: string;
  label: string;
  hint?: string;
  value: string[];
  disabled: boolean;
  problem: Problem;
  onChange: (ids: string[]) => void;
}

function MultiSelect({ id, label, hint, value, disabled, problem, onChange, options }: MultiSelectProps & { options: { id: string; name: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} multiple disabled={disabled} value={value} aria-invalid={Boolean(problem)} onChange={(e) => onChange(picked(e))}>
        {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
      {hint && <span className="field-hint">{hint}</span>}
      <ProblemText problem={problem} />
    </div>
  );
}

export function OrganizationsSelect(props: MultiSelectProps) {
  const organizations = useOrganizationChoices();
  return <MultiSelect {...props} options={organizations.data ?? []} />;
}

/** Categories by their full name in the reader's language (a category matches its sub-categories). */
export function CategoriesSelect(props: MultiSelectProps) {
  const { locale } = useLocale();
  const categories = useCategories();
  const options = (categories.data ?? [])
    .map((c) => ({ id: c.id, name: c.full_name[locale] }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  return <MultiSelect {...props} options={options} />;
}

export function CheckGroup<V extends string>({ legend, options, label, value, disabled, problem, onChange }: {
  legend: string;
  options: readonly V[];
  label: (v: V) => string;
  value: V[];
  disabled: boolean;
  problem: Problem;
  onChange: (values: V[]) => void;
}) {
  return (
    <fieldset className="admin-checks">
      <legend>{legend}</legend>
      {options.map((x) => (
        <label key={x} className="check">
          <input type="checkbox" disabled={disabled} checked={value.includes(x)} onChange={(e) => onChange(toggle(value, x, e.target.checked))} />
          {label(x)}
        </label>
      ))}
      <ProblemText problem={problem} />
    </fieldset>
  );
}
