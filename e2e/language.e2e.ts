import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_L1, e2e, launch, newContext, screenshot, signIn } from './support/browser.js';

describe.skipIf(!!e2e().skip)('journey: switching languages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('follows the browser language, switches to English and back to French, and remembers the choice', async () => {
    const ctx = await newContext(browser, { locale: 'fr-FR' });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { name: /Connexion/ }).isVisible()).toBe(true);
    await screenshot(page, 'sign-in');
    await signIn(page, '/', AGENT_L1);
    await expect.poll(() => page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByLabel('Langue').selectOption('en');
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    await ctx.close();
  });

  it('starts in English for an English browser', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB' });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { name: /Sign in/ }).isVisible()).toBe(true);
    await ctx.close();
  });
});
