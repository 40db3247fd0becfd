import { useCallback } from 'react';
import { ApiError } from '../../../shared/api/client';
import { useT } from '../../../shared/i18n/I18nProvider';

/** Field names the server blamed (`details: [{ path: 'body.email' | 'email', message }]`), without the 'body.' prefix. */
export function blamedFields(err: unknown): string[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details
    .map((d: unknown) => (d && typeof d === 'object' && 'path' in d ? String((d as { path: unknown }).path) : ''))
    .map((p) => p.replace(/^body\./, '').split('.')[0] ?? '')
    .filter(Boolean);
}

/**
 * A server error in the user's language: the codes the admin screens expect (FORBIDDEN, LAST_ADMIN, TEAM_IN_USE…)
 * get their own sentence; anything else falls back to the server's message.
 */
export function useApiErrorText(): (err: unknown) => string {
  const t = useT();
  return useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) return t('common.error', { message: err instanceof Error ? err.message : String(err) });
      switch (err.code) {
        case 'FORBIDDEN':
          return t('admin.error.forbidden');
        case 'LAST_ADMIN':
          return t('admin.error.lastAdmin');
        case 'TEAM_IN_USE': {
          // Tickets, else routing rules, still point at the team: the server names which in its details.
          const d = (err.details ?? {}) as { ticket_count?: unknown; routing_rule_count?: unknown };
          if (typeof d.routing_rule_count === 'number') return t('admin.error.teamRouted', { count: d.routing_rule_count });
          return t('admin.error.teamInUse', { count: typeof d.ticket_count === 'number' ? d.ticket_count : 0 });
        }
        case 'SKILL_IN_USE': {
          // The server counts what still uses the skill; each count is named in the sentence.
          const d = (err.details ?? {}) as { agent_count?: unknown; routing_rule_count?: unknown; open_ticket_count?: unknown };
          const n = (v: unknown) => (typeof v === 'number' ? v : 0);
          return t('skills.error.inUse', { agents: n(d.agent_count), rules: n(d.routing_rule_count), tickets: n(d.open_ticket_count) });
        }
        case 'EMAIL_TAKEN':
          return t('admin.error.emailTaken');
        case 'CONFLICT':
          return blamedFields(err).includes('name') ? t('admin.error.nameTaken') : t('admin.error.conflict', { message: err.message });
        case 'AGENT_NOT_FOUND':
        case 'TEAM_NOT_FOUND':
        case 'CATEGORY_NOT_FOUND':
        case 'TOKEN_NOT_FOUND':
        case 'SKILL_NOT_FOUND':
        case 'NOT_FOUND':
          return t('admin.error.notFound');
        case 'VALIDATION_FAILED':
        case 'INVALID_PRIORITY_MATRIX':
          return t('admin.error.invalid', { message: err.message });
      }
      if (err.status === 403) return t('admin.error.forbidden');
      return t('common.error', { message: err.message });
    },
    [t],
  );
}
