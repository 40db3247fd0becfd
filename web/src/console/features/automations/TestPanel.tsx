import { useState, type FormEvent } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useApiErrorText } from '../admin/errors';
import { Field, FormError } from '../admin/form';
import { testAutomation, type Automation, type AutomationEvent, type AutomationTest } from './api';

/**
 * "Would this rule apply to ticket #…?": a dry run on the server, which changes nothing. The explanation is the
 * server's, in English, the same words the timeline would show.
 */
export function TestPanel({ automation }: { automation: Automation }) {
  const t = useT();
  const errorText = useApiErrorText();
  const [ticket, setTicket] = useState('');
  const [event, setEvent] = useState<AutomationEvent | ''>(automation.events[0] ?? '');
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<AutomationTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setResult(null);
    setMissing(!ticket.trim());
    if (!ticket.trim()) return;
    setBusy(true);
    try {
      setResult(await testAutomation(automation.id, ticket, event || undefined));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={run} noValidate className="admin-form automation-test">
      <div className="row admin-row-fields">
        <Field label={t('automations.test.ticket')} hint={t('automations.test.ticketHint')} error={missing ? t('common.required') : undefined}>
          {(p) => <input {...p} value={ticket} placeholder="#1042" onChange={(e) => setTicket(e.target.value)} />}
        </Field>
        {automation.kind === 'event' && automation.events.length > 1 && (
          <Field label={t('automations.test.event')}>
            {(p) => (
              <select {...p} value={event} onChange={(e) => setEvent(e.target.value as AutomationEvent)}>
                {automation.events.map((ev) => <option key={ev} value={ev}>{t(`automations.event.${ev}`)}</option>)}
              </select>
            )}
          </Field>
        )}
      </div>
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{t('automations.test.run')}</button>
      </div>
      <FormError message={error} />
      {result && (
        <div role="status" className={`automation-test-result ${result.matched ? 'matched' : 'unmatched'}`}>
          <p>
            <strong>
              {result.matched ? t('automations.test.matched', { number: result.ticket_number }) : t('automations.test.notMatched', { number: result.ticket_number })}
            </strong>
          </p>
          {result.timing && (
            <p>
              {t('automations.test.timing', { elapsed: result.timing.elapsed_hours, required: result.timing.required_hours })}
              {result.timing.already_ran && <> {t('automations.test.alreadyRan')}</>}
            </p>
          )}
          <p>
            {t('automations.test.explanation')} <span lang="en">{result.explanation}</span>
          </p>
        </div>
      )}
    </form>
  );
}
