import { useAgents, useTeams } from '../../../shared/api/lookups';
import { TIERS } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { MACRO_ACTION_TYPES, type MacroAction, type MacroActionType } from './api';

/** One change being edited: its type and its value as the form holds it (tags as "a, b"; '' = none chosen). */
export interface ActionRow {
  key: number;
  type: MacroActionType;
  value: string;
}

const STATUSES = ['open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
const DEFAULTS: Record<MacroActionType, string> = {
  set_status: 'pending', set_urgency: '2', set_impact: '2', set_team: '', set_assignee: '', set_tier: 'L2', add_tags: '', remove_tags: '',
};

let nextKey = 0;
export const newRow = (type: MacroActionType): ActionRow => ({ key: ++nextKey, type, value: DEFAULTS[type] });

export function rowOf(a: MacroAction): ActionRow {
  const value = (() => {
    switch (a.type) {
      case 'set_status': return a.status;
      case 'set_urgency': return String(a.urgency);
      case 'set_impact': return String(a.impact);
      case 'set_team': return a.team_id;
      case 'set_assignee': return a.agent_id ?? '';
      case 'set_tier': return a.tier;
      case 'add_tags':
      case 'remove_tags': return a.tags.join(', ');
    }
  })();
  return { key: ++nextKey, type: a.type, value };
}

/** The action a row stands for; null when it still lacks a value (no team chosen, no tag). */
export function actionOf(r: ActionRow): MacroAction | null {
  const level = Number(r.value) as 1 | 2 | 3;
  switch (r.type) {
    case 'set_status': return { type: r.type, status: r.value as (typeof STATUSES)[number] };
    case 'set_urgency': return { type: r.type, urgency: level };
    case 'set_impact': return { type: r.type, impact: level };
    case 'set_team': return r.value ? { type: r.type, team_id: r.value } : null;
    case 'set_assignee': return { type: r.type, agent_id: r.value || null };
    case 'set_tier': return { type: r.type, tier: r.value as (typeof TIERS)[number] };
    case 'add_tags':
    case 'remove_tags': {
      const tags = r.value.split(',').map((x) => x.trim()).filter(Boolean);
      return tags.length ? { type: r.type, tags } : null;
    }
  }
}

/** The macro's changes, one row each: a type (each at most once) and its value; rows can be added and removed. */
export function ActionRows({ rows, errors, onChange }: {
  rows: readonly ActionRow[];
  errors: Readonly<Record<number, string>>;
  onChange: (rows: ActionRow[]) => void;
}) {
  const t = useT();
  const teams = useTeams();
  const agents = useAgents();
  const used = new Set(rows.map((r) => r.type));
  const free = MACRO_ACTION_TYPES.filter((x) => !used.has(x));
  const set = (key: number, patch: Partial<ActionRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch, ...(patch.type ? { value: DEFAULTS[patch.type] } : {}) } : r)));

  function valueControl(r: ActionRow, n: number) {
    const common = {
      'aria-label': t('macros.form.value', { n }),
      'aria-invalid': Boolean(errors[r.key]),
      value: r.value,
      onChange: (e: { target: { value: string } }) => set(r.key, { value: e.target.value }),
    };
    switch (r.type) {
      case 'set_status':
        return <select {...common}>{STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}</select>;
      case 'set_urgency':
      case 'set_impact':
        return <select {...common}>{(['1', '2', '3'] as const).map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}</select>;
      case 'set_team':
        return (
          <select {...common}>
            <option value="">{t('macros.form.chooseTeam')}</option>
            {(teams.data ?? []).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        );
      case 'set_assignee':
        return (
          <select {...common}>
            <option value="">{t('macros.form.nobody')}</option>
            {(agents.data ?? []).filter((a) => a.active || a.id === r.value).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        );
      case 'set_tier':
        return <select {...common}>{TIERS.map((x) => <option key={x} value={x}>{t(`tier.${x}`)}</option>)}</select>;
      case 'add_tags':
      case 'remove_tags':
        return <input {...common} type="text" placeholder={t('macros.form.tagsPlaceholder')} />;
    }
  }

  return (
    <fieldset>
      <legend>{t('macros.form.changes')}</legend>
      {rows.length === 0 && <p className="muted">{t('macros.form.noChanges')}</p>}
      <ul className="macro-action-rows">
        {rows.map((r, i) => (
          <li key={r.key}>
            <select
              aria-label={t('macros.form.changeType', { n: i + 1 })}
              value={r.type}
              onChange={(e) => set(r.key, { type: e.target.value as MacroActionType })}
            >
              {MACRO_ACTION_TYPES.filter((x) => x === r.type || !used.has(x)).map((x) => (
                <option key={x} value={x}>{t(`macros.action.${x}`)}</option>
              ))}
            </select>
            {valueControl(r, i + 1)}
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('macros.form.removeChange', { n: i + 1 })}
              onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
            >
              <span aria-hidden="true">×</span>
            </button>
            {errors[r.key] && <span className="field-error">{errors[r.key]}</span>}
          </li>
        ))}
      </ul>
      {free[0] && (
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newRow(free[0]!)])}>
          {t('macros.form.addChange')}
        </button>
      )}
    </fieldset>
  );
}
