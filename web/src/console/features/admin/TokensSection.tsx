import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNames } from '../../../shared/api/lookups';
import type { ApiToken, IssuedApiToken } from '../../../shared/api/types';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useFormat } from '../../../shared/i18n/format';
import { Dialog } from '../../../shared/ui/Dialog';
import { useIssueToken, useRevokeToken, useTokens, type TokenScope } from './api';
import { blamedFields, useApiErrorText } from './errors';
import { Field, FormError, hasErrors, useFocusFirstError, type FieldErrors, QueryStatus } from './form';

/** Scopes each role may put on a token (src/domain/permissions.ts ROLE_SCOPES); the server refuses any other. */
const ALL_SCOPES = ['tickets:read', 'tickets:write', 'directory:read', 'directory:write', 'admin', 'inbound:email'] as const satisfies readonly TokenScope[];
export const scopesFor = (role: string | null): readonly TokenScope[] => (role === 'admin' ? ALL_SCOPES : ALL_SCOPES.slice(0, 4));

const EXPIRIES = ['30', '90', '365', 'never', 'custom'] as const;
type Expiry = (typeof EXPIRIES)[number];
const DAY = 86_400_000;

/** The expiry to send: now + N days, the end of a chosen day (local time), or null for never. */
export function expiryDate(choice: Expiry, customDate: string, now: number = Date.now()): string | null {
  if (choice === 'never') return null;
  if (choice === 'custom') return customDate ? new Date(`${customDate}T23:59:59`).toISOString() : null;
  return new Date(now + Number(choice) * DAY).toISOString();
}

type TokenField = 'name' | 'scopes' | 'expires_at';

function TokenForm({ onIssued }: { onIssued: (token: IssuedApiToken) => void }) {
  const t = useT();
  const me = useCurrentUser();
  const errorText = useApiErrorText();
  const issue = useIssueToken();
  const { ref, focusFirstError } = useFocusFirstError();
  const scopes = scopesFor(me.role);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<TokenScope[]>(['tickets:read']);
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [customDate, setCustomDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors<TokenField>>({});
  const [serverError, setServerError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const expiresAt = expiryDate(expiry, customDate);
    const found: FieldErrors<TokenField> = {
      name: name.trim() ? (name.trim().length > 100 ? t('admin.form.tooLong', { max: 100 }) : undefined) : t('common.required'),
      scopes: chosen.length ? undefined : t('admin.tokens.scopesRequired'),
      expires_at:
        expiry !== 'custom'
          ? undefined
          : !customDate
            ? t('common.required')
            : new Date(expiresAt!).getTime() <= Date.now()
              ? t('admin.tokens.expiryPast')
              : undefined,
    };
    setErrors(found);
    if (hasErrors(found)) return focusFirstError();
    try {
      const issued = await issue.mutateAsync({ name: name.trim(), scopes: chosen, expires_at: expiresAt });
      setName('');
      setChosen(['tickets:read']);
      onIssued(issued);
    } catch (err) {
      const blamed = blamedFields(err);
      setErrors({
        scopes: blamed.includes('scopes') ? t('admin.tokens.scopeRefused') : undefined,
        expires_at: blamed.includes('expires_at') ? t('admin.tokens.expiryPast') : undefined,
      });
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-labelledby="admin-tokens-new">
      <Field label={t('admin.tokens.name')} error={errors.name} hint={t('admin.tokens.nameHint')}>
        {(p) => <input {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <fieldset className="field admin-checks" aria-describedby={errors.scopes ? 'admin-token-scopes-error' : undefined}>
        <legend>{t('admin.tokens.scopes')}</legend>
        {scopes.map((s, index) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(s)}
              aria-invalid={index === 0 && Boolean(errors.scopes)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, s] : chosen.filter((x) => x !== s))}
            />
            <span>
              <code>{s}</code> — {t(`admin.tokens.scope.${s}`)}
            </span>
          </label>
        ))}
        {errors.scopes && (
          <span id="admin-token-scopes-error" className="field-error">
            {errors.scopes}
          </span>
        )}
      </fieldset>
      <div className="row admin-row-fields">
        <Field label={t('admin.tokens.expiry')}>
          {(p) => (
            <select {...p} value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
              {EXPIRIES.map((x) => (
                <option key={x} value={x}>
                  {t(`admin.tokens.expiry.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {expiry === 'custom' && (
          <Field label={t('admin.tokens.expiryDate')} error={errors.expires_at}>
            {(p) => <input {...p} type="date" value={customDate} onChange={(e) => setCustomDate(e.target.value)} />}
          </Field>
        )}
      </div>
      <FormError message={serverError} />
      <button type="submit" className="btn btn-primary" disabled={issue.isPending}>
        {t('admin.tokens.create')}
      </button>
    </form>
  );
}

/** The new token's secret, shown once: it lives only in this component's state until "Done". */
function IssuedSecret({ token, onDone }: { token: IssuedApiToken; onDone: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState('copied');
    } catch {
      input.current?.select();
      setCopyState('failed');
    }
  }

  return (
    <section className="card secret-box" aria-labelledby="admin-token-secret-title">
      <h3 id="admin-token-secret-title" ref={heading} tabIndex={-1}>
        {t('admin.tokens.issuedTitle', { name: token.name })}
      </h3>
      <p className="banner banner-warn">{t('admin.tokens.secretWarning')}</p>
      <div className="field">
        <label htmlFor="admin-token-secret">{t('admin.tokens.secret')}</label>
        <div className="row">
          <input
            id="admin-token-secret"
            ref={input}
            className="secret-value"
            readOnly
            value={token.token}
            onFocus={(e) => e.target.select()}
            spellCheck={false}
          />
          <button type="button" className="btn" onClick={() => void copy()}>
            {t('admin.tokens.copy')}
          </button>
        </div>
        <span role="status" className="field-hint">
          {copyState === 'copied' ? t('admin.tokens.copied') : copyState === 'failed' ? t('admin.tokens.copyFailed') : ''}
        </span>
      </div>
      <p className="field-hint">{t('admin.tokens.usage')}</p>
      <button type="button" className="btn btn-primary" onClick={onDone}>
        {t('admin.tokens.done')}
      </button>
    </section>
  );
}

function tokenState(token: ApiToken): 'active' | 'revoked' | 'expired' {
  if (token.revoked_at) return 'revoked';
  return token.active ? 'active' : 'expired';
}

/** API tokens: the user's own (administrators may list everyone's), issue one with its secret shown once, revoke. */
export function TokensSection() {
  const t = useT();
  const me = useCurrentUser();
  const fmt = useFormat();
  const names = useNames();
  const errorText = useApiErrorText();
  const isAdmin = me.role === 'admin';
  const [all, setAll] = useState(false);
  const tokens = useTokens(isAdmin && all);
  const revoke = useRevokeToken();
  const [issued, setIssued] = useState<IssuedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const showOwner = isAdmin && all;

  async function confirmRevoke(token: ApiToken) {
    setRevokeError(null);
    try {
      await revoke.mutateAsync(token.id);
      setRevoking(null);
      setNotice(t('admin.tokens.revoked', { name: token.name }));
    } catch (err) {
      setRevokeError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="admin-tokens-title" className="admin-section">
      <h2 id="admin-tokens-title">{t('admin.section.tokens')}</h2>
      <p>{t('admin.tokens.intro')}</p>
      <section className="card admin-create" aria-labelledby="admin-tokens-new">
        <h3 id="admin-tokens-new">{t('admin.tokens.new')}</h3>
        {issued ? <IssuedSecret token={issued} onDone={() => setIssued(null)} /> : <TokenForm onIssued={setIssued} />}
      </section>
      <div className="admin-section-header">
        <h3>{t('admin.tokens.listTitle')}</h3>
        {isAdmin && (
          <label className="check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            {t('admin.tokens.showAll')}
          </label>
        )}
      </div>
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={tokens} />
      {tokens.data && tokens.data.length === 0 && <p>{t('admin.tokens.empty')}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.tokens.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.tokens.name')}</th>
                {showOwner && <th scope="col">{t('admin.tokens.owner')}</th>}
                <th scope="col">{t('admin.tokens.prefix')}</th>
                <th scope="col">{t('admin.tokens.scopes')}</th>
                <th scope="col">{t('admin.tokens.created')}</th>
                <th scope="col">{t('admin.tokens.expires')}</th>
                <th scope="col">{t('admin.tokens.lastUsed')}</th>
                <th scope="col">{t('admin.tokens.state')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => {
                const state = tokenState(token);
                return (
                  <tr key={token.id} className={state === 'active' ? undefined : 'inactive'}>
                    <th scope="row">{token.name}</th>
                    {showOwner && <td>{names.agent(token.agent_id) ?? token.agent_id}</td>}
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>
                      <ul className="plain-list">
                        {token.scopes.map((s) => (
                          <li key={s}>
                            <code>{s}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <time dateTime={token.created_at}>{fmt.dateTime(token.created_at)}</time>
                    </td>
                    <td>{token.expires_at ? <time dateTime={token.expires_at}>{fmt.dateTime(token.expires_at)}</time> : t('admin.tokens.never')}</td>
                    <td>
                      {token.last_used_at ? <time dateTime={token.last_used_at}>{fmt.dateTime(token.last_used_at)}</time> : t('admin.tokens.neverUsed')}
                    </td>
                    <td>
                      <span className={`badge ${state === 'active' ? 'badge-ok' : 'badge-off'}`}>{t(`admin.tokens.state.${state}`)}</span>
                    </td>
                    <td>
                      {!token.revoked_at && (
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() => {
                            setRevokeError(null);
                            setRevoking(token);
                          }}
                          aria-label={t('admin.tokens.revokeNamed', { name: token.name })}
                        >
                          {t('admin.tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <Dialog title={t('admin.tokens.revokeNamed', { name: revoking.name })} onClose={() => setRevoking(null)}>
          <p>{t('admin.tokens.revokeConfirm', { name: revoking.name })}</p>
          <FormError message={revokeError} />
          <div className="row admin-form-actions">
            <button type="button" className="btn btn-danger" disabled={revoke.isPending} onClick={() => void confirmRevoke(revoking)}>
              {t('admin.tokens.revoke')}
            </button>
            <button type="button" className="btn" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
