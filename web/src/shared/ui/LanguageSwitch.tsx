import { useLocale, useT } from '../i18n/I18nProvider';
import { LOCALES, type Locale } from '../i18n/locale';

/** The language switch: a labelled select, so it works with the keyboard and screen readers. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <label className="lang-switch">
      <span>{t('lang.label')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language-switch">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
