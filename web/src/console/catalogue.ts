import { mergeCatalogues } from '../shared/i18n/catalogue';
import * as shared from '../shared/i18n/messages';
import * as admin from './features/admin/messages';
import * as queues from './features/queues/messages';
import * as ticket from './features/ticket/messages';
import * as shell from './messages';

export const consoleCatalogue = mergeCatalogues([shared, shell, queues, ticket, admin]);
