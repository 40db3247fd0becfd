import type { z } from 'zod';
import { availabilityAt, completeWorkingHours } from '../../domain/routing/availability.js';
import type { AgentRow } from '../../store/agents.js';
import type { AvailabilityJson, AvailabilitySummaryJson } from '../schemas/availability.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function presentAvailability(a: AgentRow, now: Date): z.infer<typeof AvailabilityJson> {
  const state = availabilityAt(a, now);
  const away = a.ooo_from !== null || a.ooo_until !== null;
  return {
    agent_id: a.id,
    status: a.availability,
    status_changed_at: iso(a.availability_changed_at),
    working_hours: a.working_hours && completeWorkingHours(a.working_hours),
    capacity: a.capacity,
    out_of_office: away ? { from: iso(a.ooo_from), until: iso(a.ooo_until), delegate_id: a.ooo_delegate_id } : null,
    now: {
      on_shift: state.onShift,
      shift_ends_at: iso(state.shiftEndsAt),
      next_shift_start: iso(state.nextShiftStart),
      out_of_office: state.outOfOffice,
      available: state.available,
    },
    open_tickets: a.open_tickets,
  };
}

export function presentAvailabilitySummary(a: AgentRow, now: Date): z.infer<typeof AvailabilitySummaryJson> {
  const state = availabilityAt(a, now);
  return {
    status: a.availability, available: state.available, on_shift: state.onShift, out_of_office: state.outOfOffice,
    capacity: a.capacity, open_tickets: a.open_tickets,
  };
}
