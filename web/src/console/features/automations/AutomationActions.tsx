import type { ReactNode } from 'react';
import { useAgents, useTeams } from '../../../shared/api/lookups';
import { TIERS } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import type { NotifyRecipient, TicketActionType } from './api';
import { ACTION_STATUSES, ACTION_TYPES, newAction, RECIPIENTS, type ActionDraft } from './rule-form';

type Problem = { text: string; english: boolean } | undefined;

/**
 * The rule's actions, in the order they run: a type per row and the fields that type takes (a value, tags,
 * recipients, or texts in French and English with {{variables}}).
 */
export function AutomationActions({ rows, problems, disabled, onChange }: {
  rows: readonly ActionDraft[];
  /** What is wrong with row i, or with the list itself (i = -1). */
  problems: (i: number) => Problem;
  disabled: boolean;
  onChange: (rows: ActionDraft[]) => void;
}) {
  const t = useT();
  const teams = useTeams();
  const agents = useAgents();
  const set = (k: number, patch: Partial<ActionDraft>) => onChange(rows.map((r) => (r.key === k ? { ...r, ...patch } : r)));
  const listProblem = problems(-1);

  function select(r: ActionDraft, n: number, invalid: boolean, options: ReactNode) {
    return (
      <select aria-label={t('automations.form.actionValue', { n })} aria-invalid={invalid} disabled={disabled} value={r.value}
        onChange={(e) => set(r.key, { value: e.target.value })}>
        {options}
      </select>
    );
  }

  function texts(r: ActionDraft, n: number, which: 'text' | 'message') {
    return (
      <div className="automation-texts">
        {(['fr', 'en'] as const).map((lang) => (
          <label key={lang} className="automation-text">
            <span>{t(`automations.form.${which}.${lang}`, { n })}</span>
            <textarea value={r[lang]} disabled={disabled} lang={lang} onChange={(e) => set(r.key, { [lang]: e.target.value })} />
          </label>
        ))}
        <span className="field-hint">{t('automations.form.templateHint')}</span>
      </div>
    );
  }

  function fields(r: ActionDraft, n: number, invalid: boolean): ReactNode {
    switch (r.type) {
      case 'set_status':
        return select(r, n, invalid, ACTION_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>));
      case 'set_urgency':
      case 'set_impact':
        return select(r, n, invalid, (['1', '2', '3'] as const).map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>));
      case 'set_tier':
        return select(r, n, invalid, TIERS.map((x) => <option key={x} value={x}>{t(`tier.${x}`)}</option>));
      case 'set_team':
        return select(r, n, invalid, [
          <option key="" value="">{t('automations.form.chooseTeam')}</option>,
          ...(teams.data ?? []).map((x) => <option key={x.id} value={x.id}>{x.name}</option>),
        ]);
      case 'set_assignee':
        return select(r, n, invalid, [
          <option key="" value="">{t('automations.form.nobody')}</option>,
          ...(agents.data ?? []).filter((a) => a.active || a.id === r.value).map((a) => <option key={a.id} value={a.id}>{a.name}</option>),
        ]);
      case 'add_tags':
      case 'remove_tags':
        return (
          <input type="text" aria-label={t('automations.form.actionValue', { n })} aria-invalid={invalid} disabled={disabled}
            value={r.tags} placeholder={t('automations.form.tagsPlaceholder')} onChange={(e) => set(r.key, { tags: e.target.value })} />
        );
      case 'notify':
        return (
          <div className="automation-notify">
            <fieldset className="admin-checks">
              <legend>{t('automations.form.recipients', { n })}</legend>
              {RECIPIENTS.map((who) => (
                <label key={who} className="check">
                  <input type="checkbox" disabled={disabled} checked={r.recipients.includes(who)}
                    onChange={(e) => set(r.key, { recipients: toggle(r.recipients, who, e.target.checked) })} />
                  {t(`automations.recipient.${who}`)}
                </label>
              ))}
            </fieldset>
            <label className="check">
              <input type="checkbox" disabled={disabled} checked={r.email} onChange={(e) => set(r.key, { email: e.target.checked })} />
              {t('automations.form.email')}
            </label>
            {texts(r, n, 'message')}
          </div>
        );
      case 'reply':
      case 'note':
        return texts(r, n, 'text');
      case 'raise_priority':
      case 'escalate_tier':
        return null;
    }
  }

  return (
    <fieldset className="automation-actions">
      <legend>{t('automations.form.actions')}</legend>
      {rows.length === 0 && <p className="muted">{t('automations.form.noActions')}</p>}
      <ol className="automation-rows">
        {rows.map((r, i) => {
          const n = i + 1;
          const problem = problems(i);
          return (
            <li key={r.key}>
              <div className="row automation-row">
                <select aria-label={t('automations.form.actionType', { n })} value={r.type} disabled={disabled}
                  onChange={(e) => set(r.key, { ...newAction(e.target.value as TicketActionType), key: r.key })}>
                  {ACTION_TYPES.map((x) => <option key={x} value={x}>{t(`automations.action.${x}`)}</option>)}
                </select>
                {r.type !== 'notify' && r.type !== 'reply' && r.type !== 'note' && fields(r, n, Boolean(problem))}
                {!disabled && (
                  <button type="button" className="btn btn-small" aria-label={t('automations.form.removeAction', { n })}
                    onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </div>
              {(r.type === 'notify' || r.type === 'reply' || r.type === 'note') && fields(r, n, Boolean(problem))}
              {problem && <span className="field-error" lang={problem.english ? 'en' : undefined}>{problem.text}</span>}
            </li>
          );
        })}
      </ol>
      {listProblem && <span className="field-error" lang={listProblem.english ? 'en' : undefined}>{listProblem.text}</span>}
      {!disabled && (
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newAction()])}>
          {t('automations.form.addAction')}
        </button>
      )}
    </fieldset>
  );
}

function toggle(list: readonly NotifyRecipient[], who: NotifyRecipient, on: boolean): NotifyRecipient[] {
  return on ? [...list.filter((x) => x !== who), who] : list.filter((x) => x !== who);
}
