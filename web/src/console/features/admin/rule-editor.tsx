import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api/client';
import type { MessageId } from '../../../shared/i18n/ids';
import { useT } from '../../../shared/i18n/I18nProvider';
import { problemsAt, serverProblems } from '../automations/rule-form';
import { useApiErrorText } from './errors';
import { FormError, useFocusFirstError } from './form';

/** A problem to show next to a field: the form's own (translated) or the server's (English, marked so). */
export type Problem = { text: string; english: boolean } | undefined;

interface Mutation<V, R> {
  isPending: boolean;
  mutateAsync(v: V): Promise<R>;
}

interface RuleEditorOptions<R, D, B> {
  /** The rule edited, null for a new one. */
  rule: R | null;
  /** The first draft (of the rule or an empty one). */
  initial: () => D;
  /** The form's own problems by path, as `;`-separated message ids. */
  check: (draft: D) => Record<string, string>;
  bodyOf: (draft: D) => B;
  create: Mutation<B, R>;
  update: Mutation<{ id: string; body: B }, R>;
  /** Error codes whose details are shown next to the fields, with `invalidMessage` above the buttons. */
  invalidCodes: ReadonlySet<string>;
  invalidMessage: MessageId;
  onDone: (saved: R) => void;
}

/**
 * The state of a rule editor (SLA policy, automation): the draft, the form's problems and the server's (one per
 * path, such as `actions.1.team_id`), and the submit that checks, saves and moves focus to the first problem.
 */
export function useRuleEditor<R extends { id: string }, D, B>(o: RuleEditorOptions<R, D, B>) {
  const t = useT();
  const errorText = useApiErrorText();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState<D>(o.initial);
  const [client, setClient] = useState<Record<string, string>>({});
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const translate = (ids: string) => ids.split('; ').map((id) => t(id as MessageId)).join(' ');
  /** The form's message (translated) else the server's (English), at a path and under it. */
  const problem = (path: string): Problem => {
    const mine = problemsAt(client, path);
    if (mine) return { text: translate(mine), english: false };
    const theirs = problemsAt(server, path);
    return theirs ? { text: theirs, english: true } : undefined;
  };
  /** The same, at exactly that path. */
  const exact = (path: string): Problem =>
    client[path] ? { text: translate(client[path]), english: false } : server[path] ? { text: server[path], english: true } : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setServer({});
    const found = o.check(draft);
    setClient(found);
    if (Object.keys(found).length > 0) return focusFirstError();
    try {
      const body = o.bodyOf(draft);
      o.onDone(o.rule ? await o.update.mutateAsync({ id: o.rule.id, body }) : await o.create.mutateAsync(body));
    } catch (err) {
      if (err instanceof ApiError && o.invalidCodes.has(err.code)) {
        setServer(serverProblems(err.details));
        setFormError(err.code === 'CONFLICT' ? t('admin.error.nameTaken') : t(o.invalidMessage));
      } else setFormError(errorText(err));
      focusFirstError();
    }
  }

  const pending = o.create.isPending || o.update.isPending;
  return { ref, draft, setDraft, server, problem, exact, submit, formError, pending };
}

/** The editor's error and buttons: save (or create) for administrators, cancel; close for those who only read. */
export function RuleEditorFooter({ formError, canEdit, isNew, createLabel, pending, onCancel }: {
  formError: string | null;
  canEdit: boolean;
  isNew: boolean;
  createLabel: string;
  pending: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <>
      <FormError message={formError} />
      <div className="row admin-form-actions">
        {canEdit && (
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {isNew ? createLabel : t('common.save')}
          </button>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          {canEdit ? t('common.cancel') : t('common.close')}
        </button>
      </div>
    </>
  );
}
