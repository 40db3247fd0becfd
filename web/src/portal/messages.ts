import type { Translation } from '../shared/i18n/catalogue';

/** The requester portal (keys prefixed 'portal.'). */
export const en = {
  'portal.title': 'Support',
} as const;

export const fr: Translation<typeof en> = {
  'portal.title': 'Assistance',
};
