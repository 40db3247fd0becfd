import { useT } from '../../../shared/i18n/I18nProvider';

/** Placeholder until the admin feature lands. */
export function AdminPage(props: { section?: string | undefined }) {
  const t = useT();
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <p>{props.section}</p>
    </section>
  );
}
