import type { Delivery } from '../../../shared/api/types';
import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { ChannelIcon } from '../../../shared/ui/ChannelIcon';

/** A glyph per state, next to the word (never colour alone). */
const GLYPHS: Record<Delivery['status'], string> = { queued: '⏳', sent: '✓', failed: '✗', bounced: '↩' };

/**
 * What became of the mail an entry sent (an agent's reply, the acknowledgement of a new ticket, the resolution
 * notice): its recipients and its state, in words: queued (next attempt, attempts so far), sent, failed
 * (last error) or bounced.
 */
export function Deliveries({ deliveries }: { deliveries: readonly Delivery[] }) {
  const t = useT();
  if (deliveries.length === 0) return null;
  return (
    <ul className="deliveries" aria-label={t('ticket.delivery.title')}>
      {deliveries.map((d) => (
        <DeliveryItem key={d.id} delivery={d} />
      ))}
    </ul>
  );
}

function DeliveryItem({ delivery: d }: { delivery: Delivery }) {
  const t = useT();
  const fmt = useFormat();
  const to = d.to.join(', ') || '—';
  const cc = d.cc.join(', ');
  const detail = ((): string | null => {
    switch (d.status) {
      case 'queued':
        return [
          d.next_attempt_at ? t('ticket.delivery.nextAttempt', { when: fmt.dateTime(d.next_attempt_at) }) : null,
          t('ticket.delivery.attempts', { count: d.attempts }),
        ]
          .filter(Boolean)
          .join(' · ');
      case 'sent':
        return d.sent_at ? t('ticket.delivery.sentAt', { date: fmt.dateTime(d.sent_at) }) : null;
      case 'failed':
        return t('ticket.delivery.failedAfter', { count: d.attempts, error: d.last_error ?? t('ticket.value.unknownError') });
      case 'bounced':
        return [d.bounced_at ? t('ticket.delivery.bouncedAt', { date: fmt.dateTime(d.bounced_at) }) : null, d.last_error]
          .filter(Boolean)
          .join(' · ') || null;
    }
  })();
  const recipients = [t('ticket.delivery.recipients', { to }), cc ? t('ticket.email.cc', { addresses: cc }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={`delivery delivery-${d.status}`} title={recipients} data-message-id={d.message_id}>
      <ChannelIcon channel="email" decorative />
      <span>{t('ticket.delivery.line', { kind: d.kind, sent: d.status === 'sent' || d.status === 'bounced' ? 'yes' : 'no', to })}</span>
      {cc && <span className="delivery-cc">({t('ticket.email.cc', { addresses: cc })})</span>}
      <span className={`badge delivery-badge delivery-badge-${d.status}`}>
        <span aria-hidden="true">{GLYPHS[d.status]} </span>
        {t(`ticket.delivery.status.${d.status}`)}
      </span>
      {detail && <span className="delivery-detail">{detail}</span>}
    </li>
  );
}
