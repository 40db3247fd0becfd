import type { ReactNode } from 'react';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { AuthGate, useCurrentUser, useSignOut } from '../shared/auth/session';
import { useT } from '../shared/i18n/I18nProvider';
import { RealtimeProvider, useConnected } from '../shared/realtime/RealtimeProvider';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
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
  const me = useCurrentUser();
  const signOut = useSignOut();
  const connected = useConnected();
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
