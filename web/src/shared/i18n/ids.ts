import type { en as shared } from './messages';
import type { en as consoleShell } from '../../console/messages';
import type { en as queues } from '../../console/features/queues/messages';
import type { en as ticket } from '../../console/features/ticket/messages';
import type { en as admin } from '../../console/features/admin/messages';
import type { en as portal } from '../../portal/messages';

/** Every message id of every catalogue module (a typo in a message id is a compile error). */
export type MessageId = keyof (typeof shared &
  typeof consoleShell &
  typeof queues &
  typeof ticket &
  typeof admin &
  typeof portal);
