import { useState, type FormEvent } from 'react';
import { useAgents, useNames } from '../../../shared/api/lookups';
import type { AuditEntry } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useFormat } from '../../../shared/i18n/format';
import { useAuditLog, type AuditFilters } from './api';
import { Field, QueryStatus, useFocusFirstError } from './form';

/** Actions the server records today; others still show, by their code. */
export const AUDIT_ACTIONS = [
  'agent.created',
  'agent.role_changed',
  'agent.tier_changed',
  'agent.teams_changed',
  'agent.deactivated',
  'agent.reactivated',
  'agent.password_changed',
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'automation.created',
  'automation.updated',
  'automation.deleted',
  'automation.reordered',
  'calendar.created',
  'calendar.updated',
  'calendar.deleted',
  'calendar.default_set',
  'calendar.holidays_imported',
  'email.inbound_retried',
  'macro.created',
  'macro.updated',
  'macro.deleted',
  'mailbox.created',
  'mailbox.updated',
  'mailbox.deleted',
  'organization.created',
  'organization.ticket_sharing_changed',
  'requester.created',
  'requester.identities_changed',
  'settings.priority_matrix_changed',
  'sla_policy.created',
  'sla_policy.updated',
  'sla_policy.deleted',
  'sla_policy.reordered',
  'team.created',
  'team.deleted',
  'team.updated',
  'token.issued',
  'token.revoked',
] as const;
type KnownAction = (typeof AUDIT_ACTIONS)[number];
const isKnownAction = (a: string): a is KnownAction => (AUDIT_ACTIONS as readonly string[]).includes(a);
const FAMILIES = [...new Set(AUDIT_ACTIONS.map((a) => `${a.split('.')[0]}.*`))];

const TARGET_KINDS = [
  'agent',
  'team',
  'api_token',
  'setting',
  'requester',
  'organization',
  'category',
  'ticket',
  'mailbox',
  'inbound_message',
  'calendar',
  'sla_policy',
  'automation',
  'macro',
] as const;
type TargetKind = (typeof TARGET_KINDS)[number];
const isTargetKind = (k: string | null): k is TargetKind => k !== null && (TARGET_KINDS as readonly string[]).includes(k);

/** The same rule as the server's AuditQuery.action. */
const ACTION_PATTERN = /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/;
const EMPTY: AuditFilters = { action: '', actor: '', target: '' };

/** A detail value as people read it: lists joined, the priority matrix as rows. */
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(', ');
  if (Array.isArray(v) && v.every((x) => Array.isArray(x))) return v.map((row: unknown[]) => row.join(' ')).join(' / ');
  return JSON.stringify(v);
}

function Filters({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const t = useT();
  const agents = useAgents();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState(value);
  const [errors, setErrors] = useState<{ action?: string | undefined; target?: string | undefined }>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const f = { action: draft.action.trim(), actor: draft.actor, target: draft.target.trim() };
    const found = {
      action: f.action && !ACTION_PATTERN.test(f.action) ? t('admin.audit.actionInvalid') : undefined,
      target: f.target.length > 100 ? t('admin.form.tooLong', { max: 100 }) : undefined,
    };
    setErrors(found);
    if (found.action || found.target) return focusFirstError();
    onApply(f);
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-filters" aria-label={t('admin.audit.filters')}>
      <Field label={t('admin.audit.action')} error={errors.action} hint={t('admin.audit.actionHint')}>
        {(p) => (
          <>
            <input {...p} list="admin-audit-actions" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
            <datalist id="admin-audit-actions">
              {[...FAMILIES, ...AUDIT_ACTIONS].map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('admin.audit.actor')}>
        {(p) => (
          <select {...p} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })}>
            <option value="">{t('admin.audit.anyone')}</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.audit.target')} error={errors.target} hint={t('admin.audit.targetHint')}>
        {(p) => <input {...p} value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} />}
      </Field>
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary">
          {t('admin.audit.apply')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(EMPTY);
            setErrors({});
            onApply(EMPTY);
          }}
        >
          {t('admin.audit.reset')}
        </button>
      </div>
    </form>
  );
}

function useDescribe() {
  const t = useT();
  const names = useNames();
  return {
    actor(e: AuditEntry): string {
      if (e.actor_kind === 'agent') return (e.actor_id && names.agent(e.actor_id)) ?? e.actor_id ?? t('admin.audit.actor.unknown');
      if (e.actor_kind === 'requester') return t('admin.audit.actor.requester');
      if (e.actor_kind === 'system') return t('admin.audit.actor.system');
      return t('admin.audit.actor.unknown');
    },
    target(e: AuditEntry): string {
      if (!e.target_kind && !e.target_id) return '';
      const label = e.data['name'];
      const name =
        (e.target_kind === 'agent' && names.agent(e.target_id)) ||
        (e.target_kind === 'team' && names.team(e.target_id)) ||
        (typeof label === 'string' ? label : null) ||
        e.target_id ||
        '';
      return isTargetKind(e.target_kind) ? `${t(`admin.audit.target.${e.target_kind}`)} · ${name}` : `${e.target_kind ?? ''} · ${name}`;
    },
  };
}

/** The security audit log, newest first, with the filters the API takes and "Load more". */
export function AuditLogSection() {
  const t = useT();
  const fmt = useFormat();
  const describe = useDescribe();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <section aria-labelledby="admin-audit-title" className="admin-section">
      <h2 id="admin-audit-title">{t('admin.section.audit-log')}</h2>
      <p>{t('admin.audit.intro')}</p>
      <Filters value={filters} onApply={setFilters} />
      <QueryStatus query={log} />
      {log.data && (
        <>
          <p className="muted" role="status">
            {t('admin.audit.count', { count: entries.length })}
          </p>
          {entries.length === 0 ? (
            <p>{t('admin.audit.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table admin-table audit-table">
                <caption className="visually-hidden">{t('admin.section.audit-log')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.audit.time')}</th>
                    <th scope="col">{t('admin.audit.actor')}</th>
                    <th scope="col">{t('admin.audit.action')}</th>
                    <th scope="col">{t('admin.audit.target')}</th>
                    <th scope="col">{t('admin.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
                      </td>
                      <td>{describe.actor(e)}</td>
                      <td>
                        {isKnownAction(e.action) ? t(`admin.audit.action.${e.action}`) : e.action}
                        <br />
                        <code className="muted">{e.action}</code>
                      </td>
                      <td>{describe.target(e)}</td>
                      <td>
                        <dl className="audit-data">
                          {e.ip && (
                            <div>
                              <dt>{t('admin.audit.ip')}</dt>
                              <dd>{e.ip}</dd>
                            </div>
                          )}
                          {Object.entries(e.data).map(([k, v]) => (
                            <div key={k}>
                              <dt>{k}</dt>
                              <dd>{show(v)}</dd>
                            </div>
                          ))}
                        </dl>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {log.hasNextPage && (
            <button type="button" className="btn" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              {log.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
