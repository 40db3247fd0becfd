import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { escalationTotals, tierReport, type EscalationTotals, type TierReportRow } from '../../store/tier-periods.js';
import type { Deps } from '../deps.js';
import { reportPeriod } from '../report-period.js';

export interface EscalationReport {
  tiers: TierReportRow[];
  totals: EscalationTotals;
}

/**
 * Time spent in each tier (stays that started in the period: median, 90th percentile, mean, in wall-clock
 * minutes) and how tickets arrived there (escalated up, sent back down, handed over), with the escalation counts
 * of the tickets created in the period. Managers.
 */
export async function escalationReport(
  deps: Deps, p: Principal, q: { from: string; to: string; timeZone: string; teamId?: string },
): Promise<EscalationReport> {
  requireAgent(p, 'manager', 'tickets:read');
  const period = { ...reportPeriod(q), teamId: q.teamId ?? null };
  return deps.db.tx(async (sql) => ({ tiers: await tierReport(sql, period), totals: await escalationTotals(sql, period) }));
}
