import type { MessageId } from '../../../shared/i18n/ids';
import type { MessageValues } from '../../../shared/i18n/I18nProvider';
import { ACTION_TYPES } from '../automations/rule-form';
import { businessTime } from '../sla/format';

type T = (id: MessageId, values?: MessageValues) => string;
type Kind = 'ticket.sla_changed' | 'ticket.sla_escalated' | 'ticket.notified' | 'ticket.action_skipped';

const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
const SOURCES = ['sla', 'automation', 'macro'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const oneOf = <V extends string>(list: readonly V[], v: unknown): V | null => ((list as readonly unknown[]).includes(v) ? (v as V) : null);
/** `{ id, name }` → name (policies, calendars, sources, recipients). */
const nameOf = (v: unknown): string | null => (isRecord(v) ? str(v.name) : null);

/** "SLA «Standard»", "automation «Relance»": what made Relais act. */
function sourceLabel(t: T, v: unknown): string {
  const kind = isRecord(v) ? (oneOf(SOURCES, v.kind) ?? 'other') : 'other';
  return t('sla.event.source', { kind, name: nameOf(v) ?? '?' });
}

function actionLabel(t: T, v: unknown): string {
  const type = oneOf(ACTION_TYPES, v);
  return type ? t(`automations.action.${type}`) : String(v);
}

/** One line per target of a `ticket.sla_changed` entry: its business time and, when running, its due time. */
function targetLines(data: Record<string, unknown>, t: T): string[] {
  const targets = isRecord(data.targets) ? data.targets : {};
  const due = isRecord(data.due) ? data.due : {};
  return SLA_METRICS.flatMap((metric) => {
    const minutes = num(targets[metric]);
    if (!minutes) return [];
    const values = { metric: t(`sla.metric.${metric}`), target: businessTime(t, minutes) };
    const at = str(due[metric]);
    if (at) return [t('sla.event.targetDue', { ...values, due: new Date(at) })];
    // A measured target without a clock yet (next response) starts with the requester's next message.
    return [t(metric in due ? 'sla.event.targetPaused' : 'sla.event.target', values)];
  });
}

/**
 * The sentence of an SLA or automation entry, from its `data` (see src/usecases/sla/track-sla.ts, sweep-sla.ts
 * and src/usecases/automation/run-actions.ts): a policy applied or re-targeted, a threshold or breach with the
 * actions taken, agents notified, an action that could not apply and why.
 */
export function slaEventSentence(kind: Kind, data: Record<string, unknown>, t: T): { id: MessageId; values: Record<string, string | number>; details: string[] } {
  switch (kind) {
    case 'ticket.sla_changed': {
      const priority = oneOf(PRIORITIES, data.priority);
      return {
        id: data.change === 'retargeted' ? 'sla.event.retargeted' : 'sla.event.applied',
        values: { policy: nameOf(data.policy) ?? '?', calendar: nameOf(data.calendar) ?? '?', priority: priority ? t(`priority.${priority}`) : '?' },
        details: targetLines(data, t),
      };
    }
    case 'ticket.sla_escalated': {
      const actions = (Array.isArray(data.actions) ? data.actions : []).map((a) => actionLabel(t, a));
      return {
        id: data.breached === true ? 'sla.event.breached' : 'sla.event.threshold',
        values: { policy: nameOf(data.policy) ?? '?', metric: oneOf(SLA_METRICS, data.metric) ?? 'other', percent: num(data.percent) ?? 0 },
        details: actions.length ? [t('sla.event.actions', { actions: actions.join(', ') })] : [],
      };
    }
    case 'ticket.notified': {
      const names = (Array.isArray(data.recipients) ? data.recipients : []).map(nameOf).filter((x): x is string => x !== null);
      const emailed = num(data.emailed) ?? 0;
      return {
        id: 'sla.event.notified',
        values: { source: sourceLabel(t, data.source), count: names.length, recipients: names.join(', ') || '?' },
        details: emailed > 0 ? [t('sla.event.emailed', { count: emailed })] : [],
      };
    }
    case 'ticket.action_skipped': {
      const error = isRecord(data.error) ? str(data.error.message) : null;
      return {
        id: 'sla.event.actionSkipped',
        values: {
          source: sourceLabel(t, data.source),
          action: actionLabel(t, isRecord(data.action) ? data.action.type : null),
          error: error ?? t('ticket.value.unknownError'),
        },
        details: [],
      };
    }
  }
}
