import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { searchAudit, type AuditRow } from '../../store/audit.js';
import type { Deps } from '../deps.js';

export interface ListAuditInput {
  /** An exact action (token.issued) or a family ending in `.*` (auth.*). */
  action?: string;
  actorId?: string;
  targetId?: string;
  limit: number;
  beforeSeq: number | null;
}

export interface AuditPage {
  entries: AuditRow[];
  /** seq and id of the last entry when older ones follow. */
  last: [number, string] | null;
}

/** The security audit log, newest first (support managers and administrators). */
export async function listAuditLog(deps: Deps, p: Principal, input: ListAuditInput): Promise<AuditPage> {
  requireAgent(p, 'manager', 'directory:read');
  const family = input.action?.endsWith('.*') ? input.action.slice(0, -1) : undefined;
  const rows = await searchAudit(deps.db, {
    action: family ? undefined : input.action,
    actionPrefix: family,
    actorId: input.actorId,
    targetId: input.targetId,
    beforeSeq: input.beforeSeq ?? undefined,
    limit: input.limit + 1,
  });
  const entries = rows.slice(0, input.limit);
  const lastRow = entries[entries.length - 1];
  return { entries, last: rows.length > input.limit && lastRow ? [lastRow.seq, lastRow.id] : null };
}
