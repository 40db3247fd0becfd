import { useId, useState, type FormEvent } from 'react';
import { useNames, useTeams } from '../../../shared/api/lookups';
import type { Team, Tier } from '../../../shared/api/types';
import { TIERS } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useMoveTicket, type DeEscalateInput, type EscalateInput } from '../routing/api';
import { routingErrorText } from '../routing/errors';
import { RequiredSkillsField, sameSkills, skillRowErrors, toRows, toSkills, type SkillRow } from '../routing/RequiredSkillsField';
import type { TicketView } from './api';

export type EscalateMode = 'up' | 'down';
type Target = 'next' | 'back' | 'tier' | 'team';

const above = (tier: Tier) => TIERS.filter((x) => x > tier);
const below = (tier: Tier) => TIERS.filter((x) => x < tier);

/**
 * Escalation with a required handoff note (POST /tickets/:id/escalate): to the next level (default), a chosen level,
 * or a team — a specialist team outside the levels too — optionally changing the skills the next assignee needs.
 * In `down` mode, sends the ticket back (POST /de-escalate): by default where it came from.
 */
export function EscalateDialog({ ticket, mode, onClose }: { ticket: TicketView; mode: EscalateMode; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const names = useNames();
  const teams = useTeams();
  const move = useMoveTicket(ticket.id);
  const up = mode === 'up';
  const levels = up ? above(ticket.tier) : below(ticket.tier);
  const [target, setTarget] = useState<Target>(up ? (levels.length ? 'next' : 'team') : 'back');
  const [tier, setTier] = useState<Tier | ''>(levels.length === 1 ? levels[0]! : '');
  const [teamId, setTeamId] = useState('');
  const initialSkills = ticket.routing?.required_skills ?? [];
  const [skills, setSkills] = useState<SkillRow[]>(() => toRows(initialSkills));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tierText = (x: Tier | null) => (x ? t(`tier.${x}`) : t('routing.team.outsideLevels'));
  // Up: any team not below the ticket's level (its own place excepted); down: the teams of a lower level.
  const choices = (teams.data ?? []).filter((x) =>
    up
      ? (x.tier === null || x.tier >= ticket.tier) && !(x.id === ticket.team_id && (x.tier ?? ticket.tier) === ticket.tier)
      : x.tier !== null && x.tier < ticket.tier,
  );
  const skillErrors = skillRowErrors(skills, t);
  const incomplete = (target === 'tier' && !tier) || (target === 'team' && !teamId) || Object.keys(skillErrors).length > 0;

  // Where the ticket lands, to say how it will be picked up there (assigned by Relais, or taken with "Next ticket").
  const levelTeam = (x: Tier | undefined) => {
    const at = (teams.data ?? []).filter((team) => team.tier === x);
    return at.length === 1 ? at[0] : undefined;
  };
  const destination: Team | undefined =
    target === 'team' ? choices.find((x) => x.id === teamId)
      : target === 'tier' ? levelTeam(tier || undefined)
        : target === 'next' ? levelTeam(levels[0])
          : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = note.trim();
    if (!text || incomplete) return;
    const where = { ...(target === 'tier' && tier ? { tier } : {}), ...(target === 'team' ? { team_id: teamId } : {}) };
    setBusy(true);
    setError(null);
    try {
      if (up) {
        const chosen = toSkills(skills);
        const body: EscalateInput = { ...where, note: text, ...(sameSkills(chosen, initialSkills) ? {} : { required_skills: chosen }) };
        await move({ direction: 'up', body });
      } else {
        const body: DeEscalateInput = { ...where, note: text };
        await move({ direction: 'down', body });
      }
      onClose();
    } catch (err) {
      setError(routingErrorText(t, err));
      setBusy(false);
    }
  }

  const team = names.team(ticket.team_id);
  const place = team ? t('routing.place.team', { tier: t(`tier.${ticket.tier}`), team }) : t('routing.place.noTeam', { tier: t(`tier.${ticket.tier}`) });
  const radio = (value: Target, label: string, disabled = false) => (
    <label className="radio">
      <input type="radio" name={`${id}-target`} value={value} checked={target === value} disabled={disabled} onChange={() => setTarget(value)} />{' '}
      {label}
    </label>
  );

  return (
    <Dialog title={t(up ? 'routing.escalate.title' : 'routing.deescalate.title')} onClose={onClose}>
      <form onSubmit={submit} className="escalate-form stack">
        <p>{t('routing.escalate.current', { place })}</p>
        <fieldset className="field escalate-target">
          <legend>{t('routing.target.legend')}</legend>
          {up
            ? radio('next', levels[0] ? t('routing.target.next', { tier: t(`tier.${levels[0]}`) }) : t('routing.target.nextNone'), !levels.length)
            : radio('back', t('routing.target.back'))}
          {radio('tier', t('routing.target.tier'), !levels.length)}
          {target === 'tier' && (
            <label className="field escalate-choice">
              <span>{t('routing.target.tierSelect')}</span>
              <select value={tier} required onChange={(e) => setTier(e.target.value as Tier | '')}>
                {levels.length > 1 && <option value="" />}
                {levels.map((x) => <option key={x} value={x}>{t(`tier.${x}`)}</option>)}
              </select>
            </label>
          )}
          {radio('team', t('routing.target.team'), !choices.length)}
          {target === 'team' && (
            <label className="field escalate-choice">
              <span>{t('routing.target.teamSelect')}</span>
              <select value={teamId} required onChange={(e) => setTeamId(e.target.value)}>
                <option value="" />
                {choices.map((x) => (
                  <option key={x.id} value={x.id}>{t('routing.team.option', { name: x.name, tier: tierText(x.tier) })}</option>
                ))}
              </select>
            </label>
          )}
          {!choices.length && teams.data && <p className="muted">{t('routing.target.noTeams')}</p>}
        </fieldset>
        {destination && (
          <p className="field-hint">
            {t(destination.assignment_mode === 'pull' ? 'routing.team.pullHint' : 'routing.team.pushHint', { name: destination.name })}
          </p>
        )}
        {up && <RequiredSkillsField value={skills} onChange={setSkills} errors={skillErrors} />}
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('routing.note.label')}</label>
          <textarea
            id={`${id}-note`}
            rows={5}
            required
            autoFocus
            value={note}
            maxLength={20_000}
            aria-describedby={`${id}-note-hint`}
            onChange={(e) => setNote(e.target.value)}
          />
          <span id={`${id}-note-hint`} className="field-hint">{t('routing.note.hint')}</span>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="row dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !note.trim() || incomplete}>
            {t(up ? 'routing.escalate.submit' : 'routing.deescalate.submit')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
