import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';
import { TicketFilterQuery } from './tickets.js';

/**
 * A view's query: the query string of GET /tickets as { key: value } strings (stored as sent, so the web app
 * passes it back unchanged), checked against the list's own filter schema (status, team, assignee, …; no limit
 * or cursor). Relevance sorting needs a search text, as on the list.
 */
export const ViewQuery = z
  .record(z.string().max(40), z.string().max(500))
  .superRefine((query, ctx) => {
    const parsed = TicketFilterQuery.safeParse(query);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.length ? issue.path : [] });
      }
      return;
    }
    if (parsed.data.sort?.replace(/^-/, '') === 'relevance' && !parsed.data.q) {
      ctx.addIssue({ code: 'custom', message: 'relevance needs q', path: ['sort'] });
    }
  });

const ViewName = z.string().trim().min(1).max(100);

export const CreateViewBody = z.strictObject({ name: ViewName, query: ViewQuery, shared: z.boolean().optional() });
export const UpdateViewBody = z.strictObject({
  name: ViewName.optional(),
  query: ViewQuery.optional(),
  shared: z.boolean().optional(),
});

export const ViewJson = z.object({
  id: Uuid,
  name: z.string(),
  query: z.record(z.string(), z.string()),
  shared: z.boolean(),
  owner_id: Uuid,
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const ViewList = z.object({ data: z.array(ViewJson) });

export const QueueCountJson = z.object({
  key: z.string(),
  kind: z.enum(['builtin', 'view']),
  name: z.string().nullable(),
  count: z.number().int(),
  query: z.record(z.string(), z.string()),
});
export const QueueList = z.object({ data: z.array(QueueCountJson) });
