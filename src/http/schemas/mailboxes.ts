import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

const Tls = z.enum(['implicit', 'starttls', 'none']).describe('implicit: TLS from the start (port 993); starttls: upgrade (143); none: clear text');
const AfterImport = z.enum(['flag', 'move']).describe('flag: mark \\Seen and $RelaisImported; move: mark \\Seen and move to move_to');
const Folder = z.string().trim().min(1).max(200);

const MailboxFields = {
  name: z.string().trim().min(1).max(100),
  host: z.string().trim().min(1).max(253).describe('Host name or IP address of the IMAP server'),
  port: z.number().int().min(1).max(65535),
  tls: Tls,
  username: z.string().min(1).max(320),
  password: z.string().min(1).max(1000).describe('Stored encrypted; never returned'),
  folder: Folder.describe('The folder polled'),
  after_import: AfterImport,
  move_to: Folder.nullable().describe('Where imported messages go (after_import: move)'),
  enabled: z.boolean(),
};

export const CreateMailboxBody = z.strictObject({
  ...MailboxFields,
  port: MailboxFields.port.optional().describe('Default: 993 with implicit TLS, 143 otherwise'),
  tls: Tls.default('implicit'),
  folder: MailboxFields.folder.default('INBOX'),
  after_import: AfterImport.default('flag'),
  move_to: MailboxFields.move_to.optional(),
  enabled: z.boolean().default(true),
});

export const UpdateMailboxBody = z.strictObject({
  name: MailboxFields.name.optional(),
  host: MailboxFields.host.optional(),
  port: MailboxFields.port.optional(),
  tls: Tls.optional(),
  username: MailboxFields.username.optional(),
  password: MailboxFields.password.optional().describe('A new password; leave out to keep the stored one'),
  folder: MailboxFields.folder.optional(),
  after_import: AfterImport.optional(),
  move_to: MailboxFields.move_to.optional(),
  enabled: z.boolean().optional(),
});

export const MailboxJson = z.object({
  id: Uuid,
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  tls: Tls,
  username: z.string(),
  has_password: z.boolean().describe('The password itself is never returned'),
  folder: z.string(),
  after_import: AfterImport,
  move_to: z.string().nullable(),
  enabled: z.boolean(),
  uid_validity: z.number().int().nullable().describe('UIDVALIDITY of the folder when last polled'),
  last_uid: z.number().int().describe('Highest UID handled so far'),
  last_polled_at: IsoDate.nullable(),
  last_error: z.string().nullable().describe('Why the last poll failed, or a note about a message left on the server'),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const MailboxList = z.object({ data: z.array(MailboxJson) });

export const MailboxTestJson = z.object({
  ok: z.boolean(),
  error: z.string().nullable().describe('Why the connection failed, e.g. "Authentication failed for user …"'),
  idle: z.boolean().nullable().describe('The server supports IDLE: new mail is seen at once'),
  messages: z.number().int().nullable().describe('Messages in the folder'),
});
