import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useImperativeHandle, useState, type Ref } from 'react';
import { useLocation } from 'wouter';
import { useNames, useTeams } from '../../../shared/api/lookups';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import { ticketKeys, type TicketView } from '../ticket/api';
import { takeNextTicket, takenKey, type NextTicketResult } from './api';
import { routingErrorText } from './errors';
import { useSkillName } from './skills';
import './routing.css';

export interface NextTicketHandle {
  take(): void;
}

/** How long "nothing is waiting" stays on screen. */
const TOAST_MS = 6000;

/**
 * "Next ticket" (POST /queue/next, pull mode): assigns the agent the most urgent ticket of their teams they can take
 * and opens it; the ticket page then says why this one. With several teams, the agent may take from one of them.
 * `ref.take()` lets the page's keyboard shortcut press it.
 */
export function NextTicketPanel({ ref }: { ref?: Ref<NextTicketHandle> }) {
  const t = useT();
  const id = useId();
  const me = useCurrentUser();
  const teams = useTeams();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [teamId, setTeamId] = useState('');
  const [busy, setBusy] = useState(false);
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = (teams.data ?? []).filter((x) => me.team_ids.includes(x.id));

  useEffect(() => {
    if (!info) return;
    const timer = setTimeout(() => setInfo(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [info]);

  async function take() {
    if (busy) return;
    setBusy(true);
    setInfo(null);
    setError(null);
    try {
      const r = await takeNextTicket(teamId || null);
      if (!r.ticket) {
        setInfo(t('routing.next.none'));
        setBusy(false);
        return;
      }
      // The ticket page opens without asking again, and finds why it was given this one.
      qc.setQueryData(takenKey(r.ticket.id), r);
      qc.setQueryData(['ticket-ref', r.ticket.number], r.ticket);
      qc.setQueryData(ticketKeys.details(r.ticket.id), r.ticket);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['queues'] });
      navigate(`/tickets/${r.ticket.number}`);
    } catch (err) {
      setError(routingErrorText(t, err));
      setBusy(false);
    }
  }

  useImperativeHandle(ref, () => ({ take: () => void take() }));

  return (
    <div className="next-ticket">
      <button type="button" className="btn btn-primary next-ticket-button" aria-keyshortcuts="n" disabled={busy} onClick={() => void take()}>
        {busy ? t('routing.next.taking') : t('routing.next.button')}
      </button>
      {mine.length > 1 && (
        <label className="field next-ticket-team" htmlFor={`${id}-team`}>
          <span>{t('routing.next.team')}</span>
          <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('routing.next.allTeams')}</option>
            {mine.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
      )}
      {/* Present before it speaks, so screen readers announce the message. */}
      <p role="status" className="toast">
        {info}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** On the ticket opened by "Next ticket": why this one (priority, how many were waiting, the skills it needs). */
export function TakenNotice({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const qc = useQueryClient();
  const names = useNames();
  const skillName = useSkillName();
  const taken = useQuery<NextTicketResult | null>({
    queryKey: takenKey(ticket.id),
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
  });
  const r = taken.data;
  if (!r?.ticket) return null;
  const team = names.team(r.ticket.team_id);
  const values = { priority: t(`priority.${r.ticket.priority}`), count: r.waiting };
  const skills = r.ticket.routing?.required_skills ?? [];
  return (
    <div className="banner banner-info taken-notice" role="status">
      <p>
        {team ? t('routing.next.takenInTeam', { ...values, team }) : t('routing.next.taken', values)}
        {skills.length > 0 && (
          <>
            {' '}
            {t('routing.detail.needs', {
              skills: skills.map((s) => t('routing.fact.skill', { name: skillName(s.skill_id), level: s.level })).join(', '),
            })}
          </>
        )}
      </p>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => qc.setQueryData(takenKey(ticket.id), null)}>
        {t('common.close')}
      </button>
    </div>
  );
}
