/**
 * The timeline: one append-only history per ticket. Each entry is also the event later work reacts to
 * (notifications, SLA, realtime, webhooks), so its `kind` names an event in `ticket.*` form.
 */
export const TIMELINE_KINDS = [
  'ticket.created',
  'ticket.replied',
  'ticket.noted',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.team_changed',
  'ticket.tier_changed',
  'ticket.priority_changed',
  'ticket.fields_changed',
  'ticket.merged',
  'ticket.merged_into',
  'ticket.linked',
  'ticket.unlinked',
  // E-mail: automatic mail (auto-reply, bulk) filed on a ticket without reopening it; a bounce of our mail; a
  // message we gave up sending; followers added (Cc) or removed.
  'ticket.email_received',
  'ticket.email_bounced',
  'ticket.email_failed',
  'ticket.followers_changed',
  // SLA: a policy applied or its targets changed (priority, policy, calendar); a threshold or breach reached,
  // with the escalation actions taken. Automations: agents notified; an action that could not apply.
  'ticket.sla_changed',
  'ticket.sla_escalated',
  'ticket.notified',
  'ticket.action_skipped',
  // Routing: the rule that chose team, level and required skills on arrival; a wait in the team queue (nobody
  // qualifies, with why); an escalation or de-escalation with its handoff note.
  'ticket.routed',
  'ticket.queued',
  'ticket.escalated',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type Visibility = 'public' | 'internal';
export type ActorKind = 'agent' | 'requester' | 'system';

export interface Actor {
  kind: ActorKind;
  id: string | null;
}

/** A timeline entry about to be written. `data` holds the structured change (from/to values). */
export interface NewTimelineEntry {
  kind: TimelineKind;
  actor: Actor;
  visibility: Visibility;
  body: string | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** A field change as recorded on the timeline: `{ field, from, to }`. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Kinds a requester may see: public replies and the status/creation/merge events, never internal notes. */
const REQUESTER_VISIBLE: readonly TimelineKind[] = [
  'ticket.created',
  'ticket.replied',
  'ticket.status_changed',
  'ticket.merged',
  'ticket.merged_into',
];

export const requesterCanSee = (kind: TimelineKind, visibility: Visibility): boolean =>
  visibility === 'public' && REQUESTER_VISIBLE.includes(kind);
