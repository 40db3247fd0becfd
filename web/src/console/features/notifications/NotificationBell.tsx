import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { usePopover } from '../../../shared/ui/usePopover';
import { Link } from 'wouter';
import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useSocket } from '../../../shared/realtime/RealtimeProvider';
import { notificationKeys, useMarkRead, useNotifications, useUnreadCount, type AgentNotification } from './api';
import './notifications.css';

/**
 * The header's bell: how many notifications are unread, and a list of the latest ones (title, text, ticket,
 * time). Opening one marks it read and opens its ticket; "mark all read" clears the count. Escape or a click
 * outside closes the list, Escape returning focus to the bell.
 */
export function NotificationBell() {
  const t = useT();
  const qc = useQueryClient();
  const socket = useSocket();
  const { open, setOpen, wrapper, button, onKeyDown } = usePopover();
  const unread = useUnreadCount();
  const list = useNotifications(open);
  const mark = useMarkRead();
  const panelId = useId();
  const count = unread.data ?? 0;

  // SLA escalations and automations notify as a side effect of a ticket change: that is when to look again.
  useEffect(
    () => socket?.subscribe((msg) => {
      if (msg.type === 'ticket.changed') void qc.invalidateQueries({ queryKey: notificationKeys.all });
    }),
    [socket, qc],
  );



  function read(n: AgentNotification) {
    if (!n.read_at) mark.mutate({ ids: [n.id] });
    setOpen(false);
  }

  const items = list.data?.data ?? [];
  return (
    <div className="notif" ref={wrapper} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost notif-bell"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('notifications.bell', { count })}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">🔔</span>
        {count > 0 && <span className="notif-count" aria-hidden="true">{count > 99 ? '99+' : count}</span>}
      </button>
      <div id={panelId} className="notif-panel" role="region" aria-label={t('notifications.title')} hidden={!open}>
        {open && (
          <>
            <div className="notif-header">
              <h2>{t('notifications.title')}</h2>
              <button type="button" className="btn btn-small" disabled={count === 0 || mark.isPending}
                onClick={() => mark.mutate({ all: true })}>
                {t('notifications.markAll')}
              </button>
            </div>
            {list.isPending && <p className="muted">{t('common.loading')}</p>}
            {list.isError && <p role="alert">{t('notifications.loadFailed')}</p>}
            {list.data && items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
            {items.length > 0 && (
              <ul className="notif-list">
                {items.map((n) => (
                  <li key={n.id} className={n.read_at ? 'notif-read' : 'notif-unread'}>
                    <NotificationItem n={n} onOpen={() => read(n)} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function NotificationItem({ n, onOpen }: { n: AgentNotification; onOpen: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const content = (
    <>
      <span className="notif-title">
        {!n.read_at && (
          <span className="notif-dot">
            <span aria-hidden="true">● </span>
            <span className="visually-hidden">{t('notifications.unread')} </span>
          </span>
        )}
        {n.title}
      </span>
      <span className="notif-body">{n.body}</span>
      <span className="notif-meta">
        {n.ticket && <span>{t('notifications.ticket', { number: n.ticket.number })} · </span>}
        <time dateTime={n.created_at} title={fmt.dateTime(n.created_at)}>{fmt.relative(n.created_at)}</time>
      </span>
    </>
  );
  if (n.ticket) {
    return (
      <Link href={`/tickets/${n.ticket.number}`} className="notif-item" onClick={onOpen}>
        {content}
      </Link>
    );
  }
  return (
    <button type="button" className="notif-item" onClick={onOpen}>
      {content}
    </button>
  );
}
