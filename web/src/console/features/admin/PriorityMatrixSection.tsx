import { useState, type FormEvent } from 'react';
import { PRIORITIES, type Priority } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { usePriorityMatrix, useSavePriorityMatrix } from './api';
import { useApiErrorText } from './errors';
import { FormError, useFocusFirstError, QueryStatus } from './form';

const LEVELS = [1, 2, 3] as const;

/** The server's default (src/domain/priority.ts DEFAULT_PRIORITY_MATRIX), offered as "restore default". */
export const DEFAULT_MATRIX: Priority[][] = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P4'],
];

const copy = (m: readonly (readonly Priority[])[]): Priority[][] => m.map((row) => [...row]);
const same = (a: readonly (readonly Priority[])[], b: readonly (readonly Priority[])[]) =>
  a.length === b.length && a.every((row, u) => row.every((cell, i) => cell === b[u]?.[i]));

/** The urgency × impact grid that sets a ticket's priority (administrators), saved in one PUT. */
export function PriorityMatrixSection() {
  const t = useT();
  const errorText = useApiErrorText();
  const matrix = usePriorityMatrix();
  const save = useSavePriorityMatrix();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState<Priority[][] | null>(null);
  const [notice, setNotice] = useState('');
  const [serverError, setServerError] = useState<string | null>(null);

  const saved = matrix.data ? copy(matrix.data.matrix) : null;
  const current = draft ?? saved;
  const dirty = Boolean(draft && saved && !same(draft, saved));

  function setCell(u: number, i: number, value: Priority) {
    if (!current) return;
    const next = copy(current);
    next[u]![i] = value;
    setDraft(next);
    setNotice('');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!current) return;
    setServerError(null);
    try {
      await save.mutateAsync(current);
      setDraft(null);
      setNotice(t('admin.matrix.saved'));
    } catch (err) {
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <section aria-labelledby="admin-matrix-title" className="admin-section">
      <h2 id="admin-matrix-title">{t('admin.section.priority-matrix')}</h2>
      <p>{t('admin.matrix.intro')}</p>
      <QueryStatus query={matrix} />
      {current && (
        <form ref={ref} onSubmit={submit} className="admin-form" aria-labelledby="admin-matrix-title">
          <table className="table priority-matrix">
            <caption>{t('admin.matrix.caption')}</caption>
            <thead>
              <tr>
                <td className="matrix-corner">
                  <span aria-hidden="true">{t('admin.matrix.corner')}</span>
                </td>
                {LEVELS.map((i) => (
                  <th key={i} scope="col">
                    {t('admin.matrix.impact', { level: t(`admin.matrix.level.impact.${i}`), n: i })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {LEVELS.map((u) => (
                <tr key={u}>
                  <th scope="row">{t('admin.matrix.urgency', { level: t(`admin.matrix.level.urgency.${u}`), n: u })}</th>
                  {LEVELS.map((i) => {
                    const value = current[u - 1]?.[i - 1] ?? 'P4';
                    return (
                      <td key={i} className={`matrix-cell priority-${value}`}>
                        <select
                          value={value}
                          onChange={(e) => setCell(u - 1, i - 1, e.target.value as Priority)}
                          aria-label={t('admin.matrix.cellLabel', {
                            urgency: t(`admin.matrix.level.urgency.${u}`),
                            impact: t(`admin.matrix.level.impact.${i}`),
                          })}
                        >
                          {PRIORITIES.map((p) => (
                            <option key={p} value={p}>
                              {t(`priority.${p}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {matrix.data?.is_default && !dirty && <p className="muted">{t('admin.matrix.isDefault')}</p>}
          {dirty && <p className="muted">{t('admin.matrix.unsaved')}</p>}
          <FormError message={serverError} />
          <p role="status" className="admin-notice">
            {notice}
          </p>
          <div className="row admin-form-actions">
            <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="btn" disabled={!dirty} onClick={() => setDraft(null)}>
              {t('admin.matrix.discard')}
            </button>
            <button type="button" className="btn btn-ghost" disabled={same(current, DEFAULT_MATRIX)} onClick={() => setDraft(copy(DEFAULT_MATRIX))}>
              {t('admin.matrix.restoreDefault')}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="admin-matrix-legend" className="matrix-legend">
        <h3 id="admin-matrix-legend">{t('admin.matrix.legendTitle')}</h3>
        <dl>
          {PRIORITIES.map((p) => (
            <div key={p} className="row">
              <dt>
                <span className={`badge priority-${p}`}>{t(`priority.${p}`)}</span>
              </dt>
              <dd>{t(`admin.matrix.explain.${p}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('admin.matrix.levelsNote')}</p>
      </section>
    </section>
  );
}
