import type { z } from 'zod';
import { isBreached, type SlaState } from '../../domain/sla/clock.js';
import { SLA_METRICS } from '../../domain/sla/policy.js';
import type { StoredSlaPolicy } from '../../store/sla-policies.js';
import type { TicketAction } from '../../domain/automation/actions.js';
import type { SlaPolicyJson, TicketSlaStateJson } from '../schemas/sla.js';

/** The SLA block of a ticket answer, as of `now` (breached = past a running deadline or already crossed). */
export function presentSlaState(state: SlaState | null | undefined, now: Date): z.infer<typeof TicketSlaStateJson> {
  if (!state) return null;
  const targets = SLA_METRICS.flatMap((metric) => {
    const m = state.metrics[metric];
    if (!m) return [];
    return [{
      metric, target_minutes: m.target_minutes, status: m.status, started_at: m.started_at, due_at: m.due_at,
      breached: isBreached(m, now), breached_at: m.breached_at, met_at: m.met_at, cycle: m.cycle,
      warning_percent: m.thresholds.find((p) => p < 100) ?? null,
    }];
  });
  const running = targets.filter((t) => t.status === 'running' && t.due_at).map((t) => t.due_at!).sort();
  return {
    policy: state.policy,
    calendar: { id: state.calendar.id, name: state.calendar.name },
    priority: state.priority,
    paused: targets.some((t) => t.status === 'paused'),
    breached: targets.some((t) => t.breached && (t.status === 'running' || t.status === 'paused')),
    due_at: running[0] ?? null,
    targets,
  };
}

export function presentSlaPolicy(p: StoredSlaPolicy): z.infer<typeof SlaPolicyJson> {
  return {
    id: p.id, name: p.name, description: p.description, position: p.position, active: p.active, conditions: p.conditions,
    calendar_id: p.calendarId,
    targets: Object.fromEntries(Object.entries(p.targets).map(([k, v]) => [k, { ...v }])),
    pause_statuses: p.pauseStatuses.filter((s): s is 'pending' | 'on_hold' => s === 'pending' || s === 'on_hold'),
    escalations: p.escalations.map((e) => ({ metric: e.metric, percent: e.percent, actions: e.actions as TicketAction[] })),
    created_at: p.createdAt.toISOString(), updated_at: p.updatedAt.toISOString(),
  };
}
