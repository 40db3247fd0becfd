import { ApiError } from '../../../shared/api/client';
import type { MessageId } from '../../../shared/i18n/ids';
import type { MessageValues } from '../../../shared/i18n/I18nProvider';
import { errorText } from '../ticket/api';

type T = (id: MessageId, values?: MessageValues) => string;

/**
 * Why an escalation was refused: the server says it in English (src/usecases/routing/escalate-ticket.ts), one
 * code for several cases, so the known sentences are recognised and said in the reader's language.
 */
const NOT_ALLOWED: ReadonlyArray<readonly [RegExp, MessageId]> = [
  [/already at the highest level/, 'routing.error.top'],
  [/de-escalate instead/, 'routing.error.below'],
  [/already at this level in this team/, 'routing.error.same'],
  [/is not escalated; reopen it first/, 'routing.error.closed'],
  [/never came from a lower level/, 'routing.error.neverUp'],
  [/is not below the ticket's level/, 'routing.error.notBelow'],
];

/** A failed escalation, de-escalation or "Next ticket", in the user's language. */
export function routingErrorText(t: T, err: unknown): string {
  if (!(err instanceof ApiError)) return errorText(t, err);
  switch (err.code) {
    case 'ESCALATION_NOT_ALLOWED': {
      const known = NOT_ALLOWED.find(([re]) => re.test(err.message));
      return known ? t(known[1]) : t('routing.error.notAllowed', { message: err.message });
    }
    case 'AT_CAPACITY': {
      const m = /You have (\d+) open tickets, your capacity is (\d+)/.exec(err.message);
      return m ? t('routing.error.atCapacity', { open: Number(m[1]), capacity: Number(m[2]) }) : t('routing.error.atCapacityGeneric');
    }
    case 'TEAM_NOT_FOUND':
      return t('routing.error.teamNotFound');
    case 'SKILL_NOT_FOUND':
      return t('routing.error.skillNotFound');
    case 'VALIDATION_FAILED': {
      const details = Array.isArray(err.details) ? (err.details as Array<{ path?: unknown }>) : [];
      if (details.some((d) => d.path === 'note')) return t('routing.error.noteRequired');
      return errorText(t, err);
    }
    default:
      return errorText(t, err);
  }
}
