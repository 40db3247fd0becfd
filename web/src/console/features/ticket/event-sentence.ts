import type { ReactNode } from 'react';
import type { TimelineEntry } from '../../../shared/api/types';
import type { MessageId } from '../../../shared/i18n/ids';
import type { MessageValues } from '../../../shared/i18n/I18nProvider';
import { emailOrigin, mailbox } from './email-data';
import { autoAssignedSentence, routingEventSentence, routingReason } from './routing-sentence';
import { slaEventSentence } from './sla-sentence';

type T = (id: MessageId, values?: MessageValues) => string;

/** What a sentence needs besides the entry: translations, id → name lookups, and how to show a ticket number. */
export interface SentenceDeps {
  t: T;
  agent(id: string | null): string | null;
  team(id: string | null): string | null;
  category(id: string | null): string | null;
  /** A skill's name in the reader's language; `fallback`: the name written on the entry. */
  skill(id: string, fallback: string | null): string;
  /** A link in the page, plain `#1042` in announcements. */
  ticketRef(number: number): ReactNode;
}

/** A message and its values (some may be links), plus lines of detail (one per changed field). */
export interface Sentence {
  id: MessageId;
  values: Record<string, ReactNode>;
  details: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
const TIERS = ['L1', 'L2', 'L3'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const CHANNELS = ['email', 'chat', 'phone', 'portal', 'api'] as const;
const oneOf = <V extends string>(list: readonly V[], v: unknown): V | null =>
  (list as readonly unknown[]).includes(v) ? (v as V) : null;

/** The author of an entry as shown: their name, "Relais" for automation. */
export function actorName(entry: TimelineEntry, t: T): string {
  if (entry.actor.name) return entry.actor.name;
  return entry.actor.kind === 'system' ? t('ticket.actor.system') : t('ticket.actor.unknown');
}

function statusLabel(t: T, v: unknown): string {
  const s = oneOf(STATUSES, v);
  return s ? t(`status.${s}`) : String(v);
}
function tierLabel(t: T, v: unknown): string {
  const s = oneOf(TIERS, v);
  return s ? t(`tier.${s}`) : String(v);
}
function priorityLabel(t: T, v: unknown): string {
  const s = oneOf(PRIORITIES, v);
  return s ? t(`priority.${s}`) : String(v);
}
function levelLabel(t: T, v: unknown): string {
  return v === 1 || v === 2 || v === 3 ? t(`level.${v}`) : String(v);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "Jean Martin <jean@client.example>, x@y" from `[{ email, name }]`. */
function people(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isRecord)
    .map((p) => (str(p.email) ? mailbox({ address: str(p.email)!, name: str(p.name) }) : null))
    .filter((x): x is string => x !== null);
}

/** "x@y (5.1.1 User unknown)" for each recipient of a delivery status notification. */
function bouncedRecipients(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((r) => {
    const diagnostic = (str(r.diagnostic) ?? '').replace(/^smtp;\s*/i, '').trim();
    const detail = [str(r.status), diagnostic.length > 200 ? `${diagnostic.slice(0, 200)}…` : diagnostic].filter(Boolean).join(' ');
    const who = str(r.recipient) ?? '?';
    return detail ? `${who} (${detail})` : who;
  });
}

/** One line per changed field of a `ticket.fields_changed` entry. */
function fieldLines(data: Record<string, unknown>, d: SentenceDeps): string[] {
  const { t } = d;
  const changes = Array.isArray(data.changes) ? (data.changes as Array<{ field?: unknown; from?: unknown; to?: unknown }>) : [];
  const empty = t('ticket.value.empty');
  const lines: string[] = [];
  for (const c of changes) {
    const line = (id: MessageId, from: string | null, to: string | null) =>
      lines.push(t('ticket.change.line', { field: t(id), from: from ?? empty, to: to ?? empty }));
    switch (c.field) {
      case 'tags': {
        const from = strings(c.from);
        const to = strings(c.to);
        const added = to.filter((x) => !from.includes(x));
        const removed = from.filter((x) => !to.includes(x));
        if (added.length) lines.push(t('ticket.change.tagsAdded', { count: added.length, tags: added.join(', ') }));
        if (removed.length) lines.push(t('ticket.change.tagsRemoved', { count: removed.length, tags: removed.join(', ') }));
        break;
      }
      case 'description':
        lines.push(t('ticket.change.description'));
        break;
      case 'subject':
        line('ticket.field.subject', str(c.from), str(c.to));
        break;
      case 'type':
        line('ticket.field.type', c.from === 'incident' || c.from === 'request' ? t(`type.${c.from}`) : null,
          c.to === 'incident' || c.to === 'request' ? t(`type.${c.to}`) : null);
        break;
      case 'urgency':
        line('ticket.field.urgency', levelLabel(t, c.from), levelLabel(t, c.to));
        break;
      case 'impact':
        line('ticket.field.impact', levelLabel(t, c.from), levelLabel(t, c.to));
        break;
      case 'category_id':
        line('ticket.field.category', d.category(str(c.from)), d.category(str(c.to)));
        break;
      case 'equipment_brand':
        line('ticket.field.equipmentBrand', str(c.from), str(c.to));
        break;
      case 'equipment_model':
        line('ticket.field.equipmentModel', str(c.from), str(c.to));
        break;
      default:
        lines.push(t('ticket.change.line', { field: String(c.field), from: String(c.from ?? empty), to: String(c.to ?? empty) }));
    }
  }
  return lines;
}

/** The readable sentence of a change event ("Léa Dubois changed the status from Open to Pending"). */
export function eventSentence(entry: TimelineEntry, d: SentenceDeps): Sentence {
  const { t } = d;
  const data = entry.data;
  const actor = actorName(entry, t);
  const s = (id: MessageId, values: Record<string, ReactNode> = {}, details: string[] = []): Sentence => ({
    id,
    values: { actor, ...values },
    details,
  });
  switch (entry.kind) {
    case 'ticket.created': {
      const channel = oneOf(CHANNELS, data.channel);
      return s('ticket.event.created', {
        channel: channel ? t(`channel.${channel}`) : t('ticket.actor.unknown'),
        priority: priorityLabel(t, data.priority),
        urgency: levelLabel(t, data.urgency),
        impact: levelLabel(t, data.impact),
      });
    }
    case 'ticket.replied':
      return s('ticket.event.replied');
    case 'ticket.noted':
      return s('ticket.event.noted');
    case 'ticket.status_changed':
      return s(data.reopened ? 'ticket.event.reopened' : 'ticket.event.statusChanged', {
        from: statusLabel(t, data.from),
        to: statusLabel(t, data.to),
      });
    case 'ticket.assigned': {
      const routed = autoAssignedSentence(entry, d);
      if (routed) return s(routed.id, routed.values, routed.details);
      const from = str(data.from);
      const to = str(data.to);
      const name = (id: string) => d.agent(id) ?? t('ticket.actor.unknown');
      if (!to) return s('ticket.event.unassigned', { from: from ? name(from) : t('ticket.actor.unknown') });
      if (!from) return s('ticket.event.assigned', { to: name(to) });
      return s('ticket.event.reassigned', { from: name(from), to: name(to) });
    }
    case 'ticket.team_changed': {
      const from = str(data.from);
      const to = str(data.to);
      const name = (id: string) => d.team(id) ?? t('ticket.actor.unknown');
      if (!to) return s('ticket.event.teamRemoved', { from: from ? name(from) : t('ticket.actor.unknown') });
      if (!from) return s('ticket.event.teamSet', { to: name(to) });
      return s('ticket.event.teamChanged', { from: name(from), to: name(to) });
    }
    case 'ticket.tier_changed': {
      const up = String(data.to ?? '') > String(data.from ?? '');
      return s(up ? 'ticket.event.escalated' : 'ticket.event.deescalated', {
        from: tierLabel(t, data.from),
        to: tierLabel(t, data.to),
      });
    }
    case 'ticket.priority_changed':
      return s('ticket.event.priorityChanged', {
        from: priorityLabel(t, data.from),
        to: priorityLabel(t, data.to),
        urgency: levelLabel(t, data.urgency),
        impact: levelLabel(t, data.impact),
      });
    case 'ticket.fields_changed':
      return s('ticket.event.fieldsChanged', {}, fieldLines(data, d));
    case 'ticket.merged': {
      const tags = strings(data.tags_added);
      return s(
        'ticket.event.merged',
        { ticket: d.ticketRef(num(data.source_ticket_number) ?? 0) },
        tags.length ? [t('ticket.change.tagsAdded', { count: tags.length, tags: tags.join(', ') })] : [],
      );
    }
    case 'ticket.merged_into':
      return s('ticket.event.mergedInto', { ticket: d.ticketRef(num(data.into_ticket_number) ?? 0) });
    case 'ticket.linked':
    case 'ticket.unlinked':
      return s(entry.kind === 'ticket.linked' ? 'ticket.event.linked' : 'ticket.event.unlinked', {
        role: str(data.role) ?? 'related',
        ticket: d.ticketRef(num(data.ticket_number) ?? 0),
      });
    case 'ticket.email_received': {
      const origin = emailOrigin(entry);
      return s('ticket.event.emailReceived', {
        classification: origin?.classification ?? 'other',
        from: origin?.from ? mailbox(origin.from) : t('ticket.value.unknownSender'),
      });
    }
    case 'ticket.email_bounced': {
      const recipients = bouncedRecipients(data.recipients);
      return s('ticket.event.emailBounced', { count: recipients.length, recipients: recipients.join(', ') });
    }
    case 'ticket.email_failed':
      return s('ticket.event.emailFailed', {
        to: strings(data.to).join(', ') || t('ticket.actor.unknown'),
        attempts: num(data.attempts) ?? 0,
        error: str(data.error) ?? t('ticket.value.unknownError'),
      });
    case 'ticket.followers_changed': {
      const added = people(data.added);
      const removed = people(data.removed);
      const lines: string[] = [];
      if (added.length) lines.push(t('ticket.change.followersAdded', { count: added.length, people: added.join(', ') }));
      if (removed.length) lines.push(t('ticket.change.followersRemoved', { count: removed.length, people: removed.join(', ') }));
      return s('ticket.event.followersChanged', {}, lines);
    }
    case 'ticket.routed':
    case 'ticket.queued':
    case 'ticket.escalated': {
      const routing = routingEventSentence(entry.kind, data, d);
      return s(routing.id, routing.values, routing.details);
    }
    case 'ticket.sla_changed':
    case 'ticket.sla_escalated':
    case 'ticket.notified':
    case 'ticket.action_skipped': {
      const sla = slaEventSentence(entry.kind, data, t);
      return s(sla.id, sla.values, sla.details);
    }
  }
}

/** Reasons the server writes itself (in English); shown in the reader's language instead. */
const AUTOMATIC_REASONS: Record<string, MessageId> = {
  'agent replied': 'ticket.reason.agentReplied',
  'requester replied': 'ticket.reason.requesterReplied',
  'the assignee is not a member of the new team': 'ticket.reason.assigneeNotInTeam',
  'requester replied by e-mail': 'ticket.reason.requesterRepliedByEmail',
};

/** Kinds whose reason only repeats the sentence, or is explained by the e-mail origin block instead. */
const REASON_SHOWN_ELSEWHERE = new Set<TimelineEntry['kind']>([
  'ticket.email_received', 'ticket.email_bounced', 'ticket.email_failed', 'ticket.sla_escalated', 'ticket.action_skipped',
]);

/**
 * The reason to show after a sentence, or null. Automatic parts that only repeat the sentence (the priority
 * computation) are dropped; known automatic reasons are translated; what an agent typed is shown as typed.
 */
export function displayReason(entry: TimelineEntry, t: T): string | null {
  let reason = entry.reason?.trim() ?? '';
  if (!reason) return null;
  const routing = routingReason(entry, t);
  if (routing !== undefined) return routing;
  if (entry.kind === 'ticket.created' && /^Priority P\d from urgency \d × impact \d/.test(reason)) return null;
  if (REASON_SHOWN_ELSEWHERE.has(entry.kind)) return null;
  // Threading decisions are written in English by the server; the reply's e-mail block explains them in full.
  if (entry.kind === 'ticket.status_changed' && /\bReopened #\d+ because /.test(reason)) return t('ticket.reason.reopenedByEmail');
  const cc = /^(\S+) wrote to them too \(To\/Cc\)/.exec(reason);
  if (entry.kind === 'ticket.followers_changed' && cc) return t('ticket.reason.ccFollowers', { from: cc[1] });
  if (entry.kind === 'ticket.priority_changed') reason = reason.replace(/^urgency \d × impact \d → P\d( — )?/, '');
  // The targets and due times are the entry's detail lines; the reason keeps why the policy applies.
  if (entry.kind === 'ticket.sla_changed') reason = reason.replace(/\s*Targets for P\d in business time .*$/s, '');
  const [head = '', ...rest] = reason.split(' — ');
  const known = AUTOMATIC_REASONS[head];
  if (known) reason = [t(known), ...rest].join(' — ');
  return reason || null;
}
