import { useT } from '../../../shared/i18n/I18nProvider';

/** Placeholder until the ticket feature lands. */
export function TicketPage(props: { number: number }) {
  const t = useT();
  return (
    <section>
      <h1>
        {t('ticket.title')} #{props.number}
      </h1>
    </section>
  );
}
