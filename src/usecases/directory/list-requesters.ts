import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listIdentities, listRequesters } from '../../store/requesters.js';
import type { Deps } from '../deps.js';
import type { RequesterDetail } from './get-requester.js';

export interface ListRequestersInput {
  q?: string;
  organizationId?: string;
  limit: number;
  /** Keyset position: [name, id] of the last requester of the previous page. */
  after: [string, string] | null;
}

export interface RequesterPage {
  requesters: RequesterDetail[];
  /** [name, id] of the last row when another page follows. */
  last: [string, string] | null;
}

/** The requester directory (agents only), by name, with each requester's identities. */
export async function listRequestersFor(deps: Deps, p: Principal, input: ListRequestersInput): Promise<RequesterPage> {
  requireAgent(p, 'agent', 'directory:read');
  const rows = await listRequesters(deps.db, { ...input, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const identities = await listIdentities(deps.db, page.map((r) => r.id));
  const lastRow = page[page.length - 1];
  return {
    requesters: page.map((r) => ({ requester: r, identities: identities.filter((i) => i.requester_id === r.id) })),
    last: rows.length > input.limit && lastRow ? [lastRow.name, lastRow.id] : null,
  };
}
