import { useT } from '../../../shared/i18n/I18nProvider';
import { Field } from '../admin/form';
import { RuleEditorFooter, useRuleEditor } from '../admin/rule-editor';
import { useCalendarChoices, useCreateAutomation, useUpdateAutomation, type Automation, type AutomationKind } from './api';
import { AutomationActions } from './AutomationActions';
import { ConditionRows } from './ConditionRows';
import { bodyOf, checkDraft, draftOf, emptyDraft, EVENTS, SINCE, type RuleDraft } from './rule-form';

const INVALID = new Set(['INVALID_AUTOMATION', 'VALIDATION_FAILED', 'CONFLICT']);

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
  const create = useCreateAutomation();
  const update = useUpdateAutomation();
  const calendars = useCalendarChoices();
  const { ref, draft, setDraft, server, problem, exact, submit, formError, pending } = useRuleEditor({
    rule: automation, initial: () => (automation ? draftOf(automation) : emptyDraft()), check: checkDraft, bodyOf,
    create, update, invalidCodes: INVALID, invalidMessage: 'automations.error.invalid', onDone,
  });
  const disabled = !canEdit;
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const fieldError = (path: string) => problem(path)?.text;

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
        problems={(i) => (i < 0 ? exact('actions') : problem(`actions.${i}`))}
        onChange={(rows) => set('actions', rows)} />

      <RuleEditorFooter formError={formError} canEdit={canEdit} isNew={!automation} createLabel={t('automations.create')}
        pending={pending} onCancel={onCancel} />
    </form>
  );
}
