/**
 * How a ticket list's query is built. A queue (built-in or saved view) has its own query, exactly what
 * `GET /tickets` takes; what the agent changes in the filter bar is kept in the URL as *overrides* of that
 * query, so a filtered list can be shared and the back button undoes a filter. An override with an empty value
 * means "any" (it removes the queue's own filter on that key).
 */

export type TicketQuery = Readonly<Record<string, string>>;

/** The list filters the URL may carry (the keys of GET /tickets minus paging; `updated_after` stays the queue's). */
export const URL_KEYS = ['q', 'status', 'priority', 'tier', 'team', 'assignee', 'channel', 'category', 'tag', 'type', 'sort'] as const;
export type UrlKey = (typeof URL_KEYS)[number];

/** Sortable fields of GET /tickets that have a column (relevance is implied by a search). */
export const SORT_FIELDS = ['number', 'created_at', 'updated_at', 'priority', 'sla_due'] as const;
export type SortField = (typeof SORT_FIELDS)[number] | 'relevance';
export interface SortState {
  field: SortField;
  direction: 'asc' | 'desc';
}

/** Overrides present in a search string (`?status=open&q=vpn`); unknown parameters are ignored. */
export function readOverrides(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const key of URL_KEYS) {
    const value = params.get(key);
    if (value !== null) out[key] = value.trim();
  }
  return out;
}

/** The search string for overrides, in a stable key order; commas stay readable (`status=new,open`). */
export function writeOverrides(overrides: TicketQuery): string {
  return URL_KEYS.filter((k) => k in overrides)
    .map((k) => `${k}=${encodeURIComponent(overrides[k] ?? '').replace(/%2C/gi, ',')}`)
    .join('&');
}

/** What to send to GET /tickets: the queue's query with the overrides applied, empty values dropped. */
export function effectiveQuery(base: TicketQuery, overrides: TicketQuery): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...base, ...overrides })) if (v !== '') merged[k] = v;
  // The API refuses relevance without a search text (e.g. the search was cleared after sorting by relevance).
  if (!merged.q && merged.sort?.replace(/^-/, '') === 'relevance') delete merged.sort;
  return merged;
}

/** The value a control shows for `key`: the override if any, else the queue's own. */
export function shownValue(base: TicketQuery, overrides: TicketQuery, key: string): string {
  return overrides[key] ?? base[key] ?? '';
}

/** Overrides after setting `key` to `value`; setting it back to the queue's own value removes the override. */
export function setOverride(base: TicketQuery, overrides: TicketQuery, key: UrlKey, value: string): Record<string, string> {
  const next: Record<string, string> = { ...overrides };
  if (value === (base[key] ?? '')) delete next[key];
  else next[key] = value;
  return next;
}

/** True when overrides change which tickets are listed (a different sort lists the same tickets). */
export function filtersOverridden(overrides: TicketQuery): boolean {
  return Object.keys(overrides).some((k) => k !== 'sort');
}

export function parseCsv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A comma-separated list in the order of `order` (values not in it last), so equal sets give equal strings. */
export function toCsv(values: readonly string[], order: readonly string[]): string {
  const rank = (v: string) => {
    const i = order.indexOf(v);
    return i === -1 ? order.length : i;
  };
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b)).join(',');
}

/** The sort the API applies to this query (its defaults: relevance with a search, else last updated first). */
export function currentSort(query: TicketQuery): SortState {
  const spec = query.sort ?? (query.q ? '-relevance' : '-updated_at');
  return { field: spec.replace(/^-/, '') as SortField, direction: spec.startsWith('-') ? 'desc' : 'asc' };
}

/** Columns whose first click sorts ascending: the SLA column puts the nearest deadline first (none last). */
const STARTS_ASCENDING: readonly SortField[] = ['sla_due'];

/**
 * The `sort` value after activating a column: the same column flips its direction, another column starts
 * descending (newest, most urgent — P1 — or highest number first), the SLA column ascending.
 */
export function toggleSort(query: TicketQuery, field: SortField): string {
  const cur = currentSort(query);
  if (cur.field === field) return cur.direction === 'desc' ? field : `-${field}`;
  return STARTS_ASCENDING.includes(field) ? field : `-${field}`;
}

/**
 * The query a new saved view stores. A built-in queue's `updated_after` is a moment computed for "the last
 * 24 hours" when the queue was read: frozen into a view it would slowly empty it, so it is left out.
 */
export function queryToSave(query: TicketQuery, fromBuiltin: boolean): Record<string, string> {
  const out: Record<string, string> = { ...query };
  if (fromBuiltin) delete out.updated_after;
  return out;
}
