import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import { NextTicketPanel, type NextTicketHandle } from '../routing/NextTicket';
import { useQueues, useTicketList, useUpdateView, useViews, type QueueCount } from './api';
import { FilterBar } from './FilterBar';
import {
  currentSort,
  effectiveQuery,
  filtersOverridden,
  queryToSave,
  readOverrides,
  setOverride,
  toggleSort,
  writeOverrides,
  type SortField,
} from './query';
import { QueueSidebar, useQueueName } from './QueueSidebar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { TicketTable } from './TicketTable';
import { useListKeyboard } from './useListKeyboard';
import { DeleteViewDialog, RenameViewDialog, SaveViewDialog } from './ViewDialogs';
import './queues.css';

type OpenDialog = 'save' | 'rename' | 'delete' | 'help' | null;

/**
 * A queue (`/queues/:queue`) or a saved view (`/views/:id`): the sidebar of queues with their counts, the
 * search-and-filter bar, and the ticket list. Filters live in the URL as overrides of the queue's own query.
 */
export function QueuePage({ queue, viewId }: { queue?: string; viewId?: string }) {
  const t = useT();
  const me = useCurrentUser();
  const queueName = useQueueName();
  const kind: QueueCount['kind'] = viewId ? 'view' : 'builtin';
  const key = viewId ?? queue ?? 'mine';

  const queues = useQueues();
  const views = useViews();
  const current = queues.data?.find((q) => q.key === key && q.kind === kind) ?? null;

  const [location, navigate] = useLocation();
  const search = useSearch();
  const overrides = useMemo(() => readOverrides(search), [search]);
  const setOverrides = useCallback(
    (next: Record<string, string>) => {
      const s = writeOverrides(next);
      navigate(s ? `${location}?${s}` : location);
    },
    [location, navigate],
  );

  const base = current?.query;
  const query = useMemo(() => (base ? effectiveQuery(base, overrides) : null), [base, overrides]);
  const list = useTicketList(query);
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const sort = currentSort(query ?? {});

  // Selection (j/k), reset when the list becomes another one.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  useEffect(() => setSelectedId(null), [key, kind, search]);
  const rows = useRef(new Map<string, HTMLTableRowElement>());
  const rowRef = useCallback((id: string, el: HTMLTableRowElement | null) => {
    if (el) rows.current.set(id, el);
    else rows.current.delete(id);
  }, []);
  const focusRow = (id: string) => {
    const row = rows.current.get(id);
    row?.querySelector('a')?.focus();
    row?.scrollIntoView?.({ block: 'nearest' });
  };
  // After "Load more", focus goes to the first new row (the button may disappear).
  const focusAfterLoad = useRef<number | null>(null);
  useEffect(() => {
    const i = focusAfterLoad.current;
    const ticket = i === null ? undefined : tickets[i];
    if (ticket) {
      focusAfterLoad.current = null;
      focusRow(ticket.id);
    }
  }, [tickets]);

  const [dialog, setDialog] = useState<OpenDialog>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const nextTicket = useRef<NextTicketHandle>(null);

  useListKeyboard({
    move(delta) {
      if (tickets.length === 0) return;
      const at = tickets.findIndex((x) => x.id === selectedId);
      let next = at === -1 ? 0 : at + delta;
      if (next >= tickets.length) {
        if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
        next = tickets.length - 1;
      }
      const id = tickets[Math.max(0, next)]!.id;
      setSelectedId(id);
      focusRow(id);
    },
    open() {
      const ticket = tickets.find((x) => x.id === selectedId);
      if (!ticket) return false;
      navigate(`/tickets/${ticket.number}`);
      return true;
    },
    focusSearch: () => searchRef.current?.focus(),
    showHelp: () => setDialog('help'),
    nextTicket: () => nextTicket.current?.take(),
  });

  const view = kind === 'view' ? views.data?.find((v) => v.id === key) : undefined;
  const canManageView = !!view && (view.owner_id === me.id || (me.role === 'admin' && view.shared));
  const sharedIds = useMemo(
    () => new Set((views.data ?? []).filter((v) => v.shared && v.owner_id !== me.id).map((v) => v.id)),
    [views.data, me.id],
  );
  const updateView = useUpdateView();

  const next = <NextTicketPanel ref={nextTicket} />;
  const sidebar = queues.data ? (
    <QueueSidebar queues={queues.data} currentKey={key} currentKind={kind} sharedIds={sharedIds} top={next} />
  ) : (
    <div className="queue-sidebar">{next}</div>
  );

  if (!current) {
    let body;
    if (queues.isError) {
      body = (
        <div role="alert">
          <p>{t('common.error', { message: queues.error.message })}</p>
          <button type="button" className="btn" onClick={() => void queues.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      );
    } else if (queues.isPending || queues.isFetching) {
      body = <p role="status">{t('common.loading')}</p>;
    } else {
      body = (
        <>
          <p role="alert">{t(kind === 'view' ? 'queues.viewNotFound' : 'queues.notFound')}</p>
          <Link href="/queues/mine">{t('queues.goToMine')}</Link>
        </>
      );
    }
    return (
      <div className="queues-layout">
        {sidebar}
        <section className="queue-main">{body}</section>
      </div>
    );
  }

  const title = queueName(current);
  const filtered = filtersOverridden(overrides);
  const anyOverride = Object.keys(overrides).length > 0;
  const countText =
    !filtered
      ? t('queues.count', { count: current.count })
      : list.data
        ? t('queues.shown', { count: tickets.length, more: list.hasNextPage ? 'yes' : 'no' })
        : '';

  const onSort = (field: SortField) => setOverrides(setOverride(current.query, overrides, 'sort', toggleSort(query ?? {}, field)));

  const barActions = (
    <>
      {anyOverride && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => navigate(location)}>
          {t('queues.resetFilters')}
        </button>
      )}
      {canManageView && anyOverride && (
        <button
          type="button"
          className="btn btn-small"
          disabled={updateView.isPending}
          onClick={() =>
            updateView.mutate(
              { id: current.key, query: queryToSave(query ?? {}, false) },
              { onSuccess: () => navigate(location) },
            )
          }
        >
          {t('queues.view.update')}
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => setDialog('save')}>
        {t('queues.saveAsView')}
      </button>
    </>
  );

  return (
    <div className="queues-layout">
      {sidebar}
      <section className="queue-main" aria-labelledby="queue-title">
        <header className="queue-header">
          <div className="queue-heading">
            <h1 id="queue-title">{title}</h1>
            <p className="muted queue-count-line" aria-live="polite">
              {countText}
            </p>
          </div>
          <div className="row queue-header-actions">
            {canManageView && (
              <div role="group" aria-label={t('queues.view.actions')} className="row">
                <button type="button" className="btn btn-small" onClick={() => setDialog('rename')}>
                  {t('queues.view.rename')}
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => setDialog('delete')}>
                  {t('queues.view.delete')}
                </button>
              </div>
            )}
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-keyshortcuts="?"
              onClick={() => setDialog('help')}
            >
              <kbd aria-hidden="true">?</kbd> {t('shell.shortcuts')}
            </button>
          </div>
        </header>
        <FilterBar base={current.query} overrides={overrides} onChange={setOverrides} searchRef={searchRef} actions={barActions} />
        {updateView.error && (
          <p role="alert" className="form-error">
            {t('common.error', { message: updateView.error.message })}
          </p>
        )}
        {sort.field === 'relevance' && <p className="muted">{t('queues.sortedByRelevance')}</p>}
        {list.isError && (
          <div role="alert" className="list-error">
            <p>{t('common.error', { message: list.error.message })}</p>
            <button type="button" className="btn btn-small" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {list.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : tickets.length === 0 ? (
          !list.isError && (
            <div className="empty-state">
              <p>{t(filtered ? 'queues.emptyFiltered' : 'queues.empty')}</p>
              {anyOverride && (
                <button type="button" className="btn btn-small" onClick={() => navigate(location)}>
                  {t('queues.resetFilters')}
                </button>
              )}
            </div>
          )
        ) : (
          <>
            <TicketTable
              tickets={tickets}
              caption={t('queues.tableCaption', { name: title })}
              sort={sort}
              onSort={onSort}
              selectedId={selectedId}
              onSelect={setSelectedId}
              rowRef={rowRef}
              busy={list.isPlaceholderData || list.isFetchingNextPage}
            />
            {list.hasNextPage && (
              <button
                type="button"
                className="btn load-more"
                disabled={list.isFetchingNextPage}
                onClick={() => {
                  focusAfterLoad.current = tickets.length;
                  void list.fetchNextPage();
                }}
              >
                {list.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </button>
            )}
            <p className="muted shortcuts-hint">{t('queues.shortcuts.hint')}</p>
          </>
        )}
      </section>
      {dialog === 'help' && <ShortcutsHelp onClose={() => setDialog(null)} />}
      {dialog === 'save' && (
        <SaveViewDialog
          query={queryToSave(query ?? {}, kind === 'builtin')}
          onClose={() => setDialog(null)}
          onSaved={(v) => {
            setDialog(null);
            navigate(`/views/${v.id}`);
          }}
        />
      )}
      {dialog === 'rename' && view && <RenameViewDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && view && (
        <DeleteViewDialog
          view={view}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            navigate('/queues/mine');
          }}
        />
      )}
    </div>
  );
}
