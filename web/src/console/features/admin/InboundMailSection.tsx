import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../../shared/api/client';
import type { InboundMail, InboundMailStatus } from '../../../shared/api/types';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useFormat } from '../../../shared/i18n/format';
import { inboundRawUrl, useInboundMail, useRetryInbound } from './api';
import { useApiErrorText } from './errors';
import { Field, QueryStatus } from './form';
import { decisionSentence, notableClassification } from './inbound-data';

const STATUSES = ['received', 'processed', 'ignored', 'failed'] as const satisfies readonly InboundMailStatus[];
const isStatus = (s: string): s is InboundMailStatus => (STATUSES as readonly string[]).includes(s);
const SOURCES: Record<InboundMail['source'], string> = { smtp: 'SMTP', imap: 'IMAP', http: 'HTTP' };

/** What became of the message: the translated decision, the English reason on demand, the error of a failure. */
function Outcome({ mail }: { mail: InboundMail }) {
  const t = useT();
  const sentence = decisionSentence(mail);
  const classification = notableClassification(mail);
  return (
    <>
      {classification && (
        <>
          <span className="badge badge-off">{t(`ticket.email.classification.${classification}`)}</span>{' '}
        </>
      )}
      {sentence ? (
        <span>{t(sentence.id, { ...sentence.values, because: sentence.because ? t(sentence.because.id, sentence.because.values) : '' })}</span>
      ) : (
        mail.decision && <span lang="en">{mail.decision.reason}</span>
      )}
      {sentence && mail.decision?.reason && (
        <details className="inbound-reason">
          <summary>{t('admin.inbound.reason')}</summary>
          <p lang="en">{mail.decision.reason}</p>
        </details>
      )}
      {mail.status === 'received' && !mail.decision && <span className="muted">{t('admin.inbound.pending')}</span>}
      {mail.error && (
        <p className="inbound-error">
          <strong>{t('admin.inbound.error', { count: mail.attempts })}</strong> <span lang="en">{mail.error}</span>
        </p>
      )}
    </>
  );
}

/**
 * Every message received by e-mail and what became of it (managers and administrators): why a mail did not open
 * a ticket, which ticket it joined, what failed. Administrators may also download the raw message and send a
 * failed one through the pipeline again.
 */
export function InboundMailSection() {
  const t = useT();
  const fmt = useFormat();
  const me = useCurrentUser();
  const errorText = useApiErrorText();
  const isAdmin = me.role === 'admin';
  const [status, setStatus] = useState<InboundMailStatus | null>(null);
  const log = useInboundMail(status);
  const retry = useRetryInbound();
  const [notice, setNotice] = useState('');
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const mails = log.data?.pages.flatMap((p) => p.data) ?? [];
  const subjectOf = (m: InboundMail) => m.subject || t('admin.inbound.noSubject');

  async function retryMail(m: InboundMail) {
    setRowError(null);
    setNotice('');
    try {
      await retry.mutateAsync(m.id);
      setNotice(t('admin.inbound.retried', { subject: subjectOf(m) }));
    } catch (err) {
      const conflict = err instanceof ApiError && err.status === 409;
      setRowError({ id: m.id, message: conflict ? t('admin.inbound.retryConflict') : errorText(err) });
      // Someone else may have retried it already: show the row as it is now.
      if (conflict) void log.refetch();
    }
  }

  return (
    <section aria-labelledby="admin-inbound-title" className="admin-section">
      <h2 id="admin-inbound-title">{t('admin.section.inbound-mail')}</h2>
      <p>{t('admin.inbound.intro')}</p>
      <form className="admin-filters" aria-label={t('admin.inbound.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('admin.inbound.status')}>
          {(p) => (
            <select {...p} value={status ?? ''} onChange={(e) => setStatus(isStatus(e.target.value) ? e.target.value : null)}>
              <option value="">{t('admin.inbound.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`admin.inbound.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={log} />
      {log.data && (
        <>
          <p className="muted" role="status">
            {t('admin.inbound.count', { count: mails.length })}
          </p>
          {mails.length === 0 ? (
            <p>{t('admin.inbound.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table admin-table inbound-table">
                <caption className="visually-hidden">{t('admin.section.inbound-mail')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.inbound.received')}</th>
                    <th scope="col">{t('admin.inbound.from')}</th>
                    <th scope="col">{t('admin.inbound.subject')}</th>
                    <th scope="col">{t('admin.inbound.source')}</th>
                    <th scope="col">{t('admin.inbound.status')}</th>
                    <th scope="col">{t('admin.inbound.decision')}</th>
                    <th scope="col">{t('admin.inbound.ticket')}</th>
                    {isAdmin && <th scope="col">{t('admin.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {mails.map((m) => (
                    <tr key={m.id}>
                      <td className="nowrap">
                        <time dateTime={m.received_at}>{fmt.dateTime(m.received_at)}</time>
                      </td>
                      <td className="wrap-anywhere">{m.from ?? <span className="muted">{t('admin.inbound.unknownSender')}</span>}</td>
                      <th scope="row" className="wrap-anywhere">
                        {m.subject || <span className="muted">{t('admin.inbound.noSubject')}</span>}
                      </th>
                      <td>
                        {SOURCES[m.source]}
                        {m.source_detail && (
                          <>
                            <br />
                            <span className="muted wrap-anywhere">{m.source_detail}</span>
                          </>
                        )}
                      </td>
                      <td>
                        <span className={`badge inbound-status-${m.status}`}>{t(`admin.inbound.status.${m.status}`)}</span>
                      </td>
                      <td className="inbound-outcome">
                        <Outcome mail={m} />
                      </td>
                      <td>{m.ticket_number !== null && <Link href={`/tickets/${m.ticket_number}`}>#{m.ticket_number}</Link>}</td>
                      {isAdmin && (
                        <td className="admin-actions">
                          <a
                            className="btn btn-small"
                            href={inboundRawUrl(m.id)}
                            download={`${m.id}.eml`}
                            aria-label={t('admin.inbound.downloadNamed', { subject: subjectOf(m) })}
                          >
                            {t('admin.inbound.download')}
                          </a>
                          {m.status === 'failed' && (
                            <button
                              type="button"
                              className="btn btn-small"
                              disabled={retry.isPending}
                              onClick={() => void retryMail(m)}
                              aria-label={t('admin.inbound.retryNamed', { subject: subjectOf(m) })}
                            >
                              {t('admin.inbound.retry')}
                            </button>
                          )}
                          {rowError?.id === m.id && (
                            <p role="alert" className="form-error">
                              {rowError.message}
                            </p>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {log.hasNextPage && (
            <button type="button" className="btn" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              {log.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
