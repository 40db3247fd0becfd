import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_L1, e2e, launch, newContext, screenshot, signIn } from './support/browser.js';
import { apiAs, uniqueWord } from './support/api.js';

interface TicketJson {
  id: string;
  number: number;
  status: string;
}
interface Entry {
  kind: string;
  visibility: string;
  body: string | null;
}

describe.skipIf(!!e2e().skip)('journey: an agent finds a ticket, replies and changes its status', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, searches, replies and sets the ticket pending', async () => {
    // A requester's new ticket, not yet routed to a team: every agent sees it in triage.
    const word = uniqueWord('imprimante');
    const requester = await apiAs(e2e().requesterEmail);
    const ticket = await requester.post<TicketJson>('/tickets', {
      subject: `Imprimante Canon du 2e étage : bourrage papier (${word})`,
      description: 'Le voyant orange clignote et rien ne sort.',
      channel: 'portal',
      urgency: 2,
    });
    await requester.dispose();

    const ctx = await newContext(browser, { locale: 'fr-FR' });
    const page = await ctx.newPage();
    await signIn(page, '/', AGENT_L1);
    await page.getByRole('link', { name: /Tous les tickets ouverts/ }).click();
    await page.locator('main table tbody tr').first().waitFor();
    await screenshot(page, 'console-queue');

    await page.keyboard.press('/');
    await page.getByRole('searchbox', { name: 'Rechercher des tickets' }).or(page.getByLabel('Rechercher des tickets')).first().fill(word);
    await page.keyboard.press('Enter');
    const row = page.locator('main table tbody tr', { hasText: word });
    // The new ticket is already on the first page of "all open": wait for the search to narrow the list.
    await expect.poll(() => page.locator('main table tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await row.waitFor();
    await row.getByRole('link').first().click();

    await page.getByRole('heading', { name: new RegExp(word) }).waitFor();
    // The demo's SLA policies give a new incident running clocks: the panel names its policy and lists the targets.
    const sla = page.getByRole('region', { name: 'SLA', exact: true });
    await sla.getByRole('definition').filter({ hasText: /^Incidents$/ }).waitFor();
    await sla.getByRole('listitem').filter({ hasText: 'Première réponse' }).getByText('En cours').waitFor();
    const reply = `Bonjour, pouvez-vous ouvrir le capot et retirer la feuille coincée ? (${word})`;
    await page.getByLabel('Réponse publique au demandeur (Markdown)').fill(reply);
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.locator('.timeline', { hasText: reply }).waitFor();

    await page.getByRole('form', { name: 'Propriétés' }).getByLabel(/^Statut/).selectOption('pending');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText(/a changé le statut/).first().waitFor();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).waitFor();
    await screenshot(page, 'console-ticket');

    const agent = await apiAs(AGENT_L1);
    const saved = await agent.get<TicketJson>(`/tickets/${ticket.id}`);
    expect(saved.status).toBe('pending');
    const timeline = await agent.get<{ data: Entry[] }>(`/tickets/${ticket.id}/timeline`);
    expect(timeline.data.some((e) => e.kind === 'ticket.replied' && e.visibility === 'public' && e.body === reply)).toBe(true);
    await agent.dispose();
    await ctx.close();
  });
});
