import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, AGENT_L1, launch, newContext, screenshot, signIn } from './support/browser.js';
import { apiAs, uniqueWord } from './support/api.js';

interface Inbound { ticket_number: number | null; decision: { code: string } | null }

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const compose = (opts: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(opts).compile().build();

describe('journey: a ticket that came by e-mail', () => {
  it('shows the agent where each mail came from, why it joined, its attachment and quoted text', async () => {
    const word = uniqueWord('scanner');
    const sender = `${word}@client.example`;
    const first = await compose({
      from: `"Jeanne Moreau" <${sender}>`, to: 'support@servicedesk.example', cc: 'chef.service@client.example',
      subject: `Le scanner ${word} ne numérise plus`, messageId: `<${word}-1@client.example>`,
      text: 'Bonjour,\n\nLe scanner du 3e affiche « erreur capteur ».\n\nJeanne',
      attachments: [{ filename: 'erreur.txt', content: 'E-517 capteur\n' }],
    });
    // The MTA pipe: an administrator's credentials carry the inbound:email scope.
    const admin = await apiAs(ADMIN);
    const opened = await admin.postRaw<Inbound>('/inbound/email', first, 'message/rfc822');
    expect(opened.decision?.code).toBe('new_ticket');
    const reply = await compose({
      from: sender, to: 'support@servicedesk.example', subject: `RE: [#${opened.ticket_number}] Le scanner ${word} ne numérise plus`,
      messageId: `<${word}-2@client.example>`,
      text: 'Je l’ai redémarré, sans effet.\n\nLe lun. Jeanne a écrit :\n> Le scanner du 3e affiche « erreur capteur ».',
    });
    const joined = await admin.postRaw<Inbound>('/inbound/email', reply, 'message/rfc822');
    expect(joined).toMatchObject({ ticket_number: opened.ticket_number, decision: { code: 'joined' } });
    await admin.dispose();

    const ctx = await newContext(browser, { locale: 'fr-FR' });
    const page = await ctx.newPage();
    await signIn(page, `/tickets/${opened.ticket_number}`, AGENT_L1);
    await page.getByRole('heading', { name: new RegExp(word) }).waitFor();
    await page.getByText(`Reçu par e-mail de Jeanne Moreau`).first().waitFor();
    await page.getByText('Nouveau ticket : aucun Message-ID ni référence [#n] ne correspondait à un ticket existant.').waitFor();
    await page.getByText(/Rattaché à ce ticket : l’objet porte la référence \[#\d+\]/).waitFor();
    await page.getByRole('link', { name: /erreur\.txt/ }).waitFor();
    await page.getByRole('button', { name: 'Afficher le texte cité' }).click();
    await page.getByText('Le lun. Jeanne a écrit :', { exact: false }).last().waitFor();
    await page.getByText('chef.service@client.example').first().waitFor();
    await screenshot(page, 'console-email');

    // The attachment link downloads the file the requester sent, through the authorized API.
    const href = await page.getByRole('link', { name: /erreur\.txt/ }).getAttribute('href');
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(await file.text()).toBe('E-517 capteur\n');
    await ctx.close();
  });
});
