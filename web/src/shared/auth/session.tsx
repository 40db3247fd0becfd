import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { useLocale, useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../ui/LanguageSwitch';

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrf_token);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: Infinity, retry: false });
}

/** The signed-in user; only call below an <AuthGate>. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside AuthGate');
  return data;
}

export function useSignOut(): () => Promise<void> {
  const qc = useQueryClient();
  return async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(['me'], null);
    }
  };
}

/**
 * Shows the sign-in form until someone is signed in, then the app. `accept` says which kind of user this app
 * is for; the other kind is sent to its own app (`redirect`).
 */
export function AuthGate({
  accept,
  redirect,
  children,
}: {
  accept: Me['kind'];
  redirect: string;
  children: ReactNode;
}) {
  const qc = useQueryClient();
  const t = useT();
  const me = useMe();
  const { setTimeZone } = useLocale();
  useEffect(() => onUnauthorized(() => qc.setQueryData(['me'], null)), [qc]);
  const profileZone = me.data?.time_zone;
  useEffect(() => {
    if (profileZone) setTimeZone(profileZone);
  }, [profileZone, setTimeZone]);
  const wrongApp = me.data && me.data.kind !== accept;
  useEffect(() => {
    if (wrongApp) window.location.assign(redirect);
  }, [wrongApp, redirect]);
  if (me.isPending || wrongApp) return <p className="page-loading">{t('common.loading')}</p>;
  if (me.isError) return <p role="alert">{t('common.error', { message: me.error.message })}</p>;
  if (!me.data) return <SignIn />;
  return <>{children}</>;
}

export function SignIn() {
  const t = useT();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/login', { email, password });
      setCsrfToken(me.csrf_token);
      qc.setQueryData(['me'], me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('auth.throttled'));
      else if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError(t('auth.failed'));
      else setError(t('common.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">
          <span className="brand">{t('app.name')}</span> · {t('auth.title')}
        </h1>
        <label className="field">
          <span>{t('auth.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
