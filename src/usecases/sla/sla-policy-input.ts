import { actionReferences, validateActions } from '../../domain/automation/validate-actions.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { validatePolicyShape, type SlaPolicy } from '../../domain/sla/policy.js';
import { validateTemplate } from '../../domain/templates.js';
import type { ReferenceKind } from '../../domain/automation/rule.js';
import { findReferenceNames } from '../../store/automations.js';
import { findCalendar } from '../../store/calendars.js';
import type { Sql } from '../../store/db.js';
import { findSlaPolicyByName } from '../../store/sla-policies.js';

/** A policy as the API gives it (already shaped by the HTTP schema): the domain policy without id and position. */
export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'position'> & { description: string };

const invalid = (details: ErrorDetail[]) => new DomainError('INVALID_SLA_POLICY', 'The SLA policy is not valid.', details);

/**
 * Checks what the schema cannot: target values and escalation percentages (domain), escalation actions and
 * their templates, and that the calendar, organizations, categories, teams and agents it names exist.
 */
export async function checkSlaPolicy(sql: Sql, input: SlaPolicyInput, selfId: string | null): Promise<void> {
  const problems: ErrorDetail[] = validatePolicyShape(input).map((x) => ({ ...x }));
  input.escalations.forEach((e, i) => problems.push(...validateActions(e.actions, `escalations.${i}.actions`, validateTemplate)));
  if (problems.length) throw invalid(problems);
  if (input.calendarId && !(await findCalendar(sql, input.calendarId))) {
    throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.', [{ path: 'calendar_id', message: 'unknown calendar' }]);
  }
  const refs: Array<{ path: string; kind: ReferenceKind; id: string }> = [
    ...input.escalations.flatMap((e, i) => actionReferences(e.actions, `escalations.${i}.actions`)),
    ...(input.conditions.organization_ids ?? []).map((id, i) => ({ path: `conditions.organization_ids.${i}`, kind: 'organization' as const, id })),
    ...(input.conditions.category_ids ?? []).map((id, i) => ({ path: `conditions.category_ids.${i}`, kind: 'category' as const, id })),
  ];
  if (refs.length) {
    const byKind: Partial<Record<ReferenceKind, string[]>> = {};
    for (const r of refs) (byKind[r.kind] ??= []).push(r.id);
    const found = new Set((await findReferenceNames(sql, byKind)).map((r) => `${r.kind}:${r.id}`));
    const missing = refs.filter((r) => !found.has(`${r.kind}:${r.id}`)).map((r) => ({ path: r.path, message: `unknown ${r.kind}` }));
    if (missing.length) throw invalid(missing);
  }
  const same = await findSlaPolicyByName(sql, input.name);
  if (same && same.id !== selfId) {
    throw new DomainError('CONFLICT', 'An SLA policy with this name already exists.', [{ path: 'name', message: 'already used' }]);
  }
}
