import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useTicketSla, type SlaMeasure, type SlaTarget } from '../sla/api';
import { businessTime } from '../sla/format';
import '../sla/sla.css';
import type { TicketView } from './api';
import { SlaHistoryList } from './SlaHistoryList';

type Flag = 'breached' | 'warning' | null;

/** Breached and warning only concern a clock still measuring; a finished one says how it ended. */
function flagOf(target: SlaTarget, measure: SlaMeasure | undefined): Flag {
  const live = target.status === 'running' || target.status === 'paused';
  if (!live) return null;
  if (target.breached) return 'breached';
  // The policy's own first warning threshold (e.g. 75 %); a policy without one only ever says "breached".
  const warnAt = target.warning_percent;
  if (measure && warnAt !== null && measure.used_minutes >= (target.target_minutes * warnAt) / 100) return 'warning';
  return null;
}

const STATUS_ICON: Record<SlaTarget['status'], string> = { running: '⏱', paused: '⏸', met: '✓', stopped: '■' };

/**
 * The ticket's SLA next to its properties: the policy and calendar, one row per measured target with its
 * status, due time (in the user's time zone), business time left or overdue, and the clock's history. Breach and
 * warning are said in words with an icon, never by colour alone.
 */
export function SlaPanel({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const sla = useTicketSla(ticket.id, ticket.sla !== null);
  const state = sla.data?.state ?? ticket.sla;
  return (
    <section aria-labelledby="sla-title" className="sla-panel">
      <h2 id="sla-title">{t('sla.panel.title')}</h2>
      {!state ? (
        <p className="muted">{t('sla.panel.none')}</p>
      ) : (
        <>
          <dl className="sla-facts">
            <dt>{t('sla.panel.policy')}</dt>
            <dd>{state.policy.name}</dd>
            <dt>{t('sla.panel.calendar')}</dt>
            <dd>{state.calendar.name}</dd>
          </dl>
          {state.breached && (
            <p className="sla-alert sla-flag-breached">
              <span aria-hidden="true">⛔ </span>
              {t('sla.panel.breachedNotice')}
            </p>
          )}
          {state.targets.length === 0 ? (
            <p className="muted">{t('sla.panel.noTargets')}</p>
          ) : (
            <ul className="sla-targets">
              {state.targets.map((target) => (
                <TargetRow key={target.metric} target={target} measure={sla.data?.now.find((m) => m.metric === target.metric)} />
              ))}
            </ul>
          )}
          {sla.data && <SlaHistoryList events={sla.data.history} />}
        </>
      )}
    </section>
  );
}

function TargetRow({ target, measure }: { target: SlaTarget; measure: SlaMeasure | undefined }) {
  const t = useT();
  const fmt = useFormat();
  const flag = flagOf(target, measure);
  const time = (m: number) => businessTime(t, m);
  const overdue = measure ? measure.used_minutes - target.target_minutes : 0;
  let progress: string | null = null;
  if (target.status === 'met') {
    progress = measure ? t(target.breached ? 'sla.panel.metLate' : 'sla.panel.metIn', { time: time(measure.used_minutes) }) : null;
  } else if (target.status === 'stopped') {
    progress = measure ? t('sla.panel.stoppedAfter', { time: time(measure.used_minutes) }) : null;
  } else if (measure) {
    progress = flag === 'breached'
      ? overdue > 0 ? t('sla.panel.overdueBy', { time: time(overdue) }) : t('sla.panel.overdue')
      : t('sla.panel.left', { time: time(measure.remaining_minutes) });
  }
  return (
    <li className={`sla-target${flag ? ` sla-flag-${flag}` : ''}`}>
      <div className="sla-target-head">
        <strong>{t(`sla.metric.${target.metric}`)}</strong>
        <span className={`sla-status sla-status-${target.status}`}>
          <span aria-hidden="true">{STATUS_ICON[target.status]} </span>
          {t(`sla.status.${target.status}`)}
        </span>
        {flag && (
          <span className={`sla-flag sla-flag-${flag}`}>
            <span aria-hidden="true">{flag === 'breached' ? '⛔ ' : '⚠ '}</span>
            {t(flag === 'breached' ? 'sla.flag.breached' : 'sla.flag.warning')}
          </span>
        )}
      </div>
      <p className="sla-target-line">{t('sla.panel.target', { time: time(target.target_minutes) })}</p>
      {target.status === 'running' && target.due_at && (
        <p className="sla-target-line">
          {t('sla.panel.due')} <time dateTime={target.due_at}>{fmt.dateTime(target.due_at)}</time>
        </p>
      )}
      {target.status === 'paused' && <p className="sla-target-line">{t('sla.panel.pausedNoDue')}</p>}
      {target.status === 'met' && target.met_at && (
        <p className="sla-target-line">
          {t('sla.panel.metAt')} <time dateTime={target.met_at}>{fmt.dateTime(target.met_at)}</time>
        </p>
      )}
      {progress && <p className="sla-target-line sla-progress">{progress}</p>}
    </li>
  );
}
