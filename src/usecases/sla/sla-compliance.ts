import { DateTime } from 'luxon';
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { slaCompliance, type ComplianceRow } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';

export interface ComplianceReport {
  rows: ComplianceRow[];
  totals: { total: number; met: number; breached: number };
}

/**
 * SLA compliance per month, team, priority and target over the finished measurements of [from, to] (local dates
 * in `timeZone`, both inclusive), for managers.
 */
export async function slaComplianceReport(
  deps: Deps, p: Principal, q: { from: string; to: string; timeZone: string; teamId?: string },
): Promise<ComplianceReport> {
  requireAgent(p, 'manager', 'tickets:read');
  const from = DateTime.fromISO(q.from, { zone: q.timeZone });
  const to = DateTime.fromISO(q.to, { zone: q.timeZone }).plus({ days: 1 });
  if (!from.isValid || !to.isValid) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown time zone or date.', [{ path: 'time_zone', message: 'an IANA zone such as Europe/Paris' }]);
  }
  if (to <= from) throw new DomainError('VALIDATION_FAILED', '`to` is before `from`.', [{ path: 'to', message: 'on or after from' }]);
  if (to.diff(from, 'days').days > 3 * 366) {
    throw new DomainError('VALIDATION_FAILED', 'The period is too long.', [{ path: 'to', message: 'at most three years' }]);
  }
  const rows = await slaCompliance(deps.db, { from: from.toJSDate(), to: to.toJSDate(), timeZone: q.timeZone, teamId: q.teamId ?? null });
  const totals = rows.reduce((t, r) => ({ total: t.total + r.total, met: t.met + r.met, breached: t.breached + r.breached }), { total: 0, met: 0, breached: 0 });
  return { rows, totals };
}
