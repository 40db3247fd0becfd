import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'relais-demo-2026';
export const ADMIN = 'claire.martin@servicedesk.example';
export const AGENT_L1 = 'lea.dubois@servicedesk.example';

export const e2e = () => inject('e2e');

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: e2e().chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (own cookies), in the given language and time zone. */
export async function newContext(
  browser: Browser,
  opts: { locale?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL: e2e().baseUrl,
    locale: opts.locale ?? 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: opts.viewport ?? { width: 1366, height: 860 },
    // Only for injecting test tooling (axe-core) into pages: the apps themselves run under Relais's CSP.
    bypassCSP: opts.bypassCSP ?? false,
  });
  ctx.setDefaultTimeout(15_000);
  return ctx;
}

export async function signIn(page: Page, path: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(path);
  await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
}

/**
 * Screenshots go to docs/screenshots when RELAIS_SCREENSHOTS=1 (`npm run screenshots`), otherwise to a temp
 * directory, so an ordinary test run never rewrites tracked files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.RELAIS_SCREENSHOTS === '1' ? join(process.cwd(), 'docs', 'screenshots') : join(tmpdir(), 'relais-screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
