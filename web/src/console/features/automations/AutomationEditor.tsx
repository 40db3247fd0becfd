import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api/client';
import type { MessageId } from '../../../shared/i18n/ids';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useApiErrorText } from '../admin/errors';
import { Field, FormError, useFocusFirstError } from '../admin/form';
import { useCalendarChoices, useCreateAutomation, useUpdateAutomation, type Automation, type AutomationKind } from './api';
import { AutomationActions } from './AutomationActions';
import { ConditionRows } from './ConditionRows';
import { bodyOf, checkDraft, draftOf, emptyDraft, EVENTS, problemsAt, serverProblems, SINCE, type RuleDraft } from './rule-form';

/**
 * Creates or edits an automation (administrators; others see it read-only). Problems found here are shown in the
 * user's language; the server's (INVALID_AUTOMATION, one per path) next to the field they concern, in English.
 */
export function AutomationEditor({ automation, canEdit, onDone, onCancel }: {
  automation: Automation | null;
  canEdit: boolean;
  onDone: (a: Automation) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const errorText = useApiErrorText();
  const create = useCreateAutomation();
  const update = useUpdateAutomation();
  const calendars = useCalendarChoices();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState<RuleDraft>(() => (automation ? draftOf(automation) : emptyDraft()));
  const [client, setClient] = useState<Record<string, string>>({});
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const disabled = !canEdit;
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  /** The form's own message (translated) else the server's (English) at a path and under it. */
  const problem = (path: string) => {
    const mine = problemsAt(client, path);
    if (mine) return { text: mine.split('; ').map((id) => t(id as MessageId)).join(' '), english: false };
    const theirs = problemsAt(server, path);
    return theirs ? { text: theirs, english: true } : undefined;
  };
  const fieldError = (path: string) => problem(path)?.text;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setServer({});
    const found = checkDraft(draft);
    setClient(found);
    if (Object.keys(found).length > 0) return focusFirstError();
    try {
      const body = bodyOf(draft);
      onDone(automation ? await update.mutateAsync({ id: automation.id, body }) : await create.mutateAsync(body));
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'INVALID_AUTOMATION' || err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT')) {
        setServer(serverProblems(err.details));
        setFormError(err.code === 'CONFLICT' ? t('admin.error.nameTaken') : t('automations.error.invalid'));
      } else setFormError(errorText(err));
      focusFirstError();
    }
  }

  const kindChoice = (kind: AutomationKind) => (
    <label key={kind} className="check">
      <input type="radio" name="automation-kind" value={kind} checked={draft.kind === kind} disabled={disabled} onChange={() => set('kind', kind)} />
      {t(`automations.kind.${kind}`)}
    </label>
  );

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form automation-editor"
      aria-label={automation ? t('automations.editNamed', { name: automation.name }) : t('automations.new')}>
      <Field label={t('automations.form.name')} error={fieldError('name')}>
        {(p) => <input {...p} value={draft.name} maxLength={100} disabled={disabled} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <fieldset className="field admin-checks">
        <legend>{t('automations.form.kind')}</legend>
        {kindChoice('event')}
        {kindChoice('time')}
        <span className="field-hint">{t(`automations.kind.${draft.kind}.hint`)}</span>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={draft.active} disabled={disabled} onChange={(e) => set('active', e.target.checked)} />
        {t('automations.form.active')}
      </label>

      {draft.kind === 'event' ? (
        <fieldset className="field admin-checks automation-events">
          <legend>{t('automations.form.events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="check">
              <input type="checkbox" disabled={disabled} checked={draft.events.includes(ev)}
                aria-invalid={Boolean(problem('events'))}
                onChange={(e) => set('events', e.target.checked ? [...draft.events, ev] : draft.events.filter((x) => x !== ev))} />
              {t(`automations.event.${ev}`)}
            </label>
          ))}
          {problem('events') && <span className="field-error" lang={problem('events')!.english ? 'en' : undefined}>{problem('events')!.text}</span>}
        </fieldset>
      ) : (
        <fieldset className="automation-timing">
          <legend>{t('automations.form.timing')}</legend>
          <div className="row admin-row-fields">
            <Field label={t('automations.form.hours')} hint={t('automations.form.hoursHint')} error={fieldError('timing.hours')}>
              {(p) => <input {...p} inputMode="decimal" value={draft.hours} disabled={disabled} onChange={(e) => set('hours', e.target.value)} />}
            </Field>
            <Field label={t('automations.form.since')} error={fieldError('timing.since')}>
              {(p) => (
                <select {...p} value={draft.since} disabled={disabled} onChange={(e) => set('since', e.target.value as RuleDraft['since'])}>
                  {SINCE.map((s) => <option key={s} value={s}>{t(`automations.since.${s}`)}</option>)}
                </select>
              )}
            </Field>
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.business} disabled={disabled} onChange={(e) => set('business', e.target.checked)} />
            {t('automations.form.business')}
          </label>
          {draft.business && (
            <Field label={t('automations.form.calendar')} hint={t('automations.form.calendarHint')} error={fieldError('timing.calendar_id')}>
              {(p) => (
                <select {...p} value={draft.calendarId} disabled={disabled} onChange={(e) => set('calendarId', e.target.value)}>
                  <option value="">{t('automations.form.calendarAuto')}</option>
                  {(calendars.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </select>
              )}
            </Field>
          )}
          {server.timing && <span className="field-error" lang="en">{server.timing}</span>}
        </fieldset>
      )}

      {(['all', 'any'] as const).map((group) => (
        <ConditionRows key={group} group={group} kind={draft.kind} rows={draft[group]} disabled={disabled}
          problems={(i) => problem(`conditions.${group}.${i}`)} onChange={(rows) => set(group, rows)} />
      ))}
      <AutomationActions rows={draft.actions} disabled={disabled}
        problems={(i) => (i < 0 ? (client.actions ? { text: t(client.actions as MessageId), english: false } : server.actions ? { text: server.actions, english: true } : undefined) : problem(`actions.${i}`))}
        onChange={(rows) => set('actions', rows)} />

      <FormError message={formError} />
      <div className="row admin-form-actions">
        {canEdit && (
          <button type="submit" className="btn btn-primary" disabled={create.isPending || update.isPending}>
            {automation ? t('common.save') : t('automations.create')}
          </button>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          {canEdit ? t('common.cancel') : t('common.close')}
        </button>
      </div>
    </form>
  );
}
