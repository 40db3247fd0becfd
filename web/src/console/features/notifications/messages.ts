import type { Translation } from '../../../shared/i18n/catalogue';

/** The notification bell in the console header. */
export const en = {
  'notifications.title': 'Notifications',
  'notifications.bell': '{count, plural, =0 {Notifications, none unread} one {Notifications, # unread} other {Notifications, # unread}}',
  'notifications.markAll': 'Mark all read',
  'notifications.empty': 'No notifications.',
  'notifications.loadFailed': 'The notifications could not be loaded.',
  'notifications.unread': 'Unread:',
  'notifications.ticket': 'Ticket #{number}',
} as const;

export const fr: Translation<typeof en> = {
  'notifications.title': 'Notifications',
  'notifications.bell': '{count, plural, =0 {Notifications, aucune non lue} one {Notifications, # non lue} other {Notifications, # non lues}}',
  'notifications.markAll': 'Tout marquer comme lu',
  'notifications.empty': 'Aucune notification.',
  'notifications.loadFailed': 'Impossible de charger les notifications.',
  'notifications.unread': 'Non lue :',
  'notifications.ticket': 'Ticket #{number}',
};
