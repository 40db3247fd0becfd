import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Deps } from '../../usecases/deps.js';
import { acceptAndProcess } from '../../usecases/email/ingest.js';
import { listInboundMail, rawInboundMail, retryInboundMail } from '../../usecases/email/inbound-log.js';
import { addFollower, deleteFollower, getAttachment, getFollowers, uploadAttachment } from '../../usecases/email/ticket-mail.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { InboundListRow } from '../../store/email.js';
import { ErrorResponse } from '../schemas/common.js';
import { AttachmentJson } from '../schemas/ticket-actions.js';
import { FollowerJson, InboundLogJson, InboundResult } from '../schemas/email.js';
import { TicketParams } from './tickets.js';

const ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const presentInbound = (r: InboundListRow): z.infer<typeof InboundLogJson> => {
  const d = r.decision as {
    action?: string; code?: string; reason?: string; matched_by?: string | null; matched_message_id?: string | null;
    matched_header?: 'in-reply-to' | 'references' | null; matched_ticket_number?: number | null;
  } | null;
  return {
    id: r.id, received_at: r.received_at.toISOString(), processed_at: r.processed_at?.toISOString() ?? null, source: r.source,
    source_detail: r.source_detail, message_id: r.message_id, from: r.from_address ?? r.envelope_from, subject: r.subject,
    size: r.raw_size, status: r.status, classification: r.classification,
    decision: d?.action && d.code
      ? {
        action: d.action, code: d.code, reason: d.reason ?? '', matched_by: d.matched_by ?? null,
        matched_message_id: d.matched_message_id ?? null, matched_header: d.matched_header ?? null,
        matched_ticket_number: d.matched_ticket_number ?? null,
      }
      : null,
    ticket_number: r.ticket_number === null ? null : Number(r.ticket_number), attempts: r.attempts, error: r.error,
  };
};

const FollowerParams = TicketParams.extend({ email: z.string().min(3).max(320) });
const AttachmentParams = TicketParams.extend({ attachmentId: z.string().min(1).max(64) });

/** Types a browser may display inline from our origin; anything else is downloaded as bytes. */
const INLINE_SAFE = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/;

const presentFollower = (f: { email: string; name: string | null; source: 'email_cc' | 'agent'; added_at: Date }) => ({
  email: f.email, name: f.name, source: f.source, added_at: f.added_at.toISOString(),
});

/** The e-mail channel's API: raw messages from an MTA, attachments, followers. */
export function emailRoutes(deps: Deps, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: config.email.maxMessageBytes + 64 * 1024 }, (_req, body, done) => {
      done(null, body);
    });

    app.post('/inbound/email', {
      config: { auth: 'authenticated' },
      bodyLimit: config.email.maxMessageBytes + 64 * 1024,
      schema: {
        tags: ['email'],
        summary: 'Deliver a raw e-mail (for an MTA pipe)',
        description:
          'The body is one RFC 5322 message, `Content-Type: message/rfc822`. Needs an API token with the ' +
          '`inbound:email` scope. The message is stored durably first (so a 2xx means it will not be lost), then ' +
          'threaded and filed; the answer says what happened. Sending the same message again is safe: it is ' +
          'recognised (`duplicate: true`) and nothing is filed twice.',
        response: { 200: InboundResult, 202: InboundResult, ...ERRORS, 413: ErrorResponse, 415: ErrorResponse },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      const agent = requireAgent(p, 'agent', 'inbound:email');
      if (!deps.mail) throw new DomainError('INTERNAL', 'The e-mail channel is not running.');
      if (!Buffer.isBuffer(req.body)) {
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the raw message with Content-Type: message/rfc822.');
      }
      const result = await acceptAndProcess({ ...deps, mail: deps.mail }, {
        raw: req.body, source: 'http', sourceDetail: agent.via === 'token' ? `api token of agent ${agent.id}` : `agent ${agent.id}`,
      });
      const o = result.outcome;
      return reply.status(o.status === 'retry' ? 202 : 200).send({
        id: result.id, duplicate: result.duplicate, status: o.status, ticket_id: o.ticketId, ticket_number: o.ticketNumber,
        decision: o.decision ? { action: o.decision.action, code: o.decision.code, reason: o.decision.reason } : null,
      });
    });

    app.get('/tickets/:id/attachments/:attachmentId', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'Download an attachment',
        description: 'Agents: any attachment of a ticket they can see. Requesters: attachments of public replies of their tickets.',
        params: AttachmentParams,
        response: { 200: z.any().describe('The file'), ...ERRORS },
      },
    }, async (req, reply) => {
      const a = await getAttachment(deps, principalOf(req), req.params.id, req.params.attachmentId);
      if (!deps.mail || !(await deps.mail.blobs.has(a.sha256))) {
        throw new DomainError('ATTACHMENT_NOT_FOUND', 'The file of this attachment is missing from the attachments directory.');
      }
      const type = INLINE_SAFE.test(a.content_type) ? a.content_type : 'application/octet-stream';
      const name = (a.filename ?? 'attachment').replace(/[\r\n"]/g, '_');
      const ascii = name.replace(/[^\x20-\x7e]/g, '_');
      void reply.header('content-type', type);
      void reply.header('content-length', String(a.size));
      void reply.header(
        'content-disposition',
        `${type === 'application/octet-stream' ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      // Even a file shown inline can run nothing and reach nothing.
      void reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
      void reply.header('cache-control', 'private, no-store');
      return reply.send(deps.mail.blobs.stream(a.sha256));
    });

    // Uploads take the file's own Content-Type, whatever it is (a .json file is a file, not a request body).
    await app.register(async (upload) => {
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.email.maxAttachmentBytes + 1 }, (_req, body, done) => done(null, body));
      upload.withTypeProvider<ZodTypeProvider>().post('/tickets/:id/attachments', {
        config: { auth: 'authenticated' },
        bodyLimit: config.email.maxAttachmentBytes + 1,
        schema: {
          tags: ['email'],
          summary: 'Upload a file to send with a reply',
          description:
            'The body is the file itself, with its Content-Type; `filename` names it. Returns its id, to pass in ' +
            '`attachment_ids` of the next reply (which sends it by mail too). Limit: RELAIS_ATTACHMENT_MAX_BYTES.',
          params: TicketParams,
          querystring: z.object({ filename: z.string().min(1).max(255).regex(/^[^\/\\\0]+$/, 'a file name, without a path') }),
          response: { 201: AttachmentJson, ...ERRORS, 413: ErrorResponse },
        },
      }, async (req, reply) => {
        const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const contentType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
        const a = await uploadAttachment(deps, principalOf(req), req.params.id, { content, filename: req.query.filename, contentType });
        return reply.status(201).send({
          id: a.id, filename: a.filename, content_type: a.content_type, size: Number(a.size), inline: a.inline, content_id: a.content_id,
        });
      });
    });

    app.get('/inbound-emails', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'Inbound mail log (managers, admins)',
        description:
          'Every message received, newest first, with what became of it: filed on a ticket, ignored (automatic mail ' +
          'matching nothing, our own address, the per-sender limit, a bounce matching none of our messages) or ' +
          'failed, each with the decision and its reason.',
        querystring: z.object({
          status: z.enum(['received', 'processed', 'ignored', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ data: z.array(InboundLogJson), next_cursor: z.string().nullable() }), ...ERRORS },
      },
    }, async (req) => {
      const q = req.query;
      let before: { at: Date; id: string } | null = null;
      if (q.cursor) {
        const [at, id] = decodeCursor('received_at', q.cursor);
        if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
          throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid for this listing.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
        }
        before = { at: new Date(at), id };
      }
      const rows = await listInboundMail(deps, principalOf(req), { status: q.status ?? null, limit: q.limit, before });
      const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
      return {
        data: rows.map(presentInbound),
        next_cursor: last ? encodeCursor('received_at', [last.received_at.toISOString(), last.id]) : null,
      };
    });

    app.get('/inbound-emails/:messageId/raw', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'The raw message as received (admins)',
        params: z.object({ messageId: z.string().min(1).max(64) }),
        response: { 200: z.any().describe('message/rfc822'), ...ERRORS },
      },
    }, async (req, reply) => {
      const { row, raw } = await rawInboundMail(deps, principalOf(req), req.params.messageId);
      void reply.header('content-type', 'message/rfc822');
      void reply.header('content-disposition', `attachment; filename="${row.id}.eml"`);
      return reply.send(raw);
    });

    app.post('/inbound-emails/:messageId/retry', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'File a failed message again (admins)',
        params: z.object({ messageId: z.string().min(1).max(64) }),
        response: { 202: z.object({ id: z.string() }), ...ERRORS },
      },
    }, async (req, reply) => {
      await retryInboundMail(deps, principalOf(req), req.params.messageId);
      return reply.status(202).send({ id: req.params.messageId });
    });

    app.get('/tickets/:id/followers', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'Followers of a ticket (agents)',
        description: 'Addresses that receive the ticket’s public replies: people Cc’d on its mail, or added by an agent.',
        params: TicketParams,
        response: { 200: z.object({ data: z.array(FollowerJson) }), ...ERRORS },
      },
    }, async (req) => ({ data: (await getFollowers(deps, principalOf(req), req.params.id)).map(presentFollower) }));

    app.post('/tickets/:id/followers', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'Add a follower (agents)',
        params: TicketParams,
        body: z.object({ email: z.email().max(320), name: z.string().max(200).nullish() }),
        response: { 201: FollowerJson, ...ERRORS },
      },
    }, async (req, reply) => reply.status(201).send(presentFollower(await addFollower(deps, principalOf(req), req.params.id, req.body))));

    app.delete('/tickets/:id/followers/:email', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['email'],
        summary: 'Remove a follower (agents)',
        params: FollowerParams,
        response: { 204: z.null(), ...ERRORS },
      },
    }, async (req, reply) => {
      await deleteFollower(deps, principalOf(req), req.params.id, req.params.email);
      return reply.status(204).send(null);
    });
  };
}
