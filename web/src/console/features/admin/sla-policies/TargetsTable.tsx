import { PRIORITIES, type Priority } from '../../../../shared/api/types';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { METRICS, type DurationDraft, type Metric, type PolicyDraft } from './policy-form';

type Problem = { text: string; english: boolean } | undefined;

/**
 * Priorities P1–P4 × first response, next response, resolution, each typed in hours and minutes of business time;
 * both boxes empty means the target is not measured for that priority.
 */
export function TargetsTable({ targets, problem, disabled, onChange }: {
  targets: PolicyDraft['targets'];
  problem: (path: string) => Problem;
  disabled: boolean;
  onChange: (targets: PolicyDraft['targets']) => void;
}) {
  const t = useT();
  const set = (p: Priority, m: Metric, patch: Partial<DurationDraft>) =>
    onChange({ ...targets, [p]: { ...targets[p], [m]: { ...targets[p][m], ...patch } } });
  return (
    <fieldset className="sla-targets-editor">
      <legend>{t('slaPolicies.form.targets')}</legend>
      <p className="field-hint" id="sla-targets-hint">{t('slaPolicies.form.targetsHint')}</p>
      <div className="table-scroll">
        <table className="table sla-targets-table" aria-describedby="sla-targets-hint">
          <thead>
            <tr>
              <th scope="col">{t('slaPolicies.col.priority')}</th>
              {METRICS.map((m) => <th key={m} scope="col">{t(`sla.metric.${m}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr key={p}>
                <th scope="row">{t(`priority.${p}`)}</th>
                {METRICS.map((m) => {
                  const path = `targets.${p}.${m}`;
                  const issue = problem(path);
                  const errorId = `sla-target-${p}-${m}-error`;
                  const names = { priority: t(`priority.${p}`), metric: t(`sla.metric.${m}`) };
                  const cell = targets[p][m];
                  const input = (unit: 'hours' | 'minutes') => (
                    <label className="sla-duration-part">
                      <input
                        type="text"
                        inputMode="numeric"
                        size={3}
                        value={cell[unit]}
                        disabled={disabled}
                        aria-label={t(`slaPolicies.form.${unit}Of`, names)}
                        aria-invalid={Boolean(issue)}
                        aria-describedby={issue ? errorId : undefined}
                        onChange={(e) => set(p, m, { [unit]: e.target.value })}
                      />
                      <span aria-hidden="true">{t(`slaPolicies.form.unit.${unit}`)}</span>
                    </label>
                  );
                  return (
                    <td key={m}>
                      <div className="sla-duration">
                        {input('hours')}
                        {input('minutes')}
                      </div>
                      {issue && (
                        <span id={errorId} className="field-error" lang={issue.english ? 'en' : undefined}>
                          {issue.text}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problem('targets') && !PRIORITIES.some((p) => problem(`targets.${p}`)) && (
        <span className="field-error" lang={problem('targets')!.english ? 'en' : undefined}>{problem('targets')!.text}</span>
      )}
    </fieldset>
  );
}
