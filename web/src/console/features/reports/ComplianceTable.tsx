import { useIntl } from 'react-intl';
import { useT } from '../../../shared/i18n/I18nProvider';
import { businessTime } from '../sla/format';
import type { ComplianceReport } from './api';

/**
 * One row per month × team × priority × target: finished measurements, met, breached, the share met and the
 * median business time; the period's totals at the foot.
 */
export function ComplianceTable({ report, busy }: { report: ComplianceReport; busy: boolean }) {
  const t = useT();
  const intl = useIntl();
  const percent = (v: number | null) => (v === null ? '—' : intl.formatNumber(v, { style: 'percent', maximumFractionDigits: 1 }));
  const month = (ym: string) => {
    const [y, m] = ym.split('-').map(Number) as [number, number];
    if (!y || !m) return ym;
    return intl.formatDate(new Date(Date.UTC(y, m - 1, 15)), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  };
  if (report.rows.length === 0) return <p>{t('reports.sla.empty')}</p>;
  const { totals } = report;
  return (
    <div className="table-scroll">
      <table className="table compliance-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{t('reports.sla.caption', { from: report.from, to: report.to })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.month')}</th>
            <th scope="col">{t('reports.col.team')}</th>
            <th scope="col">{t('reports.col.priority')}</th>
            <th scope="col">{t('reports.col.target')}</th>
            <th scope="col" className="num">{t('reports.col.total')}</th>
            <th scope="col" className="num">{t('reports.col.met')}</th>
            <th scope="col" className="num">{t('reports.col.breached')}</th>
            <th scope="col" className="num">{t('reports.col.compliance')}</th>
            <th scope="col" className="num">{t('reports.col.median')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={`${r.month}-${r.team?.id ?? 'none'}-${r.priority}-${r.metric}`}>
              <th scope="row">{month(r.month)}</th>
              <td className={r.team ? undefined : 'muted'}>{r.team ? r.team.name : t('reports.noTeam')}</td>
              <td>{t(`priority.${r.priority}`)}</td>
              <td>{t(`sla.metric.${r.metric}`)}</td>
              <td className="num">{intl.formatNumber(r.total)}</td>
              <td className="num">{intl.formatNumber(r.met)}</td>
              <td className="num">{intl.formatNumber(r.breached)}</td>
              <td className="num">{percent(r.total ? r.compliance : null)}</td>
              <td className="num">{businessTime(t, r.median_business_minutes)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>{t('reports.totals')}</th>
            <td className="num">{intl.formatNumber(totals.total)}</td>
            <td className="num">{intl.formatNumber(totals.met)}</td>
            <td className="num">{intl.formatNumber(totals.breached)}</td>
            <td className="num">{percent(totals.compliance)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
