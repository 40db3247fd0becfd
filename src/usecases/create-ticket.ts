import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { requireAgent } from '../domain/permissions.js';
import { priorityFor, type Level } from '../domain/priority.js';
import { normalizeTags, type Channel, type Ticket, type TicketType, type Tier } from '../domain/ticket.js';
import type { Actor } from '../domain/timeline.js';
import type { Sql } from '../store/db.js';
import type { IdempotencyClaim } from '../store/idempotency.js';
import { findAgent } from '../store/agents.js';
import { categoryExists, teamExists } from '../store/lookups.js';
import { findRequesterById, findRequesterByIdentity, insertRequester } from '../store/requesters.js';
import { appendTimeline, findTicket, insertTicket } from '../store/tickets.js';
import type { Deps } from './deps.js';
import { once } from './idempotency.js';
import { trackSla } from './sla/track-sla.js';
import { loadPriorityMatrix } from './priority-matrix.js';
import { autoAssign } from './routing/auto-assign.js';
import { routeNewTicket } from './routing/route-new-ticket.js';
import { setRequiredSkills } from '../store/routing.js';

export interface CreateTicketInput {
  type?: TicketType;
  subject: string;
  description?: string;
  urgency?: Level;
  impact?: Level;
  categoryId?: string | null;
  tags?: string[];
  /** Agents choose the channel the request arrived by; requesters' own tickets come from the portal. */
  channel?: Channel;
  requesterId?: string;
  /** Agents may name the requester by email instead: found, or created with `requesterName`. */
  requesterEmail?: string;
  requesterName?: string;
  teamId?: string | null;
  assigneeId?: string | null;
  tier?: Tier;
  equipmentBrand?: string | null;
  equipmentModel?: string | null;
  idempotency?: IdempotencyClaim;
  /** Overrides the clock, for imports and the demo data (timelines spread over past weeks). */
  createdAt?: Date;
}

export interface CreateTicketResult {
  ticket: Ticket;
  /** True when an earlier request with the same Idempotency-Key had already created it. */
  replayed: boolean;
}

export async function createTicket(deps: Deps, p: Principal, input: CreateTicketInput): Promise<CreateTicketResult> {
  const result = await deps.db.tx((sql) => createTicketIn(sql, deps, p, input));
  if (!result.replayed) deps.onCommitted?.([result.ticket.id]);
  return result;
}

/** The same, inside a caller's transaction (imports, email ingestion, demo data). */
export async function createTicketIn(
  sql: Sql,
  deps: Deps,
  p: Principal,
  input: CreateTicketInput,
): Promise<CreateTicketResult> {
  const now = input.createdAt ?? deps.clock.now();
  const done = await once(
    sql,
    input.idempotency,
    now,
    async () => {
      const ticket = await insertNewTicket(sql, deps, p, input, now);
      return { value: ticket, resourceId: ticket.id };
    },
    (id) => findTicket(sql, { id }),
  );
  return { ticket: done.value, replayed: done.replayed };
}

async function insertNewTicket(sql: Sql, deps: Deps, p: Principal, input: CreateTicketInput, now: Date): Promise<Ticket> {
  const requester = await resolveRequester(sql, deps, p, input, now);
  const isAgent = p.kind === 'agent';
  // Impact and tags are the support team's assessment: a requester who set impact 1 would raise their own priority.
  const agentOnly = input.teamId || input.assigneeId || input.tier || input.requesterId || input.requesterEmail ||
    input.impact !== undefined || (input.tags?.length ?? 0) > 0;
  if (!isAgent && agentOnly) {
    throw new DomainError('FORBIDDEN', 'Requesters cannot set the team, assignee, tier, requester, impact or tags.');
  }
  if (input.categoryId && !(await categoryExists(sql, input.categoryId))) {
    throw new DomainError('CATEGORY_NOT_FOUND', 'No such category.', [{ path: 'category_id', message: 'unknown category' }]);
  }
  if (input.teamId && !(await teamExists(sql, input.teamId))) {
    throw new DomainError('TEAM_NOT_FOUND', 'No such team.', [{ path: 'team_id', message: 'unknown team' }]);
  }
  if (input.assigneeId) {
    const agent = await findAgent(sql, input.assigneeId);
    if (!agent || !agent.active) {
      throw new DomainError('AGENT_NOT_FOUND', 'No such active agent.', [{ path: 'assignee_id', message: 'unknown agent' }]);
    }
    // Same rule as on updates (domain/ticket-changes.ts): a ticket's assignee belongs to its team.
    if (input.teamId && !agent.team_ids.includes(input.teamId)) {
      throw new DomainError('INVALID_ASSIGNMENT', `${agent.name} is not a member of this ticket's team.`, [
        { path: 'assignee_id', message: 'not a member of team_id' },
      ]);
    }
  }

  return writeNewTicket(sql, deps, {
    actor: { kind: p.kind, id: p.id },
    requester,
    type: input.type ?? 'incident',
    subject: input.subject,
    description: input.description ?? '',
    urgency: input.urgency ?? 2,
    impact: input.impact ?? 2,
    categoryId: input.categoryId ?? null,
    tags: normalizeTags(input.tags ?? []),
    channel: isAgent ? (input.channel ?? 'api') : 'portal',
    teamId: input.teamId ?? null,
    assigneeId: input.assigneeId ?? null,
    tier: input.tier ?? 'L1',
    equipmentBrand: input.equipmentBrand ?? null,
    equipmentModel: input.equipmentModel ?? null,
    createdAt: now,
  });
}

export interface NewTicketFields {
  actor: Actor;
  requester: { id: string; organization_id: string | null };
  type: TicketType;
  subject: string;
  description: string;
  urgency: Level;
  impact: Level;
  categoryId: string | null;
  tags: string[];
  channel: Channel;
  teamId: string | null;
  assigneeId: string | null;
  tier: Tier;
  equipmentBrand: string | null;
  equipmentModel: string | null;
  createdAt: Date;
  /** Why the ticket exists in this form (e.g. an e-mail threading decision), put before the priority reason. */
  reason?: string | null;
  /** More data for the `ticket.created` entry (e.g. the e-mail it came from). */
  data?: Record<string, unknown>;
  /** The id of the `ticket.created` entry, when the caller needs it (attachments point at it). */
  entryId?: string;
}

/**
 * Inserts an already validated ticket and its `ticket.created` entry, with the priority from the matrix. Used by
 * the API's create and by channels (e-mail) that open tickets on a requester's behalf.
 */
export async function writeNewTicket(sql: Sql, deps: Deps, input: NewTicketFields): Promise<Ticket> {
  const matrix = await loadPriorityMatrix(sql);
  // Without a team or an assignee, the routing rules decide where it goes (and what the assignee must know).
  const routing = await routeNewTicket(sql, matrix, { ...input, organizationId: input.requester.organization_id }, { assigneeId: input.assigneeId });
  const f = { ...input, ...routing.fields };
  const now = f.createdAt;
  const { urgency, impact } = f;
  const priority = priorityFor(matrix, urgency, impact);
  const ticket = await insertTicket(sql, {
    id: deps.newId(),
    type: f.type,
    subject: f.subject,
    description: f.description,
    status: 'new',
    urgency,
    impact,
    priority,
    categoryId: f.categoryId,
    tags: f.tags,
    channel: f.channel,
    requesterId: f.requester.id,
    organizationId: f.requester.organization_id,
    teamId: f.teamId,
    assigneeId: f.assigneeId,
    tier: f.tier,
    equipmentBrand: f.equipmentBrand,
    equipmentModel: f.equipmentModel,
    mergedIntoId: null,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
  });
  const priorityReason = `Priority ${priority} from urgency ${urgency} × impact ${impact} (priority matrix).`;
  await appendTimeline(sql, ticket.id, [
    {
      id: f.entryId ?? deps.newId(),
      createdAt: now,
      kind: 'ticket.created',
      actor: f.actor,
      visibility: 'public',
      body: null,
      reason: f.reason ? `${f.reason} ${priorityReason}` : priorityReason,
      data: {
        channel: ticket.channel,
        type: ticket.type,
        urgency,
        impact,
        priority,
        team_id: ticket.teamId,
        assignee_id: ticket.assigneeId,
        tier: ticket.tier,
        ...f.data,
      },
    },
  ]);
  if (routing.entry) await appendTimeline(sql, ticket.id, [{ ...routing.entry, id: deps.newId(), createdAt: now }]);
  if (routing.requiredSkills.length) await setRequiredSkills(sql, ticket.id, routing.requiredSkills);
  await trackSla(sql, deps, null, ticket);
  if (ticket.assigneeId || !ticket.teamId) return ticket;
  const fresh = (await findTicket(sql, { id: ticket.id }))!;
  return (await autoAssign(sql, deps, fresh, { trigger: 'created' })).ticket;
}

async function resolveRequester(sql: Sql, deps: Deps, p: Principal, input: CreateTicketInput, now: Date) {
  if (p.kind === 'requester') {
    const self = await findRequesterById(sql, p.id);
    if (!self) throw new DomainError('UNAUTHENTICATED', 'Your account no longer exists.');
    return self;
  }
  requireAgent(p, 'agent', 'tickets:write');
  if (input.requesterId) {
    const r = await findRequesterById(sql, input.requesterId);
    if (!r) {
      throw new DomainError('REQUESTER_NOT_FOUND', 'No such requester.', [
        { path: 'requester_id', message: 'unknown requester' },
      ]);
    }
    return r;
  }
  if (input.requesterEmail) {
    const known = await findRequesterByIdentity(sql, 'email', input.requesterEmail);
    if (known) return known;
    const name = input.requesterName?.trim() || input.requesterEmail.split('@')[0]!;
    return insertRequester(
      sql,
      { id: deps.newId(), name, organization_id: null, language: 'fr', time_zone: 'Europe/Paris', password_hash: null, created_at: now },
      [{ id: deps.newId(), kind: 'email', value: input.requesterEmail, isPrimary: true }],
    );
  }
  throw new DomainError('VALIDATION_FAILED', 'Name the requester: requester_id or requester_email.', [
    { path: 'requester_id', message: 'required (or requester_email)' },
  ]);
}
