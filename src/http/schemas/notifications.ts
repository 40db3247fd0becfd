import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

/** An agent's in-app notification (SLA escalations, automations). */
export const NotificationJson = z.object({
  id: Uuid,
  kind: z.string().describe('What sent it: sla, automation'),
  title: z.string(),
  body: z.string(),
  ticket: z.object({ id: Uuid, number: z.number().int() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: IsoDate,
  read_at: IsoDate.nullable(),
});
export const NotificationList = z.object({ data: z.array(NotificationJson), unread_count: z.number().int(), next_cursor: z.string().nullable() });
