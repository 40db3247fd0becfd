import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState, type ReactNode } from 'react';
import type { Messages } from './i18n/catalogue';
import { I18nProvider } from './i18n/I18nProvider';

/** Providers every app shares: data cache and i18n. */
export function AppRoot({ catalogue, children }: { catalogue: { fr: Messages; en: Messages }; children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: 1 } },
      }),
  );
  return (
    <StrictMode>
      <QueryClientProvider client={client}>
        <I18nProvider catalogue={catalogue}>{children}</I18nProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}
