import { useIntl } from 'react-intl';
import type { Viewer } from '../../../../../src/realtime/protocol';
import { useT } from '../../../shared/i18n/I18nProvider';

/** The other agents on a ticket, one row each (an agent with two tabs open counts once, typing wins). */
export function otherViewers(viewers: readonly Viewer[], meId: string): Viewer[] {
  const byAgent = new Map<string, Viewer>();
  for (const v of viewers) {
    if (v.agent_id === meId) continue;
    const seen = byAgent.get(v.agent_id);
    if (!seen || (!seen.composing && v.composing) || (seen.composing === 'note' && v.composing === 'reply')) {
      byAgent.set(v.agent_id, v);
    }
  }
  return [...byAgent.values()].sort((a, b) => a.since.localeCompare(b.since));
}

/** Who else is viewing this ticket, and who is writing a reply or a note right now. */
export function PresenceBar({ viewers, meId }: { viewers: readonly Viewer[]; meId: string }) {
  const t = useT();
  const intl = useIntl();
  const others = otherViewers(viewers, meId);
  const composing = others.filter((v) => v.composing);
  return (
    <section className="presence" aria-label={t('ticket.presence.title')}>
      <p role="status" className="presence-viewing">
        {others.length > 0 &&
          t('ticket.presence.viewing', {
            count: others.length,
            names: intl.formatList(others.map((v) => v.name), { type: 'conjunction' }),
          })}
      </p>
      {composing.length > 0 && (
        <ul className="presence-typing">
          {composing.map((v) => (
            <li key={v.agent_id} className={`typing-${v.composing}`}>
              {v.composing === 'reply'
                ? t('ticket.presence.typingReply', { name: v.name })
                : t('ticket.presence.typingNote', { name: v.name })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
