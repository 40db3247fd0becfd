/**
 * Routing entries of the timeline said in the reader's language, from their `data` (see
 * src/usecases/routing/route-new-ticket.ts, auto-assign.ts, escalate-ticket.ts, take-next-ticket.ts): the rule
 * that routed a ticket and why, the wait in a team queue and who was skipped, the automatic choice of an agent,
 * and escalations. The server's English `reason` stays the fallback for anything these do not recognise.
 */
import type { TimelineEntry } from '../../../shared/api/types';
import type { MessageId } from '../../../shared/i18n/ids';
import type { MessageValues } from '../../../shared/i18n/I18nProvider';

type T = (id: MessageId, values?: MessageValues) => string;

export interface RoutingSentenceDeps {
  t: T;
  team(id: string | null): string | null;
  /** A skill's name in the reader's language; `fallback` is the (English) name the server wrote. */
  skill(id: string, fallback: string | null): string;
}

export interface RoutingSentence {
  id: MessageId;
  values: Record<string, string | number>;
  details: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const oneOf = <V extends string>(list: readonly V[], v: unknown): V | null => ((list as readonly unknown[]).includes(v) ? (v as V) : null);

const TIERS = ['L1', 'L2', 'L3'] as const;
const CHANNELS = ['email', 'chat', 'phone', 'portal', 'api'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const SKIPS = ['offline', 'away', 'off_shift', 'out_of_office', 'at_capacity', 'missing_skill', 'below_tier'] as const;
const TRIGGERS = ['created', 'escalated', 'redistributed', 'waiting', 'team_changed'] as const;

function tierLabel(t: T, v: unknown): string | null {
  const tier = oneOf(TIERS, v);
  return tier ? t(`tier.${tier}`) : null;
}

/** "Cisco level 3, Networking level 2" from `[{ skill_id, level, name }]`. */
function skillList(v: unknown, d: RoutingSentenceDeps): string {
  return records(v)
    .filter((s) => str(s.skill_id))
    .map((s) => d.t('routing.fact.skill', { name: d.skill(str(s.skill_id)!, str(s.name)), level: num(s.level) ?? '?' }))
    .join(', ');
}

/**
 * "Luc Bernard (offline), Inès Roy (at capacity)" from `[{ name, reason }]`; in a large team the server names the
 * first twenty and gives the total (`skipped_total`), the rest is counted.
 */
function skippedList(v: unknown, t: T, total?: unknown): string {
  const named = records(v);
  const list = named
    .map((s) => {
      const reason = oneOf(SKIPS, s.reason);
      return t('routing.skipped.one', { name: str(s.name) ?? '?', reason: reason ? t(`routing.skip.${reason}`) : String(s.reason ?? '?') });
    });
  const more = typeof total === 'number' ? total - named.length : 0;
  if (more > 0) list.push(t('routing.skipped.more', { count: more }));
  return list.join(', ');
}

/** One condition that matched, as the rule engine wrote it ("brand Cisco", "keyword «switch»"). */
function matchedText(m: string, t: T): string {
  let x: RegExpExecArray | null;
  if ((x = /^channel (\w+)$/.exec(m))) {
    const c = oneOf(CHANNELS, x[1]);
    return t('routing.matched.channel', { channel: c ? t(`channel.${c}`) : x[1]! });
  }
  if ((x = /^priority (P\d)$/.exec(m))) {
    const p = oneOf(PRIORITIES, x[1]);
    return t('routing.matched.priority', { priority: p ? t(`priority.${p}`) : x[1]! });
  }
  if (m === 'organization') return t('routing.matched.organization');
  if (m === 'category') return t('routing.matched.category');
  if ((x = /^brand (.+)$/s.exec(m))) return t('routing.matched.brand', { brand: x[1]! });
  if ((x = /^keyword «(.+)»$/s.exec(m))) return t('routing.matched.keyword', { word: x[1]! });
  return m;
}

/** "Level 2 · Support N2": a level and, when known, its team. */
function place(d: RoutingSentenceDeps, tier: unknown, teamId: unknown): string {
  const level = tierLabel(d.t, tier) ?? '?';
  const team = d.team(str(teamId));
  return team ? d.t('routing.place.team', { tier: level, team }) : level;
}

export function routingEventSentence(
  kind: 'ticket.routed' | 'ticket.queued' | 'ticket.escalated', data: Record<string, unknown>, d: RoutingSentenceDeps,
): RoutingSentence {
  const { t } = d;
  switch (kind) {
    case 'ticket.routed': {
      const team = d.team(str(data.team_id));
      const skills = skillList(data.required_skills, d);
      const adjust = str(data.priority_adjust);
      const tags = Array.isArray(data.tags) ? data.tags.filter((x): x is string => typeof x === 'string') : [];
      const outcome = [
        team ? t('routing.routed.team', { name: team }) : null,
        tierLabel(t, data.tier),
        skills ? t('routing.routed.needs', { skills }) : null,
        adjust ? t('routing.routed.priority', { adjust }) : null,
        tags.length ? t('routing.routed.tags', { tags: tags.join(', ') }) : null,
      ].filter((p): p is string => p !== null).join(' · ');
      const matched = (Array.isArray(data.matched) ? data.matched : []).filter((m): m is string => typeof m === 'string');
      const rule = (isRecord(data.rule) ? str(data.rule.name) : null) ?? '?';
      return matched.length
        ? { id: 'routing.event.routed', values: { rule, matched: matched.map((m) => matchedText(m, t)).join(', '), outcome }, details: [] }
        : { id: 'routing.event.routedDefault', values: { rule, outcome }, details: [] };
    }
    case 'ticket.queued': {
      const team = d.team(str(data.team_id)) ?? t('ticket.value.noTeam');
      const routing = isRecord(data.routing) ? data.routing : {};
      if (routing.mode === 'pull') return { id: 'routing.event.queuedPull', values: { team }, details: [] };
      const skills = skillList(routing.required_skills, d);
      const skipped = skippedList(routing.skipped, t, routing.skipped_total);
      return {
        id: skills ? 'routing.event.queuedSkills' : 'routing.event.queued',
        values: { team, skills },
        details: skipped ? [t('routing.skipped.line', { list: skipped })] : [],
      };
    }
    case 'ticket.escalated': {
      const skills = skillList(data.required_skills, d);
      return {
        id: 'routing.event.escalated',
        values: {
          direction: oneOf(['up', 'down', 'transfer'] as const, data.direction) ?? 'transfer',
          from: place(d, data.from_tier, data.from_team_id),
          to: place(d, data.to_tier, data.to_team_id),
        },
        details: skills ? [t('routing.detail.needs', { skills })] : [],
      };
    }
  }
}

/**
 * A `ticket.assigned` entry written by automatic assignment or "Next ticket" (it carries `data.routing`), as
 * "Assigned automatically to Camille Martin: 2 open tickets, on shift until 18:00; skipped Luc (offline)".
 * Null for other assignments (hand-over to a delegate, by hand): the usual sentence and reason apply.
 */
export function autoAssignedSentence(entry: TimelineEntry, d: RoutingSentenceDeps): RoutingSentence | null {
  const { t } = d;
  const routing = isRecord(entry.data.routing) ? entry.data.routing : null;
  if (!routing) return null;
  if (routing.trigger === 'pull') {
    const skills = skillList(routing.required_skills, d);
    return { id: 'routing.event.pulled', values: { count: num(routing.waiting) ?? 1 }, details: skills ? [t('routing.detail.needs', { skills })] : [] };
  }
  const chosen = isRecord(routing.chosen) ? routing.chosen : null;
  const name = chosen ? str(chosen.name) : null;
  if (!chosen || !name) return null;
  const open = num(chosen.open_tickets) ?? 0;
  const capacity = num(chosen.capacity);
  const until = str(chosen.shift_ends_at);
  const waited = /after waiting (\d+) min\.?$/.exec(entry.reason ?? '');
  const skills = skillList(routing.required_skills, d);
  const skipped = skippedList(routing.skipped, t, routing.skipped_total);
  const facts = [
    skills || null,
    capacity === null ? t('routing.fact.load', { count: open }) : t('routing.fact.loadOf', { count: open, capacity }),
    until ? t('routing.fact.shiftUntil', { until: new Date(until) }) : t('routing.fact.onShift'),
    waited ? t('routing.fact.waited', { minutes: Number(waited[1]) }) : null,
  ].filter((p): p is string => p !== null).join(', ');
  return {
    id: 'routing.event.autoAssigned',
    values: {
      // A known wait is said in the facts ("after waiting 12 min"), so the sentence need not say it again.
      trigger: waited ? 'created' : (oneOf(TRIGGERS, routing.trigger) ?? 'created'),
      name,
      facts: skipped ? t('routing.fact.withSkipped', { facts, list: skipped }) : facts,
    },
    details: [],
  };
}

/**
 * The reason to show for a routing entry: null when the sentence already says it all (the English reason would
 * only repeat it), a translation for the escalation's own reasons, undefined when routing has nothing to say.
 */
export function routingReason(entry: TimelineEntry, t: T): string | null | undefined {
  if (entry.kind === 'ticket.routed' || entry.kind === 'ticket.escalated') return null;
  if (entry.kind === 'ticket.queued') return isRecord(entry.data.routing) ? null : undefined;
  const reason = entry.reason?.trim() ?? '';
  if (entry.kind === 'ticket.assigned' && isRecord(entry.data.routing)) {
    const routing = entry.data.routing;
    if (routing.trigger === 'pull' || isRecord(routing.chosen)) return null;
  }
  if (/^(Escalated|De-escalated|Handed over) to .+; see the handoff note\.$/s.test(reason)) return t('routing.reason.seeHandoff');
  const back = /^Back to (.+), who escalated it\.$/s.exec(reason);
  if (back) return t('routing.reason.backToEscalator', { name: back[1]! });
  return undefined;
}
