import type { SlaState } from '../../domain/sla/clock.js';
import { SLA_METRICS, type SlaMetric } from '../../domain/sla/policy.js';

const LABEL: Record<SlaMetric, string> = { first_response: 'first response', next_response: 'next response', resolution: 'resolution' };

/** 240 → "4 h", 90 → "1 h 30", 45 → "45 min", 2880 → "48 h" (business time, so never in days). */
export function formatMinutes(total: number): string {
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

/** "Targets (P2, calendar X): first response 4 h business time, due 2026-11-23T10:30:00.000Z; …" for the timeline. */
export function slaSummary(state: SlaState): string {
  const parts: string[] = [];
  for (const metric of SLA_METRICS) {
    const m = state.metrics[metric];
    const target = state.targets[metric];
    if (!target) continue;
    const due = m?.due_at ? `, due ${m.due_at}` : m?.status === 'paused' ? ', paused' : '';
    parts.push(`${LABEL[metric]} ${formatMinutes(target)}${m ? due : ' (starts on the requester’s next message)'}`);
  }
  return `Targets for ${state.priority} in business time (calendar ${state.calendar.name}): ${parts.join('; ') || 'none'}.`;
}
