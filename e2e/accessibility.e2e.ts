import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, e2e, launch, newContext, signIn } from './support/browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2.1 A and AA rules (labels, contrast, landmarks, ARIA…) on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!!e2e().skip)('accessibility of the main screens (axe-core, WCAG 2.1 AA)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('console: sign-in, queue, ticket page and administration have no serious violation', async () => {
    const ctx = await newContext(browser, { locale: 'fr-FR', bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: /Connexion/ }).waitFor();
    expect(await violations(page)).toEqual([]);

    await signIn(page, '/queues/open', ADMIN);
    await page.locator('main table tbody tr').first().waitFor();
    expect(await violations(page)).toEqual([]);

    await page.locator('main table tbody tr a').first().click();
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    expect(await violations(page)).toEqual([]);

    await page.goto('/admin/priority-matrix');
    await page.locator('main select').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await ctx.close();
  });

  it('portal at phone width: list, new ticket form and a ticket have no serious violation', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB', viewport: { width: 375, height: 760 }, bypassCSP: true });
    const page = await ctx.newPage();
    await signIn(page, '/portal/', e2e().requesterEmail);
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    expect(await violations(page)).toEqual([]);

    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.getByLabel(/^Subject/).waitFor();
    expect(await violations(page)).toEqual([]);

    await page.goto('/portal/');
    await page.locator('main a[href*="/tickets/"]').first().click();
    await page.locator('main h1').waitFor();
    expect(await violations(page)).toEqual([]);
    await ctx.close();
  });
});
