import type { Ticket, UpdateTicketInput } from '../../../shared/api/types';

/** The ticket fields the properties form edits, as form values (select values are strings). */
export const FIELD_KEYS = [
  'status', 'urgency', 'impact', 'tier', 'team_id', 'assignee_id', 'category_id', 'equipment_brand', 'equipment_model',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];
export type FieldValues = Record<FieldKey, string>;

export function currentValues(t: Ticket): FieldValues {
  return {
    status: t.status,
    urgency: String(t.urgency),
    impact: String(t.impact),
    tier: t.tier,
    team_id: t.team_id ?? '',
    assignee_id: t.assignee_id ?? '',
    category_id: t.category_id ?? '',
    equipment_brand: t.equipment.brand ?? '',
    equipment_model: t.equipment.model ?? '',
  };
}

const level = (v: string) => Number(v) as 1 | 2 | 3;
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * The PATCH body for what the agent changed: only fields whose value differs from the ticket as it is now
 * (which realtime keeps current), so a field someone else changed meanwhile is not overwritten.
 */
export function buildPatch(ticket: Ticket, edits: Partial<FieldValues>): UpdateTicketInput {
  const cur = currentValues(ticket);
  const changed = (k: FieldKey): string | undefined => {
    const v = edits[k];
    return v !== undefined && v.trim() !== cur[k] ? v : undefined;
  };
  const patch: UpdateTicketInput = {};
  const status = changed('status');
  if (status) patch.status = status as Ticket['status'];
  const urgency = changed('urgency');
  if (urgency) patch.urgency = level(urgency);
  const impact = changed('impact');
  if (impact) patch.impact = level(impact);
  const tier = changed('tier');
  if (tier) patch.tier = tier as Ticket['tier'];
  const team = changed('team_id');
  if (team !== undefined) patch.team_id = orNull(team);
  const assignee = changed('assignee_id');
  if (assignee !== undefined) patch.assignee_id = orNull(assignee);
  const category = changed('category_id');
  if (category !== undefined) patch.category_id = orNull(category);
  const brand = changed('equipment_brand');
  if (brand !== undefined) patch.equipment_brand = orNull(brand);
  const model = changed('equipment_model');
  if (model !== undefined) patch.equipment_model = orNull(model);
  return patch;
}
