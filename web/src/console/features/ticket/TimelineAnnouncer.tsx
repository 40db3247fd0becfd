import { useEffect, useRef, useState } from 'react';
import type { TimelineEntry } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { actorName } from './event-sentence';
import { useSentences } from './useSentence';

/**
 * Announces entries that arrive while the page is open (another agent's reply, a requester's answer, a
 * change), not the ones loaded with the page nor the user's own.
 */
export function TimelineAnnouncer({ entries, meId }: { entries: readonly TimelineEntry[] | undefined; meId: string }) {
  const t = useT();
  const sentences = useSentences();
  const seen = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!entries) return;
    const before = seen.current;
    seen.current = new Set(entries.map((e) => e.id));
    if (!before) return;
    const fresh = entries.filter((e) => !before.has(e.id) && !(e.actor.kind === 'agent' && e.actor.id === meId));
    const [only] = fresh;
    if (!only) return;
    if (fresh.length > 1) setMessage(t('ticket.live.newEntries', { count: fresh.length }));
    else if (only.kind === 'ticket.replied') setMessage(t('ticket.live.reply', { name: actorName(only, t) }));
    else if (only.kind === 'ticket.noted') setMessage(t('ticket.live.note', { name: actorName(only, t) }));
    else setMessage(sentences.plain(only));
  }, [entries, meId, t, sentences]);
  return (
    <div role="status" aria-live="polite" className="visually-hidden" data-testid="timeline-announcer">
      {message}
    </div>
  );
}
