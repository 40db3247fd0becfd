import { useCurrentUser, useSignOut } from '../auth/session';
import { useT } from '../i18n/I18nProvider';
import { useConnected } from '../realtime/RealtimeProvider';
import { LanguageSwitch } from './LanguageSwitch';

/** The end of every app's top bar: language, who is signed in, sign out. */
export function UserBar() {
  const t = useT();
  const me = useCurrentUser();
  const signOut = useSignOut();
  return (
    <div className="topbar-end">
      <LanguageSwitch />
      <span className="me" title={t('auth.signedInAs', { name: me.name })}>
        {me.name}
      </span>
      <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}

/** Shown while the live connection is down (it reconnects by itself). */
export function OfflineBanner() {
  const t = useT();
  const connected = useConnected();
  if (connected) return null;
  return (
    <p className="banner banner-warn" role="status">
      {t('common.offline')}
    </p>
  );
}
