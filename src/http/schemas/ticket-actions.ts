import { z } from 'zod';
import { LINK_KINDS } from '../../domain/relations.js';
import { TICKET_STATUSES } from '../../domain/ticket.js';
import { TIMELINE_KINDS } from '../../domain/timeline.js';
import { IsoDate, Uuid } from './common.js';
import { TicketJson } from './tickets.js';

const Reason = z.string().trim().max(2000).describe('Why: recorded on the timeline entries this change writes.');
const TicketRef = z.string().trim().min(1).max(64).describe('A ticket id (UUID) or number (1042)');

/** Markdown text of a reply or note. */
const MessageBody = z
  .string()
  .min(1)
  .max(100_000)
  .refine((s) => s.trim().length > 0, 'must not be blank');

export const ChangeStatusBody = z.strictObject({ status: z.enum(TICKET_STATUSES), reason: Reason.optional() });

export const AssignBody = z.strictObject({
  assignee_id: Uuid.nullable().describe('The agent, or null to unassign'),
  team_id: Uuid.nullable().optional().describe('Also move the ticket to this team (null: back to triage)'),
  reason: Reason.optional(),
});

export const MessageBodyJson = z.strictObject({ body: MessageBody });

export const ReplyBodyJson = z.strictObject({
  body: MessageBody,
  attachment_ids: z.array(Uuid).max(20).optional().describe('Files uploaded first with POST /tickets/{id}/attachments; sent with the reply (and its mail)'),
});

export const MergeBody = z.strictObject({ into: TicketRef.describe('The ticket that survives'), reason: Reason.optional() });

export const LinkBody = z
  .strictObject({
    kind: z.enum(LINK_KINDS),
    ticket: TicketRef.describe('The other ticket'),
    role: z.enum(['parent', 'child']).optional().describe('parent_child only: the part of the ticket in the URL (default parent)'),
  })
  .refine((b) => b.role === undefined || b.kind === 'parent_child', { path: ['role'], message: 'only for parent_child links' });

export const LinkParams = z.object({
  id: z.string().min(1).max(64).describe('Ticket id (UUID) or number (1042)'),
  linkId: z.string().min(1).max(64),
});

export const AttachmentJson = z.object({
  id: Uuid,
  filename: z.string().nullable(),
  content_type: z.string(),
  size: z.number().int(),
  inline: z.boolean(),
  content_id: z.string().nullable(),
});

export const DeliveryJson = z.object({
  id: Uuid,
  kind: z.enum(['reply', 'received', 'resolved']),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  status: z.enum(['queued', 'sent', 'failed', 'bounced']),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  next_attempt_at: IsoDate.nullable(),
  sent_at: IsoDate.nullable(),
  bounced_at: IsoDate.nullable(),
  message_id: z.string(),
});

export const TimelineEntryJson = z.object({
  id: Uuid,
  ticket_id: Uuid,
  ticket_number: z.number().int(),
  kind: z.enum(TIMELINE_KINDS),
  visibility: z.enum(['public', 'internal']),
  actor: z.object({ kind: z.enum(['agent', 'requester', 'system']), id: Uuid.nullable(), name: z.string().nullable() }),
  body: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: IsoDate,
  attachments: z.array(AttachmentJson).describe('Files that came with the entry; download with GET /tickets/{id}/attachments/{attachment_id}'),
  deliveries: z.array(DeliveryJson).describe('Agents only: the mail that carried this entry and its delivery state'),
});

export const TimelineList = z.object({ data: z.array(TimelineEntryJson) });

export const ReplyResult = z.object({ entry: TimelineEntryJson, ticket: TicketJson });

export const MergeResult = z.object({ source: TicketJson, survivor: TicketJson });

export const LinkJson = z.object({
  id: Uuid,
  kind: z.enum(LINK_KINDS),
  role: z.enum(['parent', 'child', 'duplicate', 'original', 'related']).describe('The part of the ticket in the URL'),
  ticket: z.object({ id: Uuid, number: z.number().int(), subject: z.string(), status: z.enum(TICKET_STATUSES) }),
  created_by: Uuid.nullable(),
  created_at: IsoDate,
});

export const LinkList = z.object({ data: z.array(LinkJson) });
