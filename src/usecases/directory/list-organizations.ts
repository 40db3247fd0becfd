import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listOrganizations, type OrganizationRow } from '../../store/organizations.js';
import type { Deps } from '../deps.js';

export interface OrganizationPage {
  organizations: OrganizationRow[];
  /** [name, id] of the last row when another page follows. */
  last: [string, string] | null;
}

/** Organizations by name (agents). */
export async function listOrganizationsFor(
  deps: Deps,
  p: Principal,
  input: { q?: string; limit: number; after: [string, string] | null },
): Promise<OrganizationPage> {
  requireAgent(p, 'agent', 'directory:read');
  const rows = await listOrganizations(deps.db, { ...input, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const lastRow = page[page.length - 1];
  return { organizations: page, last: rows.length > input.limit && lastRow ? [lastRow.name, lastRow.id] : null };
}
