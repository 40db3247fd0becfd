import type { Locale } from '../../../../shared/i18n/locale';

/** A catalogue skill's name in the interface language. */
export const skillName = (s: { name_en: string; name_fr: string }, locale: Locale): string => (locale === 'fr' ? s.name_fr : s.name_en);
