import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findOrganization, type OrganizationRow } from '../../store/organizations.js';
import type { Deps } from '../deps.js';

export async function getOrganization(deps: Deps, p: Principal, id: string): Promise<OrganizationRow> {
  requireAgent(p, 'agent', 'directory:read');
  const org = await findOrganization(deps.db, id);
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', 'No such organization.');
  return org;
}
