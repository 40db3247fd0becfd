import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { slaCompliance, type ComplianceRow } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';
import { reportPeriod } from '../report-period.js';

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
  const { from, to } = reportPeriod(q);
  const rows = await slaCompliance(deps.db, { from, to, timeZone: q.timeZone, teamId: q.teamId ?? null });
  const totals = rows.reduce((t, r) => ({ total: t.total + r.total, met: t.met + r.met, breached: t.breached + r.breached }), { total: 0, met: 0, breached: 0 });
  return { rows, totals };
}
