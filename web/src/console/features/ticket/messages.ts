import type { Translation } from '../../../shared/i18n/catalogue';

/** Messages of the console's ticket feature (keys prefixed 'ticket.'). */
export const en = {
  'ticket.title': 'Ticket',
} as const;

export const fr: Translation<typeof en> = {
  'ticket.title': 'Ticket',
};
