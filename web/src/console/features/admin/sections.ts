/**
 * The administration sections and who may open them. The server stays the judge (every write is checked
 * there); this only keeps people from being offered screens their role cannot use.
 *
 * Managers read the directory (agents, teams), the inbound mail log and the audit log, and manage their own API
 * tokens; the help desk's configuration (categories, priority matrix, IMAP mailboxes) and every write to agents
 * and teams is for administrators, as `src/domain/permissions.ts` and the admin use cases decide.
 */
export const ADMIN_SECTIONS = [
  'agents',
  'teams',
  'skills',
  'categories',
  'priority-matrix',
  'calendars',
  'sla-policies',
  'routing-rules',
  'automations',
  'mailboxes',
  'inbound-mail',
  'tokens',
  'audit-log',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const DEFAULT_SECTION: AdminSection = 'agents';

const MIN_ROLE: Record<AdminSection, 'manager' | 'admin'> = {
  agents: 'manager',
  teams: 'manager',
  // Managers read the skill catalogue (who knows what); only administrators change it.
  skills: 'manager',
  categories: 'admin',
  'priority-matrix': 'admin',
  // Managers read calendars (and their preview) to understand SLA deadlines; only administrators change them.
  calendars: 'manager',
  'sla-policies': 'manager',
  // Managers read the routing rules (and try tickets on them); only administrators change them.
  'routing-rules': 'manager',
  automations: 'manager',
  mailboxes: 'admin',
  'inbound-mail': 'manager',
  tokens: 'manager',
  'audit-log': 'manager',
};

const RANK: Record<string, number> = { agent: 1, manager: 2, admin: 3 };

export const isAdminRole = (role: string | null): boolean => role === 'admin';

/** The sections a role may open, in navigation order (none for plain agents). */
export function sectionsFor(role: string | null): AdminSection[] {
  const rank = RANK[role ?? ''] ?? 0;
  return ADMIN_SECTIONS.filter((s) => rank >= RANK[MIN_ROLE[s]]!);
}

export const isSection = (s: string): s is AdminSection => (ADMIN_SECTIONS as readonly string[]).includes(s);
