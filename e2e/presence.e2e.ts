import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ADMIN, AGENT_L1, e2e, launch, newContext, screenshot, signIn } from './support/browser.js';
import { apiAs, uniqueWord } from './support/api.js';

describe.skipIf(!!e2e().skip)('journey: two agents on the same ticket', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('each sees the other, sees the other typing, and the reply appears live', async () => {
    const word = uniqueWord('ecran');
    const requester = await apiAs(e2e().requesterEmail);
    const ticket = await requester.post<{ number: number }>('/tickets', {
      subject: `Écran noir au démarrage (${word})`,
      description: 'Le PC démarre mais l’écran reste noir.',
      channel: 'portal',
    });
    await requester.dispose();

    const open = async (email: string): Promise<Page> => {
      const ctx = await newContext(browser, { locale: 'fr-FR' });
      const page = await ctx.newPage();
      await signIn(page, `/tickets/${ticket.number}`, email);
      await page.getByRole('heading', { name: new RegExp(word) }).waitFor();
      return page;
    };
    const lea = await open(AGENT_L1);
    const claire = await open(ADMIN);

    await lea.getByText(/Claire Martin consulte aussi ce ticket/).waitFor();
    await claire.getByText(/Léa Dubois consulte aussi ce ticket/).waitFor();

    const reply = `Bonjour, l’écran est-il bien branché sur la carte graphique ? (${word})`;
    await claire.getByLabel('Réponse publique au demandeur (Markdown)').fill(reply);
    await lea.getByText(/Claire Martin rédige une réponse/).waitFor();
    await screenshot(lea, 'console-presence');
    await claire.getByRole('button', { name: 'Envoyer la réponse' }).click();

    // Léa never reloads: the reply arrives through the WebSocket.
    await lea.locator('.timeline', { hasText: reply }).waitFor();

    await claire.goto('/admin');
    await claire.locator('main table tbody tr').first().waitFor();
    await screenshot(claire, 'console-admin');
    await lea.context().close();
    await claire.context().close();
  });
});
