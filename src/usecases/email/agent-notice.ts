import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Ticket } from '../../domain/ticket.js';
import type { Sql } from '../../store/db.js';
import { insertOutbound } from '../../store/email.js';
import type { Deps } from '../deps.js';
import { messageIdDomain } from './context.js';

/**
 * Queues a notice to an agent about a ticket (an SLA escalation, an automation), in the caller's transaction.
 * It is not part of the requester's thread (no In-Reply-To, left out of References). Returns false when
 * outbound mail is not configured.
 */
export async function queueAgentNotice(
  sql: Sql,
  deps: Deps,
  ticket: Ticket,
  n: { to: string; language: string; title: string; body: string },
): Promise<boolean> {
  const mail = deps.mail;
  if (!mail?.config.smtpOutUrl) return false;
  const link = mail.publicUrl ? `${mail.publicUrl.replace(/\/$/, '')}/tickets/${ticket.number}` : null;
  const text = [n.body, link ? `\n${link}` : ''].join('').trim();
  const html = sanitizeHtml(marked.parse(text, { async: false, gfm: true, breaks: true }));
  const id = deps.newId();
  await insertOutbound(sql, {
    id,
    ticket_id: ticket.id,
    timeline_entry_id: null,
    kind: 'agent_notice',
    message_id: `relais.${id}@${messageIdDomain(mail.config)}`,
    in_reply_to: null,
    references: [],
    from_address: mail.config.supportAddresses[0]!,
    to_addresses: [n.to],
    cc_addresses: [],
    subject: `[#${ticket.number}] ${n.title}`,
    text_body: text,
    html_body: html,
    language: n.language === 'en' ? 'en' : 'fr',
    attachment_ids: [],
    created_at: deps.clock.now(),
  });
  return true;
}
