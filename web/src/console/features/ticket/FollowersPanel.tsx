import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { addFollower, errorText, refreshAfterWrite, removeFollower, useFollowers, type Follower, type TicketView } from './api';

/** Enough to catch a typo; the server validates for real. */
const looksLikeEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/**
 * The people who receive the ticket's public replies by e-mail besides the requester: those Cc'd on its mail,
 * and those an agent added. Changes refresh the whole ticket (the timeline records them).
 */
export function FollowersPanel({ ticket, readOnly }: { ticket: TicketView; readOnly: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const followers = useFollowers(ticket.id);
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');

  async function run(action: () => Promise<unknown>, message: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await action();
      setDone(message);
      await refreshAfterWrite(qc, ticket.id);
      return true;
    } catch (e) {
      setError(errorText(t, e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const email = input.trim();
    if (!email) return;
    if (!looksLikeEmail(email)) {
      setError(t('ticket.followers.invalid'));
      return;
    }
    if (await run(() => addFollower(ticket.id, email), t('ticket.followers.added', { email }))) setInput('');
  }

  const remove = (f: Follower) => void run(() => removeFollower(ticket.id, f.email), t('ticket.followers.removed', { email: f.email }));

  return (
    <section className="followers-panel" aria-labelledby="followers-title">
      <h2 id="followers-title">{t('ticket.followers.title')}</h2>
      <p className="muted field-hint">{t('ticket.followers.hint')}</p>
      {followers.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : followers.isError ? (
        <p role="alert">{errorText(t, followers.error)}</p>
      ) : followers.data.length === 0 ? (
        <p className="muted">{t('ticket.followers.none')}</p>
      ) : (
        <ul className="follower-list">
          {followers.data.map((f) => (
            <li key={f.email}>
              <span className="follower-name">
                {f.name ? (
                  <>
                    {f.name} <a href={`mailto:${f.email}`}>{f.email}</a>
                  </>
                ) : (
                  <a href={`mailto:${f.email}`}>{f.email}</a>
                )}
              </span>
              <span className="follower-source">{t(`ticket.followers.source.${f.source}`)}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={busy}
                  aria-label={t('ticket.followers.remove', { email: f.email })}
                  onClick={() => remove(f)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="row" onSubmit={add} noValidate>
          <label className="visually-hidden" htmlFor="follower-input">
            {t('ticket.followers.email')}
          </label>
          <input
            id="follower-input"
            type="email"
            autoComplete="off"
            value={input}
            maxLength={320}
            onChange={(e) => setInput(e.target.value)}
            placeholder={t('ticket.followers.placeholder')}
          />
          <button type="submit" className="btn btn-small" disabled={busy || !input.trim()}>
            {t('ticket.followers.add')}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {done}
      </p>
    </section>
  );
}
