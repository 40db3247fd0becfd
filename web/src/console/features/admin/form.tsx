import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useApiErrorText } from './errors';

/** Props a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

/** A labelled field with an optional hint and an inline error announced with the control. */
export function Field({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The server's answer to a form, next to it; focusable so a failed submit can move focus to it. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" tabIndex={-1}>
      {message}
    </p>
  );
}

/**
 * After a failed submit, moves focus to the first invalid control, or to the server's error when no field is
 * to blame. Call `focusFirstError()` once the errors are in state; focus moves after they render.
 */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0 || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);
  const focusFirstError = useCallback(() => setAttempt((n) => n + 1), []);
  return { ref, focusFirstError };
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export const hasErrors = (errors: Record<string, string | undefined>): boolean => Object.values(errors).some(Boolean);

/** A list query's loading and failure states, the same in every section. */
export function QueryStatus({ query }: { query: { isPending: boolean; isError: boolean; error: unknown } }) {
  const t = useT();
  const errorText = useApiErrorText();
  if (query.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (query.isError) return <FormError message={errorText(query.error)} />;
  return null;
}

/**
 * "Delete X?" with the server's refusal shown in place (a team still in use, a calendar a policy needs …):
 * the one confirmation every admin list uses.
 */
export function ConfirmDeleteDialog(props: {
  title: string;
  message: string;
  error?: string | null;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <p>{props.message}</p>
      <FormError message={props.error ?? null} />
      <div className="row admin-form-actions">
        <button type="button" className="btn btn-danger" disabled={props.pending} onClick={props.onConfirm}>
          {t('common.delete')}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
