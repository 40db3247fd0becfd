import { useCallback } from 'react';
import { ApiError } from '../../../../shared/api/client';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { useApiErrorText } from '../errors';

interface InUse {
  is_default?: boolean;
  teams?: string[];
  policies?: string[];
  automations?: string[];
}

/** Calendar errors in the user's language: who uses a calendar, a stale version, an invalid one; else the admin texts. */
export function useCalendarErrorText(): (err: unknown) => string {
  const t = useT();
  const { locale } = useLocale();
  const fallback = useApiErrorText();
  return useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) return fallback(err);
      if (err.code === 'CALENDAR_IN_USE') {
        const d = (err.details ?? {}) as InUse;
        if (d.is_default) return t('admin.calendars.error.default');
        const users = [
          ...(d.teams ?? []).map((name) => t('admin.calendars.use.team', { name })),
          ...(d.policies ?? []).map((name) => t('admin.calendars.use.policy', { name })),
          ...(d.automations ?? []).map((name) => t('admin.calendars.use.automation', { name })),
        ];
        return t('admin.calendars.error.inUse', { users: new Intl.ListFormat(locale, { type: 'conjunction' }).format(users) });
      }
      if (err.code === 'INVALID_CALENDAR') return t('admin.calendars.error.invalid', { message: err.message });
      if (err.code === 'CONFLICT' && Array.isArray(err.details) && err.details.some((x: { path?: unknown }) => x?.path === 'version')) {
        return t('admin.calendars.error.stale');
      }
      if (err.code === 'CALENDAR_NOT_FOUND') return t('admin.error.notFound');
      return fallback(err);
    },
    [t, locale, fallback],
  );
}
