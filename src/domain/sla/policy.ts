import type { TicketAction } from '../automation/actions.js';
import { PRIORITIES, type Priority } from '../priority.js';
import { CHANNELS, TICKET_STATUSES, TICKET_TYPES, type Channel, type TicketStatus, type TicketType } from '../ticket.js';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Business minutes per target; a missing or null target is not measured. */
export type SlaTargets = Partial<Record<SlaMetric, number | null>>;

export interface SlaConditions {
  organization_ids?: string[];
  types?: TicketType[];
  /** A category matches its descendants too. */
  category_ids?: string[];
  channels?: Channel[];
}

export interface SlaEscalation {
  metric: SlaMetric;
  /** Share of the target's business time used, 1–100 (100 = breach). */
  percent: number;
  actions: TicketAction[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: SlaConditions;
  calendarId: string | null;
  targets: Partial<Record<Priority, SlaTargets>>;
  pauseStatuses: TicketStatus[];
  escalations: SlaEscalation[];
}

/** What policy selection looks at. `categoryPath` is the materialized '/root/…/id/' path of the category. */
export interface PolicyFacts {
  type: TicketType;
  channel: Channel;
  organizationId: string | null;
  categoryId: string | null;
  categoryPath: string | null;
}

export interface PolicyChoice {
  policy: SlaPolicy;
  /** Why this policy, in English, for the timeline: which rule matched and on what. */
  reason: string;
}

function conditionsMatch(c: SlaConditions, f: PolicyFacts): string[] | null {
  const why: string[] = [];
  if (c.organization_ids?.length) {
    if (!f.organizationId || !c.organization_ids.includes(f.organizationId)) return null;
    why.push('organization');
  }
  if (c.types?.length) {
    if (!c.types.includes(f.type)) return null;
    why.push(`type ${f.type}`);
  }
  if (c.channels?.length) {
    if (!c.channels.includes(f.channel)) return null;
    why.push(`channel ${f.channel}`);
  }
  if (c.category_ids?.length) {
    const path = f.categoryPath ?? '';
    if (!c.category_ids.some((id) => path.includes(`/${id}/`))) return null;
    why.push('category');
  }
  return why;
}

/**
 * The first active policy, in position order, whose conditions all hold; null when none does (the ticket has no
 * SLA). A policy without conditions matches every ticket, so it is the usual last rule.
 */
export function selectPolicy(policies: readonly SlaPolicy[], facts: PolicyFacts): PolicyChoice | null {
  const ordered = [...policies].filter((p) => p.active).sort((a, b) => a.position - b.position);
  for (const policy of ordered) {
    const why = conditionsMatch(policy.conditions, facts);
    if (why === null) continue;
    const reason = why.length
      ? `SLA policy «${policy.name}» applies (rule ${policy.position}: ${why.join(', ')} matched).`
      : `SLA policy «${policy.name}» applies (rule ${policy.position}, no conditions: the default policy).`;
    return { policy, reason };
  }
  return null;
}

export interface PolicyProblem {
  path: string;
  message: string;
}

// About 200 days of 8-hour business days: beyond it the calendar's three-year search could run out.
const MAX_TARGET_MINUTES = 100_000;

/** Checks the parts the schema cannot: target values, statuses that may pause, escalation metrics and percents. */
export function validatePolicyShape(p: Pick<SlaPolicy, 'targets' | 'pauseStatuses' | 'escalations' | 'conditions'>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [priority, targets] of Object.entries(p.targets)) {
    if (!PRIORITIES.includes(priority as Priority)) problems.push({ path: `targets.${priority}`, message: 'unknown priority' });
    for (const [metric, minutes] of Object.entries(targets ?? {})) {
      if (!SLA_METRICS.includes(metric as SlaMetric)) problems.push({ path: `targets.${priority}.${metric}`, message: 'unknown target' });
      else if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TARGET_MINUTES)) {
        problems.push({ path: `targets.${priority}.${metric}`, message: `whole business minutes from 1 to ${MAX_TARGET_MINUTES}, or null` });
      }
    }
  }
  p.pauseStatuses.forEach((s, i) => {
    if (!TICKET_STATUSES.includes(s) || !['pending', 'on_hold'].includes(s)) {
      problems.push({ path: `pause_statuses.${i}`, message: 'only pending and on_hold can pause the clock' });
    }
  });
  const seen = new Set<string>();
  p.escalations.forEach((e, i) => {
    if (!SLA_METRICS.includes(e.metric)) problems.push({ path: `escalations.${i}.metric`, message: 'unknown target' });
    if (!Number.isInteger(e.percent) || e.percent < 1 || e.percent > 100) {
      problems.push({ path: `escalations.${i}.percent`, message: 'a whole percentage from 1 to 100' });
    }
    const key = `${e.metric}@${e.percent}`;
    if (seen.has(key)) problems.push({ path: `escalations.${i}`, message: 'the same target and percentage twice' });
    seen.add(key);
  });
  p.conditions.types?.forEach((t, i) => {
    if (!TICKET_TYPES.includes(t)) problems.push({ path: `conditions.types.${i}`, message: 'unknown ticket type' });
  });
  p.conditions.channels?.forEach((c, i) => {
    if (!CHANNELS.includes(c)) problems.push({ path: `conditions.channels.${i}`, message: 'unknown channel' });
  });
  return problems;
}

/** The escalation percentages of each metric, ascending, always ending with 100 (the breach itself). */
export function thresholdsOf(escalations: readonly SlaEscalation[]): Record<SlaMetric, number[]> {
  const out = {} as Record<SlaMetric, number[]>;
  for (const m of SLA_METRICS) {
    out[m] = [...new Set([...escalations.filter((e) => e.metric === m).map((e) => e.percent), 100])].sort((a, b) => a - b);
  }
  return out;
}
