import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { mailLanguage, renderNotification, type NotificationKind } from '../../domain/email/templates.js';
import type { Ticket } from '../../domain/ticket.js';
import { findAgent } from '../../store/agents.js';
import type { Sql } from '../../store/db.js';
import { insertOutbound, listFollowers, ticketMessageIds } from '../../store/email.js';
import { findRequesterById, listIdentities } from '../../store/requesters.js';
import type { Deps } from '../deps.js';
import { messageIdDomain } from './context.js';

export interface QueueMailInput {
  kind: NotificationKind;
  /** The timeline entry the mail carries: a reply, the creation, the resolution. */
  entryId: string;
  /** For replies: the agent and the Markdown body. */
  agentId?: string | null;
  body?: string;
  attachmentIds?: readonly string[];
  /** The inbound Message-ID this mail answers (the acknowledgement of a new ticket answers its first message). */
  inReplyTo?: string | null;
}

/** Where a requester follows a ticket in the portal (mail links, the {{ticket.url}} template variable). */
export const portalTicketUrl = (publicUrl: string, ticketNumber: number): string =>
  `${publicUrl.replace(/\/$/, '')}/portal/tickets/${ticketNumber}`;

/** Most References a message carries: the thread's first message and the latest ones. */
const MAX_REFERENCES = 20;

const renderMarkdown = (md: string): string =>
  sanitizeHtml(marked.parse(md, { async: false, gfm: true, breaks: true }), {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img']),
    allowedSchemesByTag: { img: ['cid'] },
  });

/**
 * Queues one mail about a ticket, in the caller's transaction, so a reply and its mail commit together: the mail
 * is sent exactly when the reply exists. Goes to the requester's address and, for replies and resolutions, Cc
 * the followers; never to our own support addresses. Nothing is queued when outbound mail is not configured or
 * nobody has an address. Returns whether a mail was queued (the caller wakes the sender after commit).
 */
export async function queueTicketMail(sql: Sql, deps: Deps, ticket: Ticket, input: QueueMailInput): Promise<boolean> {
  const mail = deps.mail;
  if (!mail?.config.smtpOutUrl) return false;
  const own = new Set(mail.config.supportAddresses);
  const requester = await findRequesterById(sql, ticket.requesterId);
  if (!requester) return false;
  const emails = (await listIdentities(sql, [requester.id])).filter((i) => i.kind === 'email' && !own.has(i.value));
  const to = emails[0]?.value;
  const followers = input.kind === 'received' ? [] : await listFollowers(sql, ticket.id);
  const cc = followers.map((f) => f.email).filter((e) => e !== to && !own.has(e));
  if (!to && cc.length === 0) return false;

  const agent = input.agentId ? await findAgent(sql, input.agentId) : undefined;
  const language = mailLanguage(requester.language);
  const rendered = renderNotification({
    kind: input.kind,
    language,
    ticketNumber: ticket.number,
    subject: ticket.subject,
    requesterName: requester.name,
    agentName: agent?.name,
    replyText: input.body,
    replyHtml: input.body !== undefined ? renderMarkdown(input.body) : undefined,
    // Only requesters who can sign in get the portal link (someone known only by mail has no password yet).
    portalUrl: mail.publicUrl && requester.password_hash ? portalTicketUrl(mail.publicUrl, ticket.number) : null,
  });
  const thread = await ticketMessageIds(sql, ticket.id);
  const references = thread.length > MAX_REFERENCES ? [thread[0]!, ...thread.slice(-(MAX_REFERENCES - 1))] : thread;
  const id = deps.newId();
  await insertOutbound(sql, {
    id,
    ticket_id: ticket.id,
    timeline_entry_id: input.entryId,
    kind: input.kind,
    message_id: `relais.${id}@${messageIdDomain(mail.config)}`,
    in_reply_to: input.inReplyTo ?? thread[thread.length - 1] ?? null,
    references,
    from_address: mail.config.supportAddresses[0]!,
    to_addresses: to ? [to] : [cc.shift()!],
    cc_addresses: cc,
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    language,
    attachment_ids: [...(input.attachmentIds ?? [])],
    created_at: deps.clock.now(),
  });
  return true;
}
