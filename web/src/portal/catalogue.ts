import { mergeCatalogues } from '../shared/i18n/catalogue';
import * as shared from '../shared/i18n/messages';
import * as portal from './messages';

export const portalCatalogue = mergeCatalogues([shared, portal]);
