import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { Ticket } from '../shared/api/types';
import { useT } from '../shared/i18n/I18nProvider';
import { errorText, refreshAfterWrite, sendReply } from './api';
import { useIdempotencyKey } from './hooks';

/**
 * The requester's reply. On failure the text stays in the box and the same Idempotency-Key is reused, so
 * pressing Send again after a lost answer never posts the reply twice.
 */
export function ReplyBox({ ticket, announce }: { ticket: Ticket; announce: (text: string) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [text, setText] = useState('');
  const [error, setError] = useState<{ title: string; reason: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      setError({ title: t('portal.reply.empty'), reason: null });
      area.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await sendReply(ticket.id, text, idempotency.keyFor({ ticket: ticket.id, body: text }));
      idempotency.reset();
      setText('');
      announce(t('portal.reply.sent'));
      await refreshAfterWrite(qc, result.ticket, result.entry);
    } catch (err) {
      setError({ title: t('portal.reply.failed'), reason: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="reply-title" className="reply-box">
      <h2 id="reply-title">{t('portal.reply.title')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="reply-text">{t('portal.reply.label')}</label>
          <textarea
            id="reply-text"
            ref={area}
            name="body"
            rows={6}
            maxLength={100_000}
            value={text}
            aria-describedby="reply-hint"
            aria-invalid={error && !error.reason ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <small id="reply-hint" className="field-hint">
            {ticket.status === 'resolved' ? `${t('portal.reply.reopenHint')} ` : ''}
            {t('portal.reply.hint')}
          </small>
        </div>
        {error && (
          <div role="alert" className="form-error">
            <p>{error.title}</p>
            {error.reason && <p>{error.reason}</p>}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-touch" disabled={busy}>
          {busy ? t('portal.sending') : t('portal.reply.send')}
        </button>
      </form>
    </section>
  );
}
