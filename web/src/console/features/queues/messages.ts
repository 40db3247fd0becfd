import type { Translation } from '../../../shared/i18n/catalogue';

/** Messages of the console's queues feature (keys prefixed 'queues.'). */
export const en = {
  'queues.title': 'Queues',
} as const;

export const fr: Translation<typeof en> = {
  'queues.title': 'Queues',
};
