import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api/client';
import type { MessageId } from '../../../shared/i18n/ids';
import { useT, type MessageValues } from '../../../shared/i18n/I18nProvider';
import { Field, FormError, useFocusFirstError } from '../admin/form';
import { ActionRows, actionOf, rowOf, type ActionRow } from './ActionRows';
import type { CreateMacroInput, Macro, MacroAction } from './api';

type Lang = 'fr' | 'en';
const MAX_NAME = 120;

/** What the server blamed, by place: the name, a language's text, a change (by index), or the form as a whole. */
export interface MacroFailure {
  message: string;
  name?: string;
  body?: Partial<Record<Lang, string>>;
  actions?: Record<number, string>;
}

/**
 * Reads a failed save's details (`body.fr`, `actions.1.team_id`, `name`) into the places of the form; an unknown
 * variable is named in the user's language, other template problems keep the server's words.
 */
export function failureOf(err: unknown, message: string, t: (id: MessageId, values?: MessageValues) => string): MacroFailure {
  const out: MacroFailure = { message };
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return out;
  for (const d of err.details as Array<{ path?: string; message?: string; variable?: string }>) {
    const [head, second] = (d.path ?? '').replace(/^body\.(name|body|actions)/, '$1').split('.');
    const text = d.variable ? t('macros.error.unknownVariable', { variable: `{{${d.variable}}}` }) : (d.message ?? '');
    if (head === 'name') out.name = text;
    else if (head === 'body' && (second === 'fr' || second === 'en')) {
      out.body = { ...out.body, [second]: [out.body?.[second], text].filter(Boolean).join(' ') };
    } else if (head === 'actions' && second !== undefined && /^\d+$/.test(second)) out.actions = { ...out.actions, [Number(second)]: text };
  }
  return out;
}

/**
 * A macro's form: name, sharing (managers and administrators), the French and English texts with a cheat-sheet
 * of variables that inserts at the cursor, and the changes.
 */
export function MacroEditor({ macro, variables, canShare, busy, submitLabel, onSubmit, onCancel }: {
  macro?: Macro;
  variables: readonly string[];
  canShare: boolean;
  busy: boolean;
  submitLabel: string;
  onSubmit: (body: CreateMacroInput) => Promise<MacroFailure | null>;
  onCancel: () => void;
}) {
  const t = useT();
  const { ref, focusFirstError } = useFocusFirstError();
  const [name, setName] = useState(macro?.name ?? '');
  const [shared, setShared] = useState(macro?.shared ?? false);
  const [text, setText] = useState<Record<Lang, string>>({ fr: macro?.body.fr ?? '', en: macro?.body.en ?? '' });
  const [rows, setRows] = useState<ActionRow[]>(() => (macro?.actions ?? []).map(rowOf));
  const [failure, setFailure] = useState<MacroFailure | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const areas = { fr: useRef<HTMLTextAreaElement>(null), en: useRef<HTMLTextAreaElement>(null) };
  const lastLang = useRef<Lang>('fr');
  const caret = useRef<{ lang: Lang; at: number } | null>(null);

  useEffect(() => {
    // After an insertion: the cursor goes right after the variable, in the text it went into.
    const c = caret.current;
    if (!c) return;
    caret.current = null;
    const el = areas[c.lang].current;
    el?.focus();
    el?.setSelectionRange(c.at, c.at);
  });

  function insert(variable: string) {
    const lang = lastLang.current;
    const el = areas[lang].current;
    const value = text[lang];
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const token = `{{${variable}}}`;
    caret.current = { lang, at: start + token.length };
    setText((x) => ({ ...x, [lang]: value.slice(0, start) + token + value.slice(end) }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const actions: MacroAction[] = [];
    const missing: Record<number, string> = {};
    rows.forEach((r, i) => {
      const a = actionOf(r);
      if (a) actions.push(a);
      else missing[r.key] = t('macros.form.needValue', { n: i + 1 });
    });
    setRowErrors(missing);
    const nameProblem = !name.trim() ? t('common.required') : undefined;
    const empty = !text.fr.trim() && !text.en.trim() && rows.length === 0;
    if (nameProblem || empty || Object.keys(missing).length) {
      setFailure({ message: empty ? t('macros.form.needSomething') : '', name: nameProblem });
      return focusFirstError();
    }
    const result = await onSubmit({ name: name.trim(), body: { fr: text.fr, en: text.en }, actions, shared });
    if (result) {
      setFailure(result);
      // The server indexes the changes it checked: map them back to the rows they came from.
      setRowErrors(Object.fromEntries(Object.entries(result.actions ?? {}).map(([i, m]) => [rows[Number(i)]?.key ?? -1, m])));
      focusFirstError();
    }
  }

  const textArea = (lang: Lang) => (
    <Field
      label={t(lang === 'fr' ? 'macros.form.bodyFr' : 'macros.form.bodyEn')}
      error={failure?.body?.[lang]}
      hint={lang === 'fr' ? t('macros.form.bodyHint') : undefined}
    >
      {(p) => (
        <textarea
          {...p}
          ref={areas[lang]}
          lang={lang}
          value={text[lang]}
          onFocus={() => (lastLang.current = lang)}
          onChange={(e) => setText((x) => ({ ...x, [lang]: e.target.value }))}
        />
      )}
    </Field>
  );

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form macro-editor" aria-label={submitLabel}>
      <Field label={t('macros.form.name')} error={failure?.name}>
        {(p) => <input {...p} value={name} maxLength={MAX_NAME} onChange={(e) => setName(e.target.value)} />}
      </Field>
      {canShare ? (
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('macros.form.shared')}
        </label>
      ) : (
        <p className="muted">{t('macros.form.personalHint')}</p>
      )}
      <div className="macro-editor-grid">
        <div>
          {textArea('fr')}
          {textArea('en')}
        </div>
        <section aria-labelledby="macro-vars-title" className="card">
          <h3 id="macro-vars-title">{t('macros.form.variables')}</h3>
          <p className="field-hint">{t('macros.form.variablesHint')}</p>
          <ul className="macro-vars">
            {variables.map((v) => (
              <li key={v}>
                <button type="button" className="btn btn-small btn-ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => insert(v)}>
                  <code>{`{{${v}}}`}</code> <span className="muted">{t(`macros.var.${v}` as MessageId)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <ActionRows rows={rows} errors={rowErrors} onChange={setRows} />
      <FormError message={failure?.message || null} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
