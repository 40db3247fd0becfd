import { useState, type FormEvent, type Ref } from 'react';
import { useAgents, useCategories, useTeams } from '../../../shared/api/lookups';
import { TICKET_STATUSES, TIERS } from '../../../shared/api/types';
import { useCurrentUser } from '../../../shared/auth/session';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { errorText, useUpdateTicket, type TicketView } from './api';
import type { EscalateMode } from './EscalateDialog';
import { buildPatch, currentValues, type FieldKey, type FieldValues } from './properties';

const LEVELS = [1, 2, 3] as const;

/**
 * Status, priority inputs, routing, category and equipment, saved together in one PATCH with an optional
 * reason. Fields show the ticket as it is now (kept live) unless the agent has edited them.
 */
export function PropertiesForm({
  ticket,
  readOnly,
  assigneeRef,
  onEscalate,
}: {
  ticket: TicketView;
  readOnly: boolean;
  assigneeRef?: Ref<HTMLSelectElement>;
  onEscalate: (mode: EscalateMode) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const me = useCurrentUser();
  const update = useUpdateTicket(ticket.id);
  const agents = useAgents();
  const teams = useTeams();
  const categories = useCategories();
  const [edits, setEdits] = useState<Partial<FieldValues>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const cur = currentValues(ticket);
  const value = (k: FieldKey) => edits[k] ?? cur[k];
  const set = (k: FieldKey) => (e: { target: { value: string } }) => {
    setEdits((x) => ({ ...x, [k]: e.target.value }));
    setSaved(false);
    setError(null);
  };
  const patch = buildPatch(ticket, edits);
  const dirty = Object.keys(patch).length > 0;

  async function run(body: Parameters<typeof update>[0]) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await update(body);
      setEdits({});
      setReason('');
      setSaved(true);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (dirty) void run({ ...patch, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  }

  const team = value('team_id');
  const assignable = (agents.data ?? []).filter(
    (a) => a.id === cur.assignee_id || (a.active && (team === '' || a.team_ids.includes(team))),
  );
  const sortedCategories = [...(categories.data ?? [])].sort((a, b) => a.full_name[locale].localeCompare(b.full_name[locale], locale));
  const statuses = TICKET_STATUSES.filter((s) => s !== 'new' || ticket.status === 'new');
  // The server refuses to move a resolved ticket: reopen it first.
  const canMove = ticket.status !== 'resolved';

  return (
    <form className="properties stack" onSubmit={submit} aria-labelledby="properties-title">
      <h2 id="properties-title">{t('ticket.properties.title')}</h2>
      <fieldset disabled={readOnly || busy} className="properties-fields">
        <legend className="visually-hidden">{t('ticket.properties.title')}</legend>
        <label className="field">
          <span>{t('ticket.field.status')}</span>
          <select value={value('status')} onChange={set('status')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="row properties-pair">
          <label className="field">
            <span>{t('ticket.field.urgency')}</span>
            <select value={value('urgency')} onChange={set('urgency')}>
              {LEVELS.map((l) => (
                <option key={l} value={String(l)}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('ticket.field.impact')}</span>
            <select value={value('impact')} onChange={set('impact')}>
              {LEVELS.map((l) => (
                <option key={l} value={String(l)}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="field-hint">{t('ticket.properties.priorityHint')}</p>
        <label className="field">
          <span>{t('ticket.field.tier')}</span>
          <select value={value('tier')} onChange={set('tier')}>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {t(`tier.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ticket.field.team')}</span>
          <select value={team} onChange={set('team_id')}>
            <option value="">{t('ticket.value.noTeam')}</option>
            {(teams.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ticket.field.assignee')}</span>
          <select id="ticket-assignee" ref={assigneeRef} value={value('assignee_id')} onChange={set('assignee_id')}>
            <option value="">{t('ticket.value.unassigned')}</option>
            {assignable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <button
            type="button"
            className="btn btn-small"
            disabled={ticket.assignee_id === me.id}
            onClick={() => void run({ assignee_id: me.id })}
          >
            {t('ticket.properties.assignToMe')}
          </button>
          <button type="button" className="btn btn-small" disabled={!canMove} onClick={() => onEscalate('up')}>
            {t('ticket.escalate.open')}
          </button>
          {ticket.tier !== 'L1' && (
            <button type="button" className="btn btn-small" disabled={!canMove} onClick={() => onEscalate('down')}>
              {t('routing.deescalate.open')}
            </button>
          )}
        </div>
        <label className="field">
          <span>{t('ticket.field.category')}</span>
          <select value={value('category_id')} onChange={set('category_id')}>
            <option value="">{t('ticket.value.noCategory')}</option>
            {sortedCategories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.full_name[locale]}
              </option>
            ))}
          </select>
        </label>
        <div className="row properties-pair">
          <label className="field">
            <span>{t('ticket.field.equipmentBrand')}</span>
            <input value={value('equipment_brand')} onChange={set('equipment_brand')} maxLength={120} />
          </label>
          <label className="field">
            <span>{t('ticket.field.equipmentModel')}</span>
            <input value={value('equipment_model')} onChange={set('equipment_model')} maxLength={120} />
          </label>
        </div>
        <div className="field">
          <label htmlFor="properties-reason">{t('ticket.properties.reason')}</label>
          <textarea
            id="properties-reason"
            className="reason"
            rows={2}
            value={reason}
            maxLength={2000}
            aria-describedby="properties-reason-hint"
            onChange={(e) => setReason(e.target.value)}
          />
          <p id="properties-reason-hint" className="field-hint">
            {t('ticket.properties.reasonHint')}
          </p>
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!dirty}>
            {busy ? t('ticket.properties.saving') : t('ticket.properties.save')}
          </button>
          {dirty && (
            <button type="button" className="btn btn-ghost" onClick={() => setEdits({})}>
              {t('ticket.properties.reset')}
            </button>
          )}
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p role="status" className="muted">
        {saved ? t('common.saved') : ''}
      </p>
    </form>
  );
}
