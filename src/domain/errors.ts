/**
 * Every failure the domain and use cases can report, by stable code. `http/error-map.ts` maps each code to
 * an HTTP status; the wire format is `{ error: { code, message, details } }`.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TICKET_NOT_FOUND',
  'REQUESTER_NOT_FOUND',
  'AGENT_NOT_FOUND',
  'TEAM_NOT_FOUND',
  'CATEGORY_NOT_FOUND',
  'ORGANIZATION_NOT_FOUND',
  'TOKEN_NOT_FOUND',
  'TRANSITION_NOT_ALLOWED',
  'TICKET_CLOSED',
  'TICKET_MERGED',
  'MERGE_NOT_ALLOWED',
  'LINK_NOT_ALLOWED',
  'LINK_EXISTS',
  'LINK_NOT_FOUND',
  'CONFLICT',
  'EMAIL_TAKEN',
  'LAST_ADMIN',
  'TEAM_IN_USE',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'INVALID_PRIORITY_MATRIX',
  'INVALID_ASSIGNMENT',
  'TOO_MANY_ATTEMPTS',
  'EMAIL_TOO_LARGE',
  'EMAIL_EMPTY',
  'ATTACHMENT_NOT_FOUND',
  'FOLLOWER_EXISTS',
  'FOLLOWER_NOT_FOUND',
  'CALENDAR_NOT_FOUND',
  'CALENDAR_IN_USE',
  'INVALID_CALENDAR',
  'SLA_POLICY_NOT_FOUND',
  'INVALID_SLA_POLICY',
  'AUTOMATION_NOT_FOUND',
  'INVALID_AUTOMATION',
  'MACRO_NOT_FOUND',
  'INVALID_TEMPLATE',
  'NOTIFICATION_NOT_FOUND',
  'SKILL_NOT_FOUND',
  'SKILL_IN_USE',
  'ROUTING_RULE_NOT_FOUND',
  'INVALID_ROUTING_RULE',
  'ESCALATION_NOT_ALLOWED',
  'AT_CAPACITY',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** A failure with a stable code, safe to show to the caller. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[] | Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

