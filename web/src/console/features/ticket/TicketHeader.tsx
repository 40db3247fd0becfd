import { useNames } from '../../../shared/api/lookups';
import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { PriorityBadge, StatusBadge } from '../../../shared/ui/Badges';
import type { TicketView } from './api';
import { ChannelIcon } from '../../../shared/ui/ChannelIcon';

/** Number, subject and the facts an agent reads first: status, priority (urgency × impact), routing, timing. */
export function TicketHeader({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const fmt = useFormat();
  const names = useNames();
  const equipment = [ticket.equipment.brand, ticket.equipment.model].filter(Boolean).join(' ');
  const time = (iso: string) => <time dateTime={iso}>{fmt.dateTime(iso)}</time>;
  return (
    <header className="ticket-header">
      <h1 id="ticket-title" tabIndex={-1}>
        <span className="ticket-number">#{ticket.number}</span> {ticket.subject}
      </h1>
      <div className="row ticket-badges">
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <span>{t(`priority.${ticket.priority}`)}</span>
        <span className="muted">
          {t('ticket.header.matrix', { urgency: t(`level.${ticket.urgency}`), impact: t(`level.${ticket.impact}`) })}
        </span>
      </div>
      <dl className="ticket-facts">
        <div>
          <dt>{t('ticket.field.type')}</dt>
          <dd>{t(`type.${ticket.type}`)}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.tier')}</dt>
          <dd>{t(`tier.${ticket.tier}`)}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.team')}</dt>
          <dd>{names.team(ticket.team_id) ?? t('ticket.value.noTeam')}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.assignee')}</dt>
          <dd>{names.agent(ticket.assignee_id) ?? t('ticket.value.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.category')}</dt>
          <dd>{names.category(ticket.category_id) ?? t('ticket.value.noCategory')}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.equipment')}</dt>
          <dd>{equipment || t('ticket.value.notSpecified')}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.channel')}</dt>
          <dd>
            <ChannelIcon channel={ticket.channel} decorative /> {t(`channel.${ticket.channel}`)}
          </dd>
        </div>
        <div>
          <dt>{t('ticket.field.created')}</dt>
          <dd>{time(ticket.created_at)}</dd>
        </div>
        <div>
          <dt>{t('ticket.field.updated')}</dt>
          <dd>{time(ticket.updated_at)}</dd>
        </div>
      </dl>
    </header>
  );
}
