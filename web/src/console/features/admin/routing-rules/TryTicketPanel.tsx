import { useId, useState, type FormEvent } from 'react';
import { useCategories } from '../../../../shared/api/lookups';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { useOrganizationChoices } from '../../automations/api';
import { useApiErrorText } from '../errors';
import { Field, FormError } from '../form';
import { useTestRouting, type RoutingTest, type RoutingTestInput } from './api';
import { CHANNELS, PRIORITIES } from './rule-form';
import { useOutcomeText } from './summary';

type Facts = Required<Pick<RoutingTestInput, 'subject' | 'description' | 'channel' | 'priority'>> & {
  categoryId: string;
  organizationId: string;
  brand: string;
};

/**
 * "Which rule would take this ticket?": a dry run on the server, which creates nothing. The explanation is the
 * server's, in English, the same words the ticket's timeline shows; each rule is also marked as matching or not on
 * its own, so an administrator sees which rule above took the ticket first.
 */
export function TryTicketPanel() {
  const t = useT();
  const { locale } = useLocale();
  const titleId = useId();
  const errorText = useApiErrorText();
  const categories = useCategories();
  const organizations = useOrganizationChoices();
  const outcomeText = useOutcomeText();
  const run = useTestRouting();
  const [facts, setFacts] = useState<Facts>({
    subject: '', description: '', channel: 'portal', priority: 'P3', categoryId: '', organizationId: '', brand: '',
  });
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<RoutingTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (p: Partial<Facts>) => setFacts((f) => ({ ...f, ...p }));
  const sortedCategories = [...(categories.data ?? [])].sort((a, b) => a.full_name[locale].localeCompare(b.full_name[locale], locale));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setResult(null);
    setMissing(!facts.subject.trim());
    if (!facts.subject.trim()) return;
    try {
      setResult(await run.mutateAsync({
        subject: facts.subject, description: facts.description, channel: facts.channel, priority: facts.priority,
        category_id: facts.categoryId || null, organization_id: facts.organizationId || null, equipment_brand: facts.brand.trim() || null,
      }));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="card routing-try" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('routingRules.try.title')}</h3>
      <p>{t('routingRules.try.intro')}</p>
      <form onSubmit={submit} noValidate className="admin-form" aria-labelledby={titleId}>
        <Field label={t('routingRules.try.subject')} error={missing ? t('common.required') : undefined}>
          {(p) => <input {...p} value={facts.subject} maxLength={500} onChange={(e) => set({ subject: e.target.value })} />}
        </Field>
        <Field label={t('routingRules.try.description')}>
          {(p) => <textarea {...p} className="admin-short-text" value={facts.description} onChange={(e) => set({ description: e.target.value })} />}
        </Field>
        <div className="row admin-row-fields">
          <Field label={t('routingRules.try.channel')}>
            {(p) => (
              <select {...p} value={facts.channel} onChange={(e) => set({ channel: e.target.value as Facts['channel'] })}>
                {CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('routingRules.try.priority')}>
            {(p) => (
              <select {...p} value={facts.priority} onChange={(e) => set({ priority: e.target.value as Facts['priority'] })}>
                {PRIORITIES.map((x) => <option key={x} value={x}>{t(`priority.${x}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('routingRules.try.brand')}>
            {(p) => <input {...p} value={facts.brand} maxLength={100} onChange={(e) => set({ brand: e.target.value })} />}
          </Field>
        </div>
        <div className="row admin-row-fields">
          <Field label={t('routingRules.try.category')}>
            {(p) => (
              <select {...p} value={facts.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
                <option value="">{t('routingRules.try.none')}</option>
                {sortedCategories.map((c) => <option key={c.id} value={c.id}>{c.full_name[locale]}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('routingRules.try.organization')}>
            {(p) => (
              <select {...p} value={facts.organizationId} onChange={(e) => set({ organizationId: e.target.value })}>
                <option value="">{t('routingRules.try.none')}</option>
                {(organizations.data ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div className="row admin-form-actions">
          <button type="submit" className="btn btn-primary" disabled={run.isPending}>{t('routingRules.try.run')}</button>
        </div>
        <FormError message={error} />
      </form>
      {result && (
        <div role="status" className="routing-try-result">
          <p>
            <strong>
              {result.rule ? t('routingRules.try.decides', { position: result.rule.position, name: result.rule.name }) : t('routingRules.try.noRule')}
            </strong>
          </p>
          {result.outcome && <p>{outcomeText(result.outcome)}</p>}
          <p>
            {t('routingRules.try.why')} <span lang="en">{result.reason}</span>
          </p>
          <h4>{t('routingRules.try.rules')}</h4>
          <ol className="routing-try-rules">
            {result.rules.map((r) => (
              <li key={r.id} className={r.id === result.rule?.id ? 'decides' : undefined}>
                {r.name} — {r.matches ? t('routingRules.try.matches') : t('routingRules.try.noMatch')}
                {!r.active && <> ({t('routingRules.try.inactive')})</>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
