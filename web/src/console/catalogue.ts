import { mergeCatalogues } from '../shared/i18n/catalogue';
import * as shared from '../shared/i18n/messages';
import * as admin from './features/admin/messages';
import * as automations from './features/automations/messages';
import * as availability from './features/availability/messages';
import * as calendars from './features/admin/calendars/messages';
import * as macros from './features/macros/messages';
import * as notifications from './features/notifications/messages';
import * as queues from './features/queues/messages';
import * as reports from './features/reports/messages';
import * as routing from './features/routing/messages';
import * as routingRules from './features/admin/routing-rules/messages';
import * as skills from './features/admin/skills/messages';
import * as sla from './features/sla/messages';
import * as slaPolicies from './features/admin/sla-policies/messages';
import * as ticket from './features/ticket/messages';
import * as shell from './messages';

export const consoleCatalogue = mergeCatalogues([shared, shell, queues, ticket, admin, calendars, macros, automations,
  sla, slaPolicies, notifications, reports, skills, availability, routingRules, routing]);
