import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_L1, e2e, launch, newContext, screenshot, signIn } from './support/browser.js';
import { apiAs, uniqueWord } from './support/api.js';

describe.skipIf(!!e2e().skip)('journey: a requester submits a ticket and sees the agent reply', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('submits from the portal, then the agent reply appears without reloading', async () => {
    const ctx = await newContext(browser, { locale: 'fr-FR' });
    const page = await ctx.newPage();
    await signIn(page, '/portal/', e2e().requesterEmail);
    await page.getByRole('heading', { name: 'Mes tickets' }).waitFor();
    await screenshot(page, 'portal-tickets');

    await page.getByRole('link', { name: 'Nouveau ticket' }).first().click();
    // A printer problem: the demo's routing rules send it to the L1 service desk, where the L1 agent answers.
    const word = uniqueWord('imprimante');
    await page.getByLabel(/^Objet/).fill(`Imprimante du 2e étage : bourrage papier (${word})`);
    await page.getByLabel(/^Description/).fill('Depuis ce matin, **impossible** d’imprimer, même après avoir retiré le papier.');
    await screenshot(page, 'portal-new-ticket');
    await page.getByRole('button', { name: 'Envoyer le ticket' }).click();
    await page.getByRole('heading', { name: new RegExp(word) }).waitFor();
    const number = Number(/\/portal\/tickets\/(\d+)/.exec(page.url())?.[1]);
    expect(number).toBeGreaterThan(0);

    // The agent answers through the API while the requester looks at the ticket.
    const agent = await apiAs(AGENT_L1);
    const ticket = await agent.get<{ id: string; channel: string }>(`/tickets/${number}`);
    expect(ticket.channel).toBe('portal');
    const reply = `Bonjour, pouvez-vous éteindre puis rallumer l’imprimante ? (${word})`;
    await agent.post(`/tickets/${ticket.id}/replies`, { body: reply });
    await agent.post(`/tickets/${ticket.id}/notes`, { body: `Note interne invisible (${word})` });
    await agent.dispose();

    await page.getByText(reply).waitFor();
    expect(await page.getByText('Note interne invisible').count()).toBe(0);
    await screenshot(page, 'portal-ticket');

    // Phone width: the same page, no horizontal scrolling.
    await page.setViewportSize({ width: 375, height: 760 });
    await page.reload();
    await page.getByText(reply).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(Number(overflow)).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-phone');
    await ctx.close();
  });
});
