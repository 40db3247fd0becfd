import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useCurrentUser } from '../shared/auth/session';
import { useT } from '../shared/i18n/I18nProvider';
import { OfflineBanner, UserBar } from '../shared/ui/UserBar';
import { AvailabilityToggle } from './features/availability/AvailabilityToggle';
import { NotificationBell } from './features/notifications/NotificationBell';

/** Header, navigation and the main landmark around every console page. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useCurrentUser();
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
          <Link href="/macros">{t('macros.nav')}</Link>
          {isManager && <Link href="/reports">{t('reports.nav')}</Link>}
          {isManager && <Link href="/admin">{t('shell.admin')}</Link>}
        </nav>
        <AvailabilityToggle />
        <NotificationBell />
        <UserBar />
      </header>
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
