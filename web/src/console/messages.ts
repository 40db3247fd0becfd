import type { Translation } from '../shared/i18n/catalogue';

/** The console shell: navigation, header, shortcuts help. */
export const en = {
  'shell.nav': 'Main navigation',
  'shell.skipToContent': 'Skip to content',
  'shell.queues': 'Queues',
  'shell.admin': 'Administration',
  'shell.shortcuts': 'Keyboard shortcuts',
  'shell.notAgent': 'This console is for agents.',
} as const;

export const fr: Translation<typeof en> = {
  'shell.nav': 'Navigation principale',
  'shell.skipToContent': 'Aller au contenu',
  'shell.queues': 'Files',
  'shell.admin': 'Administration',
  'shell.shortcuts': 'Raccourcis clavier',
  'shell.notAgent': 'Cette console est réservée aux agents.',
};
