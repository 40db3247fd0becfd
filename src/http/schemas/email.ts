import { z } from 'zod';

/** The e-mail channel's API shapes (the web app infers its types from these). */

export const InboundResult = z.object({
  id: z.uuid().describe('The stored message'),
  duplicate: z.boolean().describe('The same message (Message-ID, or content without one) had already been received'),
  status: z.enum(['processed', 'ignored', 'failed', 'retry', 'skipped']),
  ticket_id: z.uuid().nullable(),
  ticket_number: z.number().int().nullable(),
  decision: z.object({ action: z.string(), code: z.string(), reason: z.string() }).nullable(),
});

export const InboundLogJson = z.object({
  id: z.uuid(),
  received_at: z.string(),
  processed_at: z.string().nullable(),
  source: z.enum(['smtp', 'imap', 'http']),
  source_detail: z.string().nullable(),
  message_id: z.string().nullable(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
  status: z.enum(['received', 'processed', 'ignored', 'failed']),
  classification: z.string().nullable(),
  decision: z.object({
    action: z.string(),
    code: z.string(),
    reason: z.string(),
    matched_by: z.string().nullable().describe('our_message_id, subject_tag, ingested_message_id or reported_message_id'),
    matched_message_id: z.string().nullable(),
    matched_header: z.enum(['in-reply-to', 'references']).nullable(),
    matched_ticket_number: z.number().int().nullable(),
  }).nullable(),
  ticket_number: z.number().int().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
});

export const FollowerJson = z.object({
  email: z.string(),
  name: z.string().nullable(),
  source: z.enum(['email_cc', 'agent']),
  added_at: z.string(),
});
