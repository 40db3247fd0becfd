import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { Messages } from './catalogue';
import { browserTimeZone, initialLocale, saveLocale, type Locale } from './locale';
import type { MessageId } from './ids';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
  timeZone: string;
  /** The signed-in user's profile time zone replaces the browser's (an agent travelling keeps their shift's). */
  setTimeZone(timeZone: string): void;
}

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const LocaleContext = createContext<LocaleState | null>(null);

export function I18nProvider({
  catalogue,
  children,
  locale: fixedLocale,
  timeZone: fixedTimeZone,
}: {
  catalogue: { fr: Messages; en: Messages };
  children: ReactNode;
  /** For tests: force a locale / time zone instead of detecting them. */
  locale?: Locale;
  timeZone?: string;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => fixedLocale ?? initialLocale());
  const [profileTimeZone, setProfileTimeZone] = useState<string | null>(null);
  const timeZone = fixedTimeZone ?? profileTimeZone ?? browserTimeZone();
  const setTimeZone = useCallback((tz: string) => setProfileTimeZone(isTimeZone(tz) ? tz : null), []);
  const setLocale = useCallback((l: Locale) => {
    saveLocale(l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const state = useMemo(() => ({ locale, setLocale, timeZone, setTimeZone }), [locale, setLocale, timeZone, setTimeZone]);
  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={locale} messages={catalogue[locale]} timeZone={timeZone} defaultLocale="fr">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error('useLocale outside I18nProvider');
  return ctx;
}

export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** The translate function: every user-visible string goes through it, with ICU values (counts, names). */
export function useT(): (id: MessageId, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback(
    (id: MessageId, values?: MessageValues) => intl.formatMessage({ id }, values as Record<string, string | number | Date>),
    [intl],
  );
}
