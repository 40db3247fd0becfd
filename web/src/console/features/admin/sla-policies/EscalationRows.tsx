import { useT } from '../../../../shared/i18n/I18nProvider';
import { AutomationActions } from '../../automations/AutomationActions';
import '../../automations/automations.css';
import { METRICS, newEscalation, type EscalationDraft, type Metric } from './policy-form';

type Problem = { text: string; english: boolean } | undefined;

/**
 * The policy's escalations: at a share of a target's business time (75 % warns, 100 % is the breach), the actions
 * to run, edited with the automation editor's action rows.
 */
export function EscalationRows({ rows, problem, exact, disabled, onChange }: {
  rows: readonly EscalationDraft[];
  /** Problems at a path and under it. */
  problem: (path: string) => Problem;
  /** Problems at exactly that path. */
  exact: (path: string) => Problem;
  disabled: boolean;
  onChange: (rows: EscalationDraft[]) => void;
}) {
  const t = useT();
  const set = (key: number, patch: Partial<EscalationDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className="sla-escalations">
      <legend>{t('slaPolicies.form.escalations')}</legend>
      <p className="field-hint">{t('slaPolicies.form.escalationsHint')}</p>
      {rows.length === 0 && <p className="muted">{t('slaPolicies.form.noEscalations')}</p>}
      {rows.map((r, i) => {
        const n = i + 1;
        const base = `escalations.${i}`;
        const percentIssue = problem(`${base}.percent`);
        const rowIssue = exact(base) ?? problem(`${base}.metric`);
        return (
          <fieldset key={r.key} className="sla-escalation">
            <legend>{t('slaPolicies.form.escalation', { n })}</legend>
            <div className="row sla-escalation-head">
              <label className="field">
                <span>{t('slaPolicies.form.metric')}</span>
                <select value={r.metric} disabled={disabled} onChange={(e) => set(r.key, { metric: e.target.value as Metric })}>
                  {METRICS.map((m) => <option key={m} value={m}>{t(`sla.metric.${m}`)}</option>)}
                </select>
              </label>
              <div className="field">
                <label htmlFor={`sla-escalation-${r.key}-percent`}>{t('slaPolicies.form.percent')}</label>
                <span className="sla-percent">
                  <input id={`sla-escalation-${r.key}-percent`} type="text" inputMode="numeric" size={4} value={r.percent} disabled={disabled}
                    aria-invalid={Boolean(percentIssue)} aria-describedby={percentIssue ? `sla-escalation-${r.key}-percent-error` : undefined}
                    onChange={(e) => set(r.key, { percent: e.target.value })} />
                  <span aria-hidden="true">%</span>
                </span>
                {percentIssue && (
                  <span id={`sla-escalation-${r.key}-percent-error`} className="field-error" lang={percentIssue.english ? 'en' : undefined}>
                    {percentIssue.text}
                  </span>
                )}
              </div>
              {!disabled && (
                <button type="button" className="btn btn-small btn-danger" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
                  {t('slaPolicies.form.removeEscalation', { n })}
                </button>
              )}
            </div>
            {rowIssue && <span className="field-error" lang={rowIssue.english ? 'en' : undefined}>{rowIssue.text}</span>}
            <AutomationActions
              rows={r.actions}
              disabled={disabled}
              problems={(j) => (j < 0 ? exact(`${base}.actions`) : problem(`${base}.actions.${j}`))}
              onChange={(actions) => set(r.key, { actions })}
            />
          </fieldset>
        );
      })}
      {!disabled && (
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newEscalation()])}>
          {t('slaPolicies.form.addEscalation')}
        </button>
      )}
    </fieldset>
  );
}
