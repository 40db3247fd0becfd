import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findOrganizationByName, insertOrganization, type OrganizationRow } from '../../store/organizations.js';
import type { Deps } from '../deps.js';

export interface CreateOrganizationInput {
  name: string;
  /** The organization's email domain (client.fr), lower-case. */
  domain?: string | null;
  requestersSeeOrgTickets?: boolean;
}

/** Creates a customer organization (support managers and admins). */
export async function createOrganization(deps: Deps, p: Principal, input: CreateOrganizationInput): Promise<OrganizationRow> {
  const manager = requireAgent(p, 'manager', 'directory:write');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (await findOrganizationByName(sql, input.name)) {
      throw new DomainError('CONFLICT', 'An organization with this name already exists.', [{ path: 'name', message: 'already used' }]);
    }
    const org = await insertOrganization(sql, {
      id: deps.newId(),
      name: input.name,
      domain: input.domain?.toLowerCase() ?? null,
      requestersSeeOrgTickets: input.requestersSeeOrgTickets ?? false,
      createdAt: now,
    });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: manager.id, action: 'organization.created',
      targetKind: 'organization', targetId: org.id, data: { requesters_see_org_tickets: org.requesters_see_org_tickets },
    });
    return org;
  });
}
