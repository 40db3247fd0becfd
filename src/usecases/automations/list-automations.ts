import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findAutomation, listAutomations, type AutomationRow } from '../../store/automations.js';
import type { Deps } from '../deps.js';

/** Every automation in the order rules run (managers and administrators). */
export async function listAutomationsFor(deps: Deps, p: Principal): Promise<AutomationRow[]> {
  requireAgent(p, 'manager', 'directory:read');
  return listAutomations(deps.db);
}

export async function getAutomation(deps: Deps, p: Principal, id: string): Promise<AutomationRow> {
  requireAgent(p, 'manager', 'directory:read');
  const row = await findAutomation(deps.db, id);
  if (!row) throw new DomainError('AUTOMATION_NOT_FOUND', 'No such automation.');
  return row;
}
