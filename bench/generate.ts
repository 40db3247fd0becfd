/**
 * Bench-only data generator: a year of help-desk history (tickets with 3–6 timeline entries each) written in
 * big batched multi-row INSERTs. The rows have the shape the use cases write (see usecases/create-ticket.ts and
 * store/tickets.ts, usecases/tickets/*): the priority from the default matrix, the same entry kinds, reasons and
 * data as create-ticket, add-reply, add-note, assign and change-status, and the search vectors built with the
 * same French + English weighting — subject A, description B, public replies C in search_vector, internal notes
 * C in internal_search_vector. Its insert rate is the floor of what the ticket tables can take on this machine,
 * with no HTTP, validation or per-ticket transaction in the way.
 */
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_PRIORITY_MATRIX, priorityFor, type Level } from '../src/domain/priority.js';
import type { TicketStatus } from '../src/domain/ticket.js';
import type { Database } from '../src/store/db.js';
import { vacuumAnalyze } from '../src/store/housekeeping.js';
import { agentReply, internalNote, pick, requesterReply, rng, TAGS, ticketText, type Lang } from './corpus.js';
import { createPeople, insertRows, type People } from './people.js';
import { vectorSql } from '../src/store/search-sql.js';

const DAY = 86_400_000;
const TICKETS_PER_BATCH = 1000;

/** The very expression the store writes (src/store/search-sql.ts), for a parameter already cast to text. */
const vector = vectorSql;

const TICKET_COLUMNS = [
  'id', 'type', 'subject', 'description', 'status', 'urgency', 'impact', 'priority', 'category_id', 'tags', 'channel',
  'requester_id', 'organization_id', 'team_id', 'assignee_id', 'tier', 'equipment_brand', 'equipment_model',
  'merged_into_id', 'created_at', 'updated_at', 'first_response_at', 'resolved_at', 'closed_at',
] as const;
const TIMELINE_COLUMNS = ['id', 'ticket_id', 'kind', 'actor_kind', 'actor_id', 'visibility', 'body', 'reason', 'data', 'created_at'];

interface Entry {
  kind: string;
  actor: { kind: 'agent' | 'requester' | 'system'; id: string | null };
  visibility: 'public' | 'internal';
  body: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
}

interface GeneratedTicket {
  values: unknown[];
  /** Public reply bodies (search_vector, weight C) and internal note bodies (internal_search_vector). */
  replyText: string[];
  noteText: string[];
  entries: Entry[];
}

export interface GenerateStats {
  tickets: number;
  timelineEntries: number;
  requesters: number;
  insertSeconds: number;
  /** Ticket + timeline rows per second: the raw-SQL floor. */
  rowsPerSecond: number;
  ticketsPerSecond: number;
  analyzeSeconds: number;
}

function statusFor(r: () => number, ageDays: number): TicketStatus {
  const x = r();
  if (ageDays <= 2) return x < 0.5 ? 'new' : x < 0.85 ? 'open' : x < 0.95 ? 'pending' : 'resolved';
  if (ageDays <= 30) return x < 0.2 ? 'new' : x < 0.55 ? 'open' : x < 0.7 ? 'pending' : x < 0.75 ? 'on_hold' : x < 0.95 ? 'resolved' : 'closed';
  return x < 0.85 ? 'closed' : x < 0.95 ? 'resolved' : x < 0.97 ? 'open' : x < 0.99 ? 'pending' : 'on_hold';
}

function buildTicket(r: () => number, people: People, createdAt: Date, now: Date): GeneratedTicket {
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
  const status = statusFor(r, ageDays);
  const text = ticketText(r);
  const lang: Lang = text.lang;
  const requester = pick(r, people.requesters);
  const team = status === 'new' && r() < 0.3 ? null : pick(r, people.teams);
  const assigneeId = team && (status !== 'new' || r() < 0.3) ? pick(r, team.agentIds) : null;
  const urgency = (1 + Math.floor(r() * 3)) as Level;
  const impact = (1 + Math.floor(r() * 3)) as Level;
  const priority = priorityFor(DEFAULT_PRIORITY_MATRIX, urgency, impact);
  const channel = pick(r, ['email', 'email', 'email', 'portal', 'phone', 'chat', 'api'] as const);
  const type = r() < 0.7 ? 'incident' : 'request';
  const tier = assigneeId && r() < 0.15 ? 'L2' : 'L1';
  const agentId = assigneeId ?? (team ? team.agentIds[0]! : people.agent.id);
  const requesterActor = { kind: 'requester' as const, id: requester.id };
  const agentActor = { kind: 'agent' as const, id: agentId };

  // The story of the ticket, in order; its times are spread between creation and now.
  const story: Array<Omit<Entry, 'at'>> = [
    {
      kind: 'ticket.created', actor: channel === 'portal' ? requesterActor : agentActor, visibility: 'public', body: null,
      reason: `Priority ${priority} from urgency ${urgency} × impact ${impact} (priority matrix).`,
      data: { channel, type, urgency, impact, priority, team_id: team?.id ?? null, assignee_id: null, tier: 'L1' },
    },
  ];
  if (assigneeId) story.push({ kind: 'ticket.assigned', actor: agentActor, visibility: 'internal', body: null, reason: null, data: { from: null, to: assigneeId } });
  const extra = (): Omit<Entry, 'at'> =>
    r() < 0.5
      ? { kind: 'ticket.replied', actor: requesterActor, visibility: 'public', body: requesterReply(r, lang), reason: null, data: {} }
      : { kind: 'ticket.noted', actor: agentActor, visibility: 'internal', body: internalNote(r, lang), reason: null, data: {} };
  const change = (from: TicketStatus, to: TicketStatus, reason: string | null = null): Omit<Entry, 'at'> =>
    ({ kind: 'ticket.status_changed', actor: agentActor, visibility: 'public', body: null, reason, data: { from, to } });
  const tail: Array<Omit<Entry, 'at'>> = [];
  if (status !== 'new') {
    story.push({ kind: 'ticket.replied', actor: agentActor, visibility: 'public', body: agentReply(r, lang), reason: null, data: {} });
    story.push(change('new', 'open', 'agent replied')); // add-reply moves a new ticket to open, same instant
    if (status === 'pending' || status === 'on_hold') tail.push(change('open', status));
    if (status === 'resolved' || status === 'closed') tail.push(change('open', 'resolved'));
    if (status === 'closed') tail.push(change('resolved', 'closed'));
  }
  const target = 3 + Math.floor(r() * 4);
  while (story.length + tail.length < target) story.push(extra());
  story.push(...tail);

  const span = Math.max(60_000, Math.min(now.getTime() - createdAt.getTime() - 60_000, 14 * DAY * r() + 3_600_000));
  let at = createdAt.getTime();
  const entries: Entry[] = story.map((e, i) => {
    const sameInstant = e.reason === 'agent replied';
    if (i > 0 && !sameInstant) at += Math.floor((span / story.length) * (0.5 + r()));
    return { ...e, at: new Date(Math.min(at, now.getTime() - 1000)) };
  });
  const firstResponse = entries.find((e) => e.actor.kind === 'agent' && e.kind === 'ticket.replied')?.at ?? null;
  const resolved = [...entries].reverse().find((e) => e.kind === 'ticket.status_changed' && e.data.to === 'resolved')?.at ?? null;
  const closed = entries.find((e) => e.kind === 'ticket.status_changed' && e.data.to === 'closed')?.at ?? null;
  const tags = TAGS.filter(() => r() < 0.12);
  const id = uuidv7({ msecs: createdAt.getTime() });
  const values = [
    id, type, text.subject, text.description, status, urgency, impact, priority,
    r() < 0.8 ? pick(r, people.categoryIds) : null, tags, channel, requester.id, requester.organizationId,
    team?.id ?? null, assigneeId, tier, text.equipment?.[0] ?? null, text.equipment?.[1] ?? null, null,
    createdAt, entries[entries.length - 1]!.at, firstResponse, resolved, closed,
  ];
  const replyText = entries.filter((e) => e.kind === 'ticket.replied').map((e) => e.body!);
  const noteText = entries.filter((e) => e.kind === 'ticket.noted').map((e) => e.body!);
  return { values, replyText, noteText, entries };
}

async function insertBatch(db: Database, batch: GeneratedTicket[]): Promise<number> {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const subjectAt = TICKET_COLUMNS.indexOf('subject');
  const descriptionAt = TICKET_COLUMNS.indexOf('description');
  const tuples = batch.map((t) => {
    const slots = t.values.map((v) => add(v));
    const vectors = [vector(`${slots[subjectAt]}::text`, 'A'), vector(`${slots[descriptionAt]}::text`, 'B')];
    for (const body of t.replyText) vectors.push(vector(`${add(body)}::text`, 'C'));
    const internal = t.noteText.map((body) => vector(`${add(body)}::text`, 'C'));
    return `(${slots.join(', ')}, ${vectors.join(' || ')}, ${internal.length ? internal.join(' || ') : "''::tsvector"})`;
  });
  const timeline = batch.flatMap((t) =>
    t.entries.map((e) => [
      uuidv7({ msecs: e.at.getTime() }), t.values[0], e.kind, e.actor.kind, e.actor.id, e.visibility, e.body, e.reason,
      JSON.stringify(e.data), e.at,
    ]),
  );
  await db.tx(async (sql) => {
    await sql.query(
      `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}, search_vector, internal_search_vector) VALUES ${tuples.join(', ')}`,
      params,
    );
    await insertRows(sql, 'timeline_entries', TIMELINE_COLUMNS, timeline, { data: 'jsonb' });
  });
  return timeline.length;
}

/** Fills an empty, migrated database with `tickets` tickets over the past year. Deterministic for a seed. */
export async function generate(
  db: Database,
  opts: { tickets: number; seed?: number; now?: Date; log?: (msg: string) => void },
): Promise<{ people: People; stats: GenerateStats }> {
  const r = rng(opts.seed ?? 42);
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - 365 * DAY);
  const requesterCount = Math.max(50, Math.min(20_000, Math.floor(opts.tickets / 20)));
  const people = await createPeople(db, r, { requesters: requesterCount, since });
  const log = opts.log ?? (() => undefined);

  const step = (now.getTime() - since.getTime()) / opts.tickets;
  let timelineEntries = 0;
  let insertMs = 0; // only the INSERTs are timed, not the building of the rows in JavaScript
  for (let done = 0; done < opts.tickets; done += TICKETS_PER_BATCH) {
    const batch: GeneratedTicket[] = [];
    for (let i = done; i < Math.min(opts.tickets, done + TICKETS_PER_BATCH); i++) {
      batch.push(buildTicket(r, people, new Date(since.getTime() + i * step + r() * step), now));
    }
    const t0 = performance.now();
    timelineEntries += await insertBatch(db, batch);
    insertMs += performance.now() - t0;
    if ((done / TICKETS_PER_BATCH) % 10 === 9) log(`  ${done + batch.length} tickets…`);
  }
  const insertSeconds = insertMs / 1000;
  const analyzeStarted = performance.now();
  await vacuumAnalyze(db);
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  return {
    people,
    stats: {
      tickets: opts.tickets,
      timelineEntries,
      requesters: requesterCount,
      insertSeconds,
      rowsPerSecond: (opts.tickets + timelineEntries) / insertSeconds,
      ticketsPerSecond: opts.tickets / insertSeconds,
      analyzeSeconds,
    },
  };
}
