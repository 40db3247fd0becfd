import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findOrganizationByName, lockOrganization, updateOrganization, type OrganizationRow } from '../../store/organizations.js';
import type { Deps } from '../deps.js';
import type { CreateOrganizationInput } from './create-organization.js';

export type UpdateOrganizationInput = Partial<CreateOrganizationInput>;

/**
 * Edits an organization (support managers and admins). Turning ticket sharing on or off changes what its
 * requesters can read, so that change is audited.
 */
export async function updateOrganizationProfile(
  deps: Deps,
  p: Principal,
  id: string,
  input: UpdateOrganizationInput,
): Promise<OrganizationRow> {
  const manager = requireAgent(p, 'manager', 'directory:write');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const before = await lockOrganization(sql, id);
    if (!before) throw new DomainError('ORGANIZATION_NOT_FOUND', 'No such organization.');
    if (input.name !== undefined) {
      const same = await findOrganizationByName(sql, input.name);
      if (same && same.id !== id) {
        throw new DomainError('CONFLICT', 'An organization with this name already exists.', [{ path: 'name', message: 'already used' }]);
      }
    }
    const org = await updateOrganization(sql, id, {
      name: input.name,
      domain: input.domain === undefined ? undefined : (input.domain?.toLowerCase() ?? null),
      requestersSeeOrgTickets: input.requestersSeeOrgTickets,
    }, now);
    if (before.requesters_see_org_tickets !== org.requesters_see_org_tickets) {
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'agent', actorId: manager.id, action: 'organization.ticket_sharing_changed',
        targetKind: 'organization', targetId: id,
        data: { from: before.requesters_see_org_tickets, to: org.requesters_see_org_tickets },
      });
    }
    return org;
  });
}
