import { useIntl } from 'react-intl';
import { ApiError } from '../../../shared/api/client';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useEscalationReport, type EscalationFilters, type EscalationReport } from '../routing/api';
import { businessTime } from '../sla/format';

/**
 * Escalations (GET /reports/escalations) over the page's period and team: per level, the stays that started in the
 * period — how long (median, 90th percentile, mean) and how tickets arrived — then the escalation totals.
 */
export function EscalationsReport({ filters, enabled }: { filters: EscalationFilters; enabled: boolean }) {
  const t = useT();
  const report = useEscalationReport(filters, enabled);
  const serverError = report.error instanceof ApiError ? report.error.message : report.error ? String(report.error) : null;
  return (
    <section className="reports-section" aria-labelledby="escalations-title">
      <h2 id="escalations-title">{t('reports.esc.title')}</h2>
      <p>{t('reports.esc.intro')}</p>
      {enabled && report.isPending && <p className="muted">{t('common.loading')}</p>}
      {serverError && <p role="alert">{t('common.error', { message: serverError })}</p>}
      {report.data && <EscalationsTables report={report.data} busy={report.isFetching} />}
    </section>
  );
}

function EscalationsTables({ report, busy }: { report: EscalationReport; busy: boolean }) {
  const t = useT();
  const intl = useIntl();
  const n = (v: number) => intl.formatNumber(v);
  const time = (minutes: number | null) => (minutes === null ? '—' : businessTime(t, minutes));
  const { totals } = report;
  const share = totals.tickets ? intl.formatNumber(totals.escalated_tickets / totals.tickets, { style: 'percent', maximumFractionDigits: 1 }) : '—';
  return (
    <>
      {report.tiers.every((r) => r.periods === 0) ? (
        <p>{t('reports.esc.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table compliance-table escalations-table" aria-busy={busy || undefined}>
            <caption className="visually-hidden">{t('reports.esc.caption', { from: report.from, to: report.to })}</caption>
            <thead>
              <tr>
                <td colSpan={6} />
                <th scope="colgroup" colSpan={3}>{t('reports.esc.arrived')}</th>
              </tr>
              <tr>
                <th scope="col">{t('reports.esc.col.tier')}</th>
                <th scope="col" className="num">{t('reports.esc.col.periods')}</th>
                <th scope="col" className="num">{t('reports.esc.col.tickets')}</th>
                <th scope="col" className="num">{t('reports.esc.col.median')}</th>
                <th scope="col" className="num">{t('reports.esc.col.p90')}</th>
                <th scope="col" className="num">{t('reports.esc.col.avg')}</th>
                <th scope="col" className="num">{t('reports.esc.col.up')}</th>
                <th scope="col" className="num">{t('reports.esc.col.down')}</th>
                <th scope="col" className="num">{t('reports.esc.col.transfer')}</th>
              </tr>
            </thead>
            <tbody>
              {report.tiers.map((r) => (
                <tr key={r.tier}>
                  <th scope="row">{t(`tier.${r.tier}`)}</th>
                  <td className="num">{n(r.periods)}</td>
                  <td className="num">{n(r.tickets)}</td>
                  <td className="num">{time(r.median_minutes)}</td>
                  <td className="num">{time(r.p90_minutes)}</td>
                  <td className="num">{time(r.avg_minutes)}</td>
                  <td className="num">{n(r.arrived_up)}</td>
                  <td className="num">{n(r.arrived_down)}</td>
                  <td className="num">{n(r.arrived_transfer)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('reports.esc.totals')}</h3>
      <dl className="escalation-totals">
        <div>
          <dt>{t('reports.esc.totals.tickets')}</dt>
          <dd>{n(totals.tickets)}</dd>
        </div>
        <div>
          <dt>{t('reports.esc.totals.escalated')}</dt>
          <dd>{t('reports.esc.totals.escalatedValue', { count: n(totals.escalated_tickets), percent: share })}</dd>
        </div>
        <div>
          <dt>{t('reports.esc.totals.escalations')}</dt>
          <dd>{n(totals.escalations)}</dd>
        </div>
        <div>
          <dt>{t('reports.esc.totals.deEscalations')}</dt>
          <dd>{n(totals.de_escalations)}</dd>
        </div>
      </dl>
    </>
  );
}
