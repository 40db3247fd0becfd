import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { probeMailbox } from '../../channels/email/imap-connection.js';
import type { Config } from '../../config/config.js';
import { resolveSecretKey } from '../../security/credentials.js';
import type { Deps } from '../../usecases/deps.js';
import {
  createMailbox, listMailboxesFor, removeMailbox, testMailbox, updateMailboxSettings, type MailboxView,
} from '../../usecases/email/mailboxes.js';
import { principalOf } from '../auth.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';
import { CreateMailboxBody, MailboxJson, MailboxList, MailboxTestJson, UpdateMailboxBody } from '../schemas/mailboxes.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentMailbox(m: MailboxView): z.infer<typeof MailboxJson> {
  return {
    id: m.id, name: m.name, host: m.host, port: m.port, tls: m.tls, username: m.username, has_password: m.has_password,
    folder: m.folder, after_import: m.after_import, move_to: m.move_to, enabled: m.enabled,
    uid_validity: m.uid_validity === null ? null : Number(m.uid_validity), last_uid: Number(m.last_uid),
    last_polled_at: iso(m.last_polled_at), last_error: m.last_error,
    created_at: m.created_at.toISOString(), updated_at: m.updated_at.toISOString(),
  };
}

/** IMAP mailboxes polled by the e-mail channel (administrators). */
export function mailboxRoutes(deps: Deps, config: Config): FastifyPluginAsyncZod {
  // Resolved on first use: the key file is only created once someone stores a password.
  const key = () => resolveSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir });

  return async (app) => {
    app.get('/admin/mailboxes', {
      config: authenticated,
      schema: { tags: ['mailboxes'], summary: 'List IMAP mailboxes (admins)', response: { 200: MailboxList, ...Errors } },
    }, async (req) => ({ data: (await listMailboxesFor(deps, principalOf(req))).map(presentMailbox) }));

    app.post('/admin/mailboxes', {
      config: authenticated,
      schema: {
        tags: ['mailboxes'], summary: 'Add an IMAP mailbox to poll (admins)',
        description:
          'Relais imports the unread messages already in the folder, then every new message. Each one is marked ' +
          '(\\Seen and $RelaisImported) or moved only once it is stored. The password is stored encrypted ' +
          '(RELAIS_SECRET_KEY) and never returned.',
        body: CreateMailboxBody, response: { 201: MailboxJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const box = await createMailbox(deps, principalOf(req), {
        name: b.name, host: b.host, port: b.port ?? (b.tls === 'implicit' ? 993 : 143), tls: b.tls, username: b.username,
        password: b.password, folder: b.folder, afterImport: b.after_import, moveTo: b.move_to ?? null, enabled: b.enabled,
      }, key);
      return reply.status(201).send(presentMailbox(box));
    });

    app.patch('/admin/mailboxes/:id', {
      config: authenticated,
      schema: {
        tags: ['mailboxes'], summary: 'Change an IMAP mailbox (admins)',
        description: 'Another server, account or folder restarts the import from that folder’s unread messages.',
        params: IdParams, body: UpdateMailboxBody, response: { 200: MailboxJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      const box = await updateMailboxSettings(deps, principalOf(req), req.params.id, {
        name: b.name, host: b.host, port: b.port, tls: b.tls, username: b.username, password: b.password, folder: b.folder,
        afterImport: b.after_import, moveTo: b.move_to, enabled: b.enabled,
      }, key);
      return presentMailbox(box);
    });

    app.delete('/admin/mailboxes/:id', {
      config: authenticated,
      schema: {
        tags: ['mailboxes'], summary: 'Stop polling and forget an IMAP mailbox (admins)',
        description: 'Messages already imported stay; nothing is changed on the server.',
        params: IdParams, response: { 204: z.null(), ...Errors },
      },
    }, async (req, reply) => {
      await removeMailbox(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/admin/mailboxes/:id/test', {
      config: authenticated,
      schema: {
        tags: ['mailboxes'], summary: 'Test the connection to an IMAP mailbox (admins)',
        description: 'Connects, signs in and opens the folder (and checks move_to), changing nothing. `ok: false` comes with the reason.',
        params: IdParams, response: { 200: MailboxTestJson, ...Errors },
      },
    }, async (req) => testMailbox(deps, principalOf(req), req.params.id, key, (c) => probeMailbox(c)));
  };
}
