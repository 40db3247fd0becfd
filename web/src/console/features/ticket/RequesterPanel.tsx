import { Link } from 'wouter';
import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { StatusBadge } from '../../../shared/ui/Badges';
import { errorText, useOrganization, useRequester, useRequesterTickets, type TicketView } from './api';
import { ChannelIcon } from '../../../shared/ui/ChannelIcon';

/** Who asked: contact details, organization, and their other tickets on every channel. */
export function RequesterPanel({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const fmt = useFormat();
  const requester = useRequester(ticket.requester_id);
  const orgId = requester.data?.organization?.id ?? ticket.organization_id;
  const organization = useOrganization(orgId);
  const tickets = useRequesterTickets(ticket.requester_id);
  const name = requester.data?.name ?? ticket.requester?.name;
  const emails = requester.data?.identities.filter((i) => i.kind === 'email') ?? [];
  const phones = requester.data?.identities.filter((i) => i.kind === 'phone') ?? [];
  const others = (tickets.data?.data ?? []).filter((x) => x.id !== ticket.id);

  return (
    <section className="requester-panel" aria-labelledby="requester-title">
      <h2 id="requester-title">{t('ticket.requester.title')}</h2>
      {requester.isError && <p role="alert">{errorText(t, requester.error)}</p>}
      <p className="requester-name">
        <strong>{name ?? t('common.loading')}</strong>
      </p>
      <dl className="requester-facts">
        {emails.length > 0 && (
          <div>
            <dt>{t('ticket.requester.email')}</dt>
            {emails.map((e) => (
              <dd key={e.id}>
                <a href={`mailto:${e.value}`}>{e.value}</a>
              </dd>
            ))}
          </div>
        )}
        {phones.length > 0 && (
          <div>
            <dt>{t('ticket.requester.phone')}</dt>
            {phones.map((p) => (
              <dd key={p.id}>
                <a href={`tel:${p.value.replace(/[^\d+]/g, '')}`}>{p.value}</a>
              </dd>
            ))}
          </div>
        )}
        <div>
          <dt>{t('ticket.requester.organization')}</dt>
          <dd>
            {organization.data
              ? [organization.data.name, organization.data.domain].filter(Boolean).join(' · ')
              : (requester.data?.organization?.name ?? t('ticket.requester.noOrganization'))}
          </dd>
        </div>
      </dl>
      <h3>{t('ticket.requester.otherTickets')}</h3>
      {tickets.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : tickets.isError ? (
        <p role="alert">{errorText(t, tickets.error)}</p>
      ) : others.length === 0 ? (
        <p className="muted">{t('ticket.requester.noOtherTickets')}</p>
      ) : (
        <ul className="requester-tickets">
          {others.map((x) => (
            <li key={x.id}>
              <ChannelIcon channel={x.channel} />
              <Link href={`/tickets/${x.number}`}>
                #{x.number} {x.subject}
              </Link>
              <span className="row requester-ticket-meta">
                <StatusBadge status={x.status} />
                <time dateTime={x.updated_at} className="muted">
                  {fmt.date(x.updated_at)}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
