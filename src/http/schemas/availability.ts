import { z } from 'zod';
import { AGENT_STATUSES } from '../../domain/routing/availability.js';
import { WeeklyBody } from './calendars.js';
import { IsoDate, Uuid } from './common.js';

const Status = z.enum(AGENT_STATUSES).describe('online: takes tickets; away: briefly unavailable; offline: not working');

// HH:MM formats, order and overlaps are checked by the domain, which answers VALIDATION_FAILED with a path per
// problem (working_hours.1.0.start …); the schema bounds shapes and sizes.
const WorkingHoursBody = WeeklyBody.describe(
  'Personal working hours in the agent’s time zone, per ISO weekday ("1" = Monday … "7" = Sunday); a missing day is a day off',
);

const OutOfOfficeBody = z.strictObject({
  from: IsoDate.nullable().optional().describe('Start of the absence; null: already away'),
  until: IsoDate.nullable().optional().describe('Back at this instant; null: until further notice'),
  delegate_id: Uuid.nullable().optional().describe('An active colleague who takes over the agent’s tickets'),
});

export const UpdateAvailabilityBody = z.strictObject({
  status: Status.optional(),
  working_hours: WorkingHoursBody.nullable().optional().describe('null: no personal hours (always on shift)'),
  capacity: z.number().int().min(0).max(10_000).nullable().optional()
    .describe('Managers and administrators only: most open tickets automatic assignment gives the agent; null: no limit'),
  out_of_office: OutOfOfficeBody.nullable().optional().describe('Needs from, until or both; null: back in the office'),
});

const IntervalJson = z.object({ start: z.string(), end: z.string() });
const Day = z.array(IntervalJson);
const WorkingHoursJson = z.object({ 1: Day, 2: Day, 3: Day, 4: Day, 5: Day, 6: Day, 7: Day });

export const AvailabilityJson = z.object({
  agent_id: Uuid,
  status: Status,
  status_changed_at: IsoDate.nullable(),
  working_hours: WorkingHoursJson.nullable().describe('null: no personal hours (always on shift)'),
  capacity: z.number().int().nullable().describe('null: no limit'),
  out_of_office: z.object({ from: IsoDate.nullable(), until: IsoDate.nullable(), delegate_id: Uuid.nullable() }).nullable(),
  now: z.object({
    on_shift: z.boolean(),
    shift_ends_at: IsoDate.nullable().describe('null off shift or without personal hours'),
    next_shift_start: IsoDate.nullable().describe('null on shift or without personal hours'),
    out_of_office: z.boolean(),
    available: z.boolean().describe('Online, on shift and not out of office'),
  }),
  open_tickets: z.number().int().describe('Assigned to the agent and neither resolved nor closed'),
});

/** The short form on every agent of the directory. */
export const AvailabilitySummaryJson = z.object({
  status: Status,
  available: z.boolean().describe('Online, on shift and not out of office, now'),
  on_shift: z.boolean(),
  out_of_office: z.boolean(),
  capacity: z.number().int().nullable(),
  open_tickets: z.number().int(),
});
