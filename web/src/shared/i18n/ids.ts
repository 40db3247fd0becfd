import type { en as shared } from './messages';
import type { en as consoleShell } from '../../console/messages';
import type { en as queues } from '../../console/features/queues/messages';
import type { en as ticket } from '../../console/features/ticket/messages';
import type { en as admin } from '../../console/features/admin/messages';
import type { en as calendars } from '../../console/features/admin/calendars/messages';
import type { en as macros } from '../../console/features/macros/messages';
import type { en as automations } from '../../console/features/automations/messages';
import type { en as sla } from '../../console/features/sla/messages';
import type { en as slaPolicies } from '../../console/features/admin/sla-policies/messages';
import type { en as notifications } from '../../console/features/notifications/messages';
import type { en as reports } from '../../console/features/reports/messages';
import type { en as skills } from '../../console/features/admin/skills/messages';
import type { en as availability } from '../../console/features/availability/messages';
import type { en as routingRules } from '../../console/features/admin/routing-rules/messages';
import type { en as routing } from '../../console/features/routing/messages';
import type { en as portal } from '../../portal/messages';

/** Every message id of every catalogue module (a typo in a message id is a compile error). */
export type MessageId = keyof (typeof shared &
  typeof consoleShell &
  typeof queues &
  typeof ticket &
  typeof admin &
  typeof calendars &
  typeof macros &
  typeof automations &
  typeof sla &
  typeof slaPolicies &
  typeof notifications &
  typeof reports &
  typeof skills &
  typeof availability &
  typeof routingRules &
  typeof routing &
  typeof portal);
