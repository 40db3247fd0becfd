import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useNames } from '../../../shared/api/lookups';
import type { Ticket } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import type { MessageId } from '../../../shared/i18n/ids';
import { useFormat } from '../../../shared/i18n/format';
import { PriorityBadge, StatusBadge } from '../../../shared/ui/Badges';
import { ChannelIcon } from '../../../shared/ui/ChannelIcon';
import { SlaDue } from '../sla/SlaDue';
import type { SortField, SortState } from './query';

/** Re-renders every minute so relative ages ("3 minutes ago") stay true on a list left open. */
function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

function SortHeader({
  field,
  label,
  sort,
  onSort,
}: {
  field: SortField;
  label: MessageId;
  sort: SortState;
  onSort: (field: SortField) => void;
}) {
  const t = useT();
  const active = sort.field === field;
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(field)}>
        {t(label)}
        <span aria-hidden="true" className={`sort-arrow${active ? ' sort-arrow-active' : ''}`}>
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * The ticket list. Selection (j/k) is shown with aria-selected; the subject is the row's one link, so a
 * screen reader hears the subject when the selection moves to it.
 */
export function TicketTable({
  tickets,
  caption,
  sort,
  onSort,
  selectedId,
  onSelect,
  rowRef,
  busy,
}: {
  tickets: readonly Ticket[];
  caption: string;
  sort: SortState;
  onSort: (field: SortField) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  rowRef: (id: string, el: HTMLTableRowElement | null) => void;
  busy: boolean;
}) {
  const t = useT();
  const names = useNames();
  const fmt = useFormat();
  const now = useNow();
  const col = (id: MessageId) => (
    <th scope="col">
      {t(id)}
    </th>
  );
  return (
    <div className="ticket-table-wrap">
      <table className="table ticket-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <SortHeader field="number" label="queues.col.number" sort={sort} onSort={onSort} />
            {col('queues.col.subject')}
            {col('queues.col.requester')}
            {col('queues.col.status')}
            <SortHeader field="priority" label="queues.col.priority" sort={sort} onSort={onSort} />
            <SortHeader field="sla_due" label="sla.queue.column" sort={sort} onSort={onSort} />
            {col('queues.col.tier')}
            {col('queues.col.team')}
            {col('queues.col.assignee')}
            <SortHeader field="created_at" label="queues.col.age" sort={sort} onSort={onSort} />
            <SortHeader field="updated_at" label="queues.col.updated" sort={sort} onSort={onSort} />
            {col('queues.col.channel')}
          </tr>
        </thead>
        <tbody data-ticket-rows="">
          {tickets.map((ticket) => {
            const selected = ticket.id === selectedId;
            const team = names.team(ticket.team_id);
            const assignee = names.agent(ticket.assignee_id);
            return (
              <tr
                key={ticket.id}
                ref={(el) => rowRef(ticket.id, el)}
                aria-selected={selected}
                className={selected ? 'selected' : undefined}
                onClick={() => onSelect(ticket.id)}
              >
                <td className="col-number">#{ticket.number}</td>
                <td className="col-subject">
                  <Link href={`/tickets/${ticket.number}`} onFocus={() => onSelect(ticket.id)}>
                    {ticket.subject}
                  </Link>
                </td>
                <td>{ticket.requester.name}</td>
                <td>
                  <StatusBadge status={ticket.status} />
                </td>
                <td>
                  {/* The badge says "P1"; assistive technology gets the full "P1 — Critical" instead. */}
                  <span aria-hidden="true">
                    <PriorityBadge priority={ticket.priority} />
                  </span>
                  <span className="visually-hidden">{t(`priority.${ticket.priority}`)}</span>
                </td>
                <td className="col-sla">
                  <SlaDue sla={ticket.sla} now={now} />
                </td>
                <td className="col-tier">{t(`tier.${ticket.tier}`)}</td>
                <td className={ticket.team_id ? undefined : 'muted'}>
                  {ticket.team_id ? (team ?? '…') : t('queues.team.none')}
                </td>
                <td className={ticket.assignee_id ? undefined : 'muted'}>
                  {ticket.assignee_id ? (assignee ?? '…') : t('queues.assignee.none')}
                </td>
                <td className="col-time">
                  <time dateTime={ticket.created_at} title={fmt.dateTime(ticket.created_at)}>
                    {fmt.relative(ticket.created_at, now)}
                  </time>
                </td>
                <td className="col-time">
                  <time dateTime={ticket.updated_at} title={fmt.dateTime(ticket.updated_at)}>
                    {fmt.relative(ticket.updated_at, now)}
                  </time>
                </td>
                <td className="col-channel">
                  <ChannelIcon channel={ticket.channel} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
