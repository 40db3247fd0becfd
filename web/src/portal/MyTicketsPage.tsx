import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { useCurrentUser } from '../shared/auth/session';
import type { Ticket } from '../shared/api/types';
import { useT } from '../shared/i18n/I18nProvider';
import { useFormat } from '../shared/i18n/format';
import { StatusBadge } from '../shared/ui/Badges';
import { errorText, TICKET_FILTERS, useMyTickets, type TicketFilter } from './api';
import { usePageHeading } from './hooks';

const FILTER_LABELS = {
  open: 'portal.list.filter.open',
  done: 'portal.list.filter.done',
  all: 'portal.list.filter.all',
} as const;

const EMPTY_TEXT = {
  open: 'portal.list.empty.open',
  done: 'portal.list.empty.done',
  all: 'portal.list.empty.all',
} as const;

const parseFilter = (v: string | null): TicketFilter =>
  TICKET_FILTERS.includes(v as TicketFilter) ? (v as TicketFilter) : 'open';

/**
 * "My tickets": the requester's tickets, in progress by default, with a search. The filter and the search text
 * live in the address (?show=done&q=vpn), so coming back from a ticket, or sharing the link, keeps them.
 */
export function MyTicketsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = parseFilter(params.get('show'));
  const q = (params.get('q') ?? '').trim();
  const heading = usePageHeading(t('portal.list.title'));
  const list = useMyTickets(filter, q);
  const tickets = list.data?.pages.flatMap((p) => p.data) ?? [];

  const update = (next: { show?: TicketFilter; q?: string }) => {
    const show = next.show ?? filter;
    const text = next.q ?? q;
    const p = new URLSearchParams();
    if (show !== 'open') p.set('show', show);
    if (text) p.set('q', text);
    setParams(p, { replace: true });
  };

  return (
    <div className="portal-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t('portal.list.title')}
        </h1>
        <Link href="/new" className="btn btn-primary btn-touch">
          {t('portal.nav.newTicket')}
        </Link>
      </div>

      <div className="list-controls">
        <fieldset className="segmented">
          <legend>{t('portal.list.filter')}</legend>
          {TICKET_FILTERS.map((f) => (
            <label key={f} className={f === filter ? 'checked' : undefined}>
              <input
                type="radio"
                name="show"
                value={f}
                checked={f === filter}
                onChange={() => update({ show: f })}
              />
              <span>{t(FILTER_LABELS[f])}</span>
            </label>
          ))}
        </fieldset>
        <SearchForm q={q} onSearch={(text) => update({ q: text })} />
      </div>

      <p role="status" className="visually-hidden">
        {list.isSuccess ? t('portal.list.shown', { count: tickets.length }) : ''}
      </p>

      {list.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : list.isError ? (
        <div role="alert" className="card stack">
          <p className="form-error">{errorText(t, list.error)}</p>
          <button type="button" className="btn btn-touch" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : tickets.length === 0 ? (
        <div className="card empty-state">
          <p>{q ? t('portal.list.empty.search', { q }) : t(EMPTY_TEXT[filter])}</p>
          <p className="muted">{t('portal.list.empty.cta')}</p>
          <Link href="/new" className="btn btn-primary btn-touch">
            {t('portal.nav.newTicket')}
          </Link>
        </div>
      ) : (
        <>
          <ul className="ticket-cards">
            {tickets.map((ticket) => (
              <TicketCard key={ticket.id} ticket={ticket} />
            ))}
          </ul>
          {list.hasNextPage && (
            <button
              type="button"
              className="btn btn-touch load-more"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function SearchForm({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const t = useT();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="portal-search">{t('portal.list.search')}</label>
        <input
          id="portal-search"
          type="search"
          name="q"
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="portal-search-hint"
        />
        <small id="portal-search-hint" className="field-hint">
          {t('portal.list.searchHint')}
        </small>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-touch">
          {t('common.search')}
        </button>
        {q && (
          <button type="button" className="btn btn-ghost btn-touch" onClick={() => onSearch('')}>
            {t('portal.list.clearSearch')}
          </button>
        )}
      </div>
    </form>
  );
}

function TicketCard({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const fmt = useFormat();
  const me = useCurrentUser();
  return (
    <li className="ticket-card">
      <Link href={`/tickets/${ticket.number}`} className="ticket-card-link">
        <span className="ticket-number">{t('portal.ticketNumber', { number: String(ticket.number) })}</span>{' '}
        <span className="ticket-subject">{ticket.subject}</span>
      </Link>
      <div className="ticket-card-meta">
        <StatusBadge status={ticket.status} />
        <span>
          <time dateTime={ticket.updated_at} title={fmt.dateTime(ticket.updated_at)}>
            {t('portal.list.updated', { when: fmt.relative(ticket.updated_at) })}
          </time>
        </span>
        <span>{t('portal.list.channel', { channel: t(`channel.${ticket.channel}`) })}</span>
        {ticket.requester_id !== me.id && <span>{t('portal.list.openedBy', { name: ticket.requester.name })}</span>}
      </div>
    </li>
  );
}
