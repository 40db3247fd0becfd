/**
 * Wire types of the public API, inferred from the server's own zod schemas (type-only imports: nothing of the
 * server reaches the bundle). When the API changes, the web app stops compiling where it must follow.
 */
import type { z } from 'zod';
import type { AgentJson, OrganizationJson, RequesterJson } from '../../../../src/http/schemas/directory.js';
import type {
  AuditEntryJson,
  CategoryJson,
  IssuedTokenJson,
  PriorityMatrixJson,
  TeamJson,
  TokenJson,
} from '../../../../src/http/schemas/admin.js';
import type { MeJson } from '../../../../src/http/schemas/auth.js';
import type { InboundLogJson } from '../../../../src/http/schemas/email.js';
import type { CreateMailboxBody, MailboxJson, MailboxTestJson, UpdateMailboxBody } from '../../../../src/http/schemas/mailboxes.js';
import type { LinkJson, TimelineEntryJson } from '../../../../src/http/schemas/ticket-actions.js';
import type { CreateTicketBody, TicketJson, UpdateTicketBody } from '../../../../src/http/schemas/tickets.js';
import type { QueueCountJson, ViewJson } from '../../../../src/http/schemas/views.js';

export type Ticket = z.infer<typeof TicketJson>;
export type TicketStatus = Ticket['status'];
export type Priority = Ticket['priority'];
export type Tier = Ticket['tier'];
export type Channel = Ticket['channel'];
export type CreateTicketInput = z.input<typeof CreateTicketBody>;
export type UpdateTicketInput = z.input<typeof UpdateTicketBody>;
export type TimelineEntry = z.infer<typeof TimelineEntryJson>;
export type TimelineAttachment = TimelineEntry['attachments'][number];
export type Delivery = TimelineEntry['deliveries'][number];
export type TicketLink = z.infer<typeof LinkJson>;
export type Agent = z.infer<typeof AgentJson>;
export type Requester = z.infer<typeof RequesterJson>;
export type Organization = z.infer<typeof OrganizationJson>;
export type Team = z.infer<typeof TeamJson>;
export type Category = z.infer<typeof CategoryJson>;
export type PriorityMatrix = z.infer<typeof PriorityMatrixJson>;
export type ApiToken = z.infer<typeof TokenJson>;
export type IssuedApiToken = z.infer<typeof IssuedTokenJson>;
export type AuditEntry = z.infer<typeof AuditEntryJson>;
export type SavedView = z.infer<typeof ViewJson>;
export type QueueCount = z.infer<typeof QueueCountJson>;
export type Mailbox = z.infer<typeof MailboxJson>;
export type MailboxTestResult = z.infer<typeof MailboxTestJson>;
export type CreateMailboxInput = z.input<typeof CreateMailboxBody>;
export type UpdateMailboxInput = z.input<typeof UpdateMailboxBody>;
export type InboundMail = z.infer<typeof InboundLogJson>;
export type InboundMailStatus = InboundMail['status'];

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export type Me = z.infer<typeof MeJson>;

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const TIERS = ['L1', 'L2', 'L3'] as const;
export const CHANNELS = ['email', 'chat', 'phone', 'portal', 'api'] as const;
