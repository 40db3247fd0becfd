import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { consoleCatalogue } from '../console/catalogue';
import type { Messages } from '../shared/i18n/catalogue';
import { I18nProvider } from '../shared/i18n/I18nProvider';
import type { Locale } from '../shared/i18n/locale';

/** Renders with the providers the apps use, in a fixed locale and time zone so assertions are stable. */
export function renderWithProviders(
  ui: ReactElement,
  opts: { locale?: Locale; timeZone?: string; catalogue?: { fr: Messages; en: Messages }; client?: QueryClient } = {},
): RenderResult & { client: QueryClient } {
  const client = opts.client ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <I18nProvider
        catalogue={opts.catalogue ?? consoleCatalogue}
        locale={opts.locale ?? 'fr'}
        timeZone={opts.timeZone ?? 'Europe/Paris'}
      >
        {ui}
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, client };
}
