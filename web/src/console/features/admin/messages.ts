import type { Translation } from '../../../shared/i18n/catalogue';

/** Messages of the console's admin feature (keys prefixed 'admin.'). */
export const en = {
  'admin.title': 'Admin',
} as const;

export const fr: Translation<typeof en> = {
  'admin.title': 'Admin',
};
