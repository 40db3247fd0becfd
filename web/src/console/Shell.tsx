import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useCurrentUser, useSignOut } from '../shared/auth/session';
import { useT } from '../shared/i18n/I18nProvider';
import { useConnected } from '../shared/realtime/RealtimeProvider';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';

/** Header, navigation and the main landmark around every console page. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useCurrentUser();
  const signOut = useSignOut();
  const connected = useConnected();
  const isManager = me.role === 'manager' || me.role === 'admin';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/queues/mine" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('shell.nav')} className="topnav">
          <Link href="/queues/mine">{t('shell.queues')}</Link>
          {isManager && <Link href="/admin">{t('shell.admin')}</Link>}
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="me" title={t('auth.signedInAs', { name: me.name })}>
            {me.name}
          </span>
          <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      {!connected && (
        <p className="banner banner-warn" role="status">
          {t('common.offline')}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
