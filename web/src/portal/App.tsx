import { Route, Router, Switch } from 'wouter';
import { AuthGate, useCurrentUser, useSignOut } from '../shared/auth/session';
import { useT } from '../shared/i18n/I18nProvider';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';

/** The requester portal, under `/portal`. */
export function PortalApp() {
  return (
    <Router base="/portal">
      <AuthGate accept="requester" redirect="/">
        <PortalShell>
          <Switch>
            <Route path="/">
              <Placeholder />
            </Route>
          </Switch>
        </PortalShell>
      </AuthGate>
    </Router>
  );
}

function PortalShell({ children }: { children: React.ReactNode }) {
  const t = useT();
  const me = useCurrentUser();
  const signOut = useSignOut();
  return (
    <div className="shell portal">
      <header className="topbar">
        <span className="brand">{t('portal.title')}</span>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="me">{me.name}</span>
          <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}

function Placeholder() {
  const t = useT();
  return <h1>{t('portal.title')}</h1>;
}
