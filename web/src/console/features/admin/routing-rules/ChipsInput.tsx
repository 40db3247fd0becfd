import { useId, useState, type KeyboardEvent } from 'react';
import { useT } from '../../../../shared/i18n/I18nProvider';

type Problem = { text: string; english: boolean } | undefined;

/**
 * A list of short texts shown as chips (keywords, brands, tags): type one and press Enter or "Add" (a comma also
 * separates several); each chip has its remove button. A value already there (case and accents aside) is not added
 * twice.
 */
export function ChipsInput({ label, hint, values, onChange, disabled, max, maxLength, problem }: {
  label: string;
  hint?: string;
  values: string[];
  onChange: (values: string[]) => void;
  disabled: boolean;
  max: number;
  maxLength: number;
  /** The problems at the list's path (or under it, such as `conditions.keywords.2`). */
  problem?: Problem;
}) {
  const t = useT();
  const id = useId();
  const [input, setInput] = useState('');
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
  const full = values.length >= max;

  function add() {
    const known = new Set(values.map(fold));
    const added: string[] = [];
    for (const v of input.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (known.has(fold(v))) continue;
      known.add(fold(v));
      added.push(v);
    }
    onChange([...values, ...added].slice(0, max));
    setInput('');
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the chip instead of submitting the editor.
    if (e.key === 'Enter') {
      e.preventDefault();
      if (input.trim()) add();
    }
  };

  return (
    <div className="field routing-chips">
      <label htmlFor={disabled ? undefined : id}>{label}</label>
      {values.length === 0 ? (
        <p className="muted routing-chips-none">{t('routingRules.chips.none')}</p>
      ) : (
        <ul className="routing-chip-list" aria-label={label}>
          {values.map((v) => (
            <li key={v} className="routing-chip">
              <span>{v}</span>
              {!disabled && (
                <button type="button" className="btn btn-ghost btn-small" aria-label={t('routingRules.chips.remove', { value: v })}
                  onClick={() => onChange(values.filter((x) => x !== v))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="row routing-chips-add">
          <input id={id} value={input} maxLength={maxLength} disabled={full} aria-invalid={Boolean(problem)}
            aria-describedby={[hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
            onChange={(e) => setInput(e.target.value)} onKeyDown={onKeyDown} />
          <button type="button" className="btn btn-small" disabled={full || !input.trim()} onClick={add}>
            {t('routingRules.chips.add')}
          </button>
        </div>
      )}
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}{full ? ` ${t('routingRules.chips.max', { max })}` : ''}</span>}
      {problem && <span id={`${id}-error`} className="field-error" lang={problem.english ? 'en' : undefined}>{problem.text}</span>}
    </div>
  );
}
