import { Fragment, useCallback, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'wouter';
import { useNames } from '../../../shared/api/lookups';
import type { TimelineEntry } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useSkillName } from '../routing/skills';
import { eventSentence, type SentenceDeps } from './event-sentence';

/** Formats a message whose values may be React nodes (links), keeping React keys stable. */
export function useRich() {
  const intl = useIntl();
  return useCallback(
    (id: string, values: Record<string, ReactNode>): ReactNode => {
      const out = intl.formatMessage({ id }, values as Record<string, string>) as unknown;
      return Array.isArray(out) ? out.map((part, i) => <Fragment key={i}>{part as ReactNode}</Fragment>) : (out as ReactNode);
    },
    [intl],
  );
}

/**
 * Event sentences for the timeline (`rich`: ticket numbers are links) and for announcements (`plain`: text).
 */
export function useSentences() {
  const t = useT();
  const names = useNames();
  const skill = useSkillName();
  const rich = useRich();
  return {
    rich: useCallback(
      (entry: TimelineEntry) => {
        const deps: SentenceDeps = {
          t,
          ...names,
          skill,
          ticketRef: (n) => <Link href={`/tickets/${n}`}>#{n}</Link>,
        };
        const s = eventSentence(entry, deps);
        return { text: rich(s.id, s.values), details: s.details };
      },
      [t, names, skill, rich],
    ),
    plain: useCallback(
      (entry: TimelineEntry) => {
        const s = eventSentence(entry, { t, ...names, skill, ticketRef: (n) => `#${n}` });
        return t(s.id, s.values as Record<string, string>);
      },
      [t, names, skill],
    ),
  };
}
