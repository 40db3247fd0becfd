import { z } from 'zod';
import { TIERS } from '../../domain/ticket.js';
import { Uuid } from './common.js';
import { TicketJson } from './tickets.js';

const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const Note = z.string().max(20_000).describe('The handoff note for the next person: what was tried, what is known (internal)');

export const EscalateBody = z.strictObject({
  tier: z.enum(TIERS).optional().describe('The level to go to; omitted: the next one up, or the named team’s level'),
  team_id: Uuid.optional().describe('The team to go to; omitted: the team working at that level'),
  note: Note,
  required_skills: z.array(z.strictObject({ skill_id: Uuid, level: Level })).max(20).optional()
    .describe('What the new assignee must know; omitted: the current requirements stay'),
});

export const DeEscalateBody = z.strictObject({
  tier: z.enum(TIERS).optional().describe('Omitted: back to the level and team the ticket came up from'),
  team_id: Uuid.optional(),
  note: Note,
});

export const NextTicketBody = z.strictObject({
  team_id: Uuid.optional().describe('Only this team’s queue; omitted: all your teams'),
});

export const NextTicketJson = z.object({
  ticket: TicketJson.nullable().describe('Now assigned to you; null when nothing you can take is waiting'),
  explanation: z.string(),
  waiting: z.number().int().describe('Tickets you could take, this one included'),
});

export const EscalationReportQuery = z.strictObject({
  from: z.iso.date().describe('First day (inclusive), YYYY-MM-DD'),
  to: z.iso.date().describe('Last day (inclusive), YYYY-MM-DD'),
  time_zone: z.string().default('Europe/Paris'),
  team_id: Uuid.optional(),
});

const Minutes = z.number().nullable();
export const EscalationReportJson = z.object({
  from: z.string(), to: z.string(), time_zone: z.string(),
  tiers: z.array(z.object({
    tier: z.enum(TIERS), periods: z.number().int(), tickets: z.number().int(),
    median_minutes: Minutes, p90_minutes: Minutes, avg_minutes: Minutes,
    arrived_up: z.number().int(), arrived_down: z.number().int(), arrived_transfer: z.number().int(),
  })).describe('Stays in each level that started in the period: how long (wall-clock minutes) and how tickets arrived'),
  totals: z.object({
    tickets: z.number().int(), escalated_tickets: z.number().int(), escalations: z.number().int(), de_escalations: z.number().int(),
  }).describe('Tickets created in the period and their escalations'),
});
