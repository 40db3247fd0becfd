import { useState, type FormEvent } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { errorText, useUpdateTicket, type TicketView } from './api';

/** The ticket's tags: remove one with its button, add one (or several, comma-separated) with the field. */
export function TagsEditor({ ticket, readOnly }: { ticket: TicketView; readOnly: boolean }) {
  const t = useT();
  const update = useUpdateTicket(ticket.id);
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(tags: string[]) {
    setBusy(true);
    setError(null);
    try {
      await update({ tags });
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
    const added = input.split(',').map((s) => s.trim()).filter((s) => s && !ticket.tags.includes(s));
    if (added.length === 0) return;
    if (await save([...ticket.tags, ...added])) setInput('');
  }

  return (
    <section className="tags-editor" aria-labelledby="tags-title">
      <h2 id="tags-title">{t('ticket.tags.title')}</h2>
      {ticket.tags.length === 0 ? (
        <p className="muted">{t('ticket.tags.none')}</p>
      ) : (
        <ul className="tag-list">
          {ticket.tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={busy}
                  aria-label={t('ticket.tags.remove', { tag })}
                  onClick={() => void save(ticket.tags.filter((x) => x !== tag))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="row" onSubmit={add}>
          <label className="visually-hidden" htmlFor="tag-input">
            {t('ticket.tags.add')}
          </label>
          <input id="tag-input" value={input} maxLength={200} onChange={(e) => setInput(e.target.value)} placeholder={t('ticket.tags.placeholder')} />
          <button type="submit" className="btn btn-small" disabled={busy || !input.trim()}>
            {t('ticket.tags.addButton')}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
