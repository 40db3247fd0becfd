import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../../../shared/i18n/I18nProvider';
import { isBuiltinQueue, type QueueCount } from './api';

export const queueHref = (q: Pick<QueueCount, 'key' | 'kind'>) =>
  q.kind === 'builtin' ? `/queues/${q.key}` : `/views/${q.key}`;

/** The queue's display name: built-ins are translated, views carry the name their owner gave them. */
export function useQueueName(): (q: Pick<QueueCount, 'key' | 'kind' | 'name'>) => string {
  const t = useT();
  return (q) => (q.kind === 'builtin' && isBuiltinQueue(q.key) ? t(`queues.builtin.${q.key}`) : (q.name ?? q.key));
}

function QueueLink({ queue, current, shared }: { queue: QueueCount; current: boolean; shared: boolean }) {
  const t = useT();
  const name = useQueueName();
  return (
    <li>
      <Link
        href={queueHref(queue)}
        aria-current={current ? 'page' : undefined}
        className="queue-link"
      >
        <span className="queue-name">
          {name(queue)}
          {shared && (
            <>
              {' · '}
              <span className="queue-shared">{t('queues.sharedView')}</span>
            </>
          )}
        </span>
        {/* Read as one name ("Mes tickets, 12 tickets"); the bare number is for the eye only. */}
        <span className="queue-count" aria-hidden="true">
          {queue.count}
        </span>
        <span className="visually-hidden">{t('queues.sidebarCount', { count: queue.count })}</span>
      </Link>
    </li>
  );
}

/**
 * Built-in queues then saved views, each with its live count (['queues'] is refetched on every
 * `ticket.changed`). The current queue carries aria-current="page".
 */
export function QueueSidebar({
  queues,
  currentKey,
  currentKind,
  sharedIds,
  top,
}: {
  queues: readonly QueueCount[];
  currentKey: string;
  currentKind: QueueCount['kind'];
  /** Views shared by someone else, marked as such. */
  sharedIds: ReadonlySet<string>;
  /** Above the queues: "Next ticket". */
  top?: ReactNode;
}) {
  const t = useT();
  const builtins = queues.filter((q) => q.kind === 'builtin');
  const views = queues.filter((q) => q.kind === 'view');
  const isCurrent = (q: QueueCount) => q.key === currentKey && q.kind === currentKind;
  return (
    <nav className="queue-sidebar" aria-label={t('queues.nav')}>
      {top}
      <h2 id="queues-builtin-heading">{t('queues.builtinHeading')}</h2>
      <ul aria-labelledby="queues-builtin-heading">
        {builtins.map((q) => (
          <QueueLink key={q.key} queue={q} current={isCurrent(q)} shared={false} />
        ))}
      </ul>
      <h2 id="queues-views-heading">{t('queues.viewsHeading')}</h2>
      {views.length === 0 ? (
        <p className="muted queue-empty">{t('queues.noViews')}</p>
      ) : (
        <ul aria-labelledby="queues-views-heading">
          {views.map((q) => (
            <QueueLink key={q.key} queue={q} current={isCurrent(q)} shared={sharedIds.has(q.key)} />
          ))}
        </ul>
      )}
    </nav>
  );
}
