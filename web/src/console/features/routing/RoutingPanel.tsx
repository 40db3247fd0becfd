import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import type { TicketView } from '../ticket/api';
import { SkillChips } from './skills';
import './routing.css';

/** The ticket's routing state for agents: the skills its assignee needs and how often it went up a level. */
export function RoutingPanel({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const fmt = useFormat();
  const routing = ticket.routing;
  if (!routing) return null;
  return (
    <section className="routing-panel" aria-labelledby="routing-title">
      <h2 id="routing-title">{t('routing.panel.title')}</h2>
      <h3 className="routing-subtitle">{t('routing.panel.skills')}</h3>
      {routing.required_skills.length ? (
        <SkillChips skills={routing.required_skills} />
      ) : (
        <p className="muted">{t('routing.panel.noSkills')}</p>
      )}
      <p>{t('routing.panel.escalations', { count: routing.escalation_count })}</p>
      {routing.assigned_at && ticket.assignee_id && (
        <p className="muted">{t('routing.panel.assignedAt', { at: fmt.dateTime(routing.assigned_at) })}</p>
      )}
    </section>
  );
}

/** "Waiting in the team queue since …: why" while nobody who qualifies could take the ticket. */
export function WaitingBanner({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const fmt = useFormat();
  const since = ticket.routing?.waiting_since;
  if (!since || ticket.assignee_id) return null;
  const reason = ticket.routing?.waiting_reason?.trim();
  const values = { since: fmt.dateTime(since) };
  return (
    <p className="banner banner-warn waiting-banner">
      {reason ? t('routing.waiting.banner', { ...values, reason }) : t('routing.waiting.bannerNoReason', values)}
    </p>
  );
}
