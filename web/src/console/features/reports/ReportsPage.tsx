import { useEffect, useState } from 'react';
import { ApiError } from '../../../shared/api/client';
import { useTeams } from '../../../shared/api/lookups';
import { useCurrentUser } from '../../../shared/auth/session';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { defaultPeriod, useCompliance } from './api';
import { ComplianceTable } from './ComplianceTable';
import { EscalationsReport } from './EscalationsReport';
import './reports.css';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * `/reports` (support managers and administrators): SLA compliance per month, team, priority and target over a
 * period (the last three months by default), months cut in the user's time zone, optionally for one team; then
 * escalations and the time tickets spend in each level, over the same period and team.
 */
export function ReportsPage() {
  const t = useT();
  const me = useCurrentUser();
  const { timeZone } = useLocale();
  const teams = useTeams();
  const [period, setPeriod] = useState(() => defaultPeriod(new Date(), timeZone));
  const [teamId, setTeamId] = useState('');
  const allowed = me.role === 'manager' || me.role === 'admin';
  const valid = isDate(period.from) && isDate(period.to) && period.from <= period.to;
  const report = useCompliance({ ...period, timeZone, teamId }, allowed && valid);

  useEffect(() => {
    const before = document.title;
    document.title = `${t('reports.title')} · ${t('app.name')}`;
    return () => {
      document.title = before;
    };
  }, [t]);

  if (!allowed) {
    return (
      <section className="reports">
        <h1>{t('reports.title')}</h1>
        <p role="alert" className="banner banner-warn">{t('reports.forbidden')}</p>
      </section>
    );
  }

  const serverError = report.error instanceof ApiError ? report.error.message : report.error ? String(report.error) : null;
  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <h2>{t('reports.sla.title')}</h2>
      <p>{t('reports.sla.intro', { timeZone })}</p>
      <form className="reports-filters row" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="report-from">{t('reports.from')}</label>
          <input id="report-from" type="date" value={period.from} max={period.to || undefined} aria-invalid={!valid}
            onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('reports.to')}</label>
          <input id="report-to" type="date" value={period.to} min={period.from || undefined} aria-invalid={!valid}
            onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="report-team">{t('reports.team')}</label>
          <select id="report-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('reports.allTeams')}</option>
            {(teams.data ?? []).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        </div>
        <button type="button" className="btn" onClick={() => setPeriod(defaultPeriod(new Date(), timeZone))}>
          {t('reports.lastThreeMonths')}
        </button>
      </form>
      {!valid && <p role="alert" className="field-error">{t('reports.badPeriod')}</p>}
      {valid && report.isPending && <p className="muted">{t('common.loading')}</p>}
      {serverError && <p role="alert">{t('common.error', { message: serverError })}</p>}
      {report.data && <ComplianceTable report={report.data} busy={report.isFetching} />}
      <EscalationsReport filters={{ ...period, timeZone, teamId }} enabled={valid} />
    </section>
  );
}
