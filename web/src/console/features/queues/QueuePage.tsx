import { useT } from '../../../shared/i18n/I18nProvider';

/** Placeholder until the queues feature lands. */
export function QueuePage(props: { queue?: string; viewId?: string }) {
  const t = useT();
  return (
    <section>
      <h1>{t('queues.title')}</h1>
      <p>{props.queue ?? props.viewId}</p>
    </section>
  );
}
