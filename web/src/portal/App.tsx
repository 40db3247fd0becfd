import type { ReactNode } from 'react';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { AuthGate } from '../shared/auth/session';
import { useT } from '../shared/i18n/I18nProvider';
import { RealtimeProvider } from '../shared/realtime/RealtimeProvider';
import { OfflineBanner, UserBar } from '../shared/ui/UserBar';
import { MyTicketsPage } from './MyTicketsPage';
import { NewTicketPage } from './NewTicketPage';
import { TicketPage } from './TicketPage';
import './portal.css';

/** The requester portal, under `/portal`: `/` my tickets, `/new` a new ticket, `/tickets/:number` one ticket. */
export function PortalApp() {
  return (
    <Router base="/portal">
      <AuthGate accept="requester" redirect="/">
        <RealtimeProvider>
          <PortalShell>
            <Switch>
              <Route path="/">
                <MyTicketsPage />
              </Route>
              <Route path="/new">
                <NewTicketPage />
              </Route>
              <Route path="/tickets/:number">{(p) => <TicketPage key={p.number} number={Number(p.number)} />}</Route>
              <Route>
                <Redirect to="/" replace />
              </Route>
            </Switch>
          </PortalShell>
        </RealtimeProvider>
      </AuthGate>
    </Router>
  );
}

function PortalShell({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="shell portal">
      <a className="skip-link" href="#main">
        {t('portal.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          {t('portal.title')}
        </Link>
        <nav aria-label={t('portal.nav')} className="topnav portal-nav">
          <NavLink href="/" label={t('portal.nav.myTickets')} />
          <NavLink href="/new" label={t('portal.nav.newTicket')} />
        </nav>
        <UserBar />
      </header>
      <OfflineBanner />
      <main id="main" tabIndex={-1} className="portal-main">
        {children}
      </main>
    </div>
  );
}

function NavLink({ href, label }: { href: string; label: string }) {
  const [active] = useRoute(href);
  return (
    <Link href={href} aria-current={active ? 'page' : undefined}>
      {label}
    </Link>
  );
}
