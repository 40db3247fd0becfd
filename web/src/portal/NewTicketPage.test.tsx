import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Category } from '../shared/api/types';
import { NewTicketPage } from './NewTicketPage';
import { buildTicket, fakeApi, renderPortal, Reply } from './test-support';

const NETWORK = '00000000-0000-4000-8000-0000000000c1';
const VPN = '00000000-0000-4000-8000-0000000000c2';

const category = (id: string, fr: string[], en: string[], parent: string | null): Category => ({
  id,
  parent_id: parent,
  name_fr: fr.at(-1)!,
  name_en: en.at(-1)!,
  depth: fr.length - 1,
  path_names: { fr, en },
  full_name: { fr: fr.join(' › '), en: en.join(' › ') },
  created_at: '2026-01-01T00:00:00.000Z',
});

const CATEGORIES = {
  data: [category(NETWORK, ['Réseau'], ['Network'], null), category(VPN, ['Réseau', 'VPN'], ['Network', 'VPN'], NETWORK)],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('NewTicketPage', () => {
  it('asks for a subject before sending anything', async () => {
    const api = fakeApi({ 'GET /categories': CATEGORIES });
    renderPortal(<NewTicketPage />, { path: '/new' });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Envoyer le ticket' }));

    const subject = screen.getByRole('textbox', { name: /Objet/ });
    expect(screen.getByText('Indiquez un objet.')).toBeTruthy();
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    expect(subject.getAttribute('aria-describedby')).toContain('nt-subject-error');
    expect(document.activeElement).toBe(subject);
    expect(api.find('POST', '/tickets')).toHaveLength(0);

    await user.type(subject, 'Imprimante');
    expect(screen.queryByText('Indiquez un objet.')).toBeNull();
  });

  it('sends the ticket with the portal channel and an Idempotency-Key, then opens its page', async () => {
    const created = buildTicket({ number: 1077, subject: 'VPN coupé' });
    const api = fakeApi({ 'GET /categories': CATEGORIES, 'POST /tickets': new Reply(201, created) });
    const { location } = renderPortal(<NewTicketPage />, { path: '/new' });
    const user = userEvent.setup();

    await user.type(screen.getByRole('textbox', { name: /Objet/ }), '  VPN coupé  ');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Depuis ce matin.');
    const select = screen.getByRole('combobox', { name: 'Catégorie' });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Réseau › VPN' })).toBeTruthy());
    await user.selectOptions(select, 'Réseau › VPN');
    await user.click(screen.getByRole('radio', { name: 'Cela bloque mon travail' }));
    await user.type(screen.getByRole('textbox', { name: 'Marque' }), 'Lenovo');
    await user.type(screen.getByRole('textbox', { name: 'Modèle' }), 'ThinkPad T14');
    await user.click(screen.getByRole('button', { name: 'Envoyer le ticket' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe('/tickets/1077?created=1'));
    const [post] = api.find('POST', '/tickets');
    expect(post!.body).toEqual({
      subject: 'VPN coupé',
      description: 'Depuis ce matin.',
      urgency: 1,
      category_id: VPN,
      equipment_brand: 'Lenovo',
      equipment_model: 'ThinkPad T14',
      channel: 'portal',
    });
    expect(post!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('leaves optional fields out, and keeps the same Idempotency-Key when retrying after a failure', async () => {
    let attempt = 0;
    const api = fakeApi({
      'GET /categories': CATEGORIES,
      'POST /tickets': () => {
        attempt += 1;
        if (attempt === 1) throw new TypeError('Failed to fetch');
        return new Reply(201, buildTicket({ number: 1078 }));
      },
    });
    const { location } = renderPortal(<NewTicketPage />, { path: '/new' });
    const user = userEvent.setup();

    await user.type(screen.getByRole('textbox', { name: /Objet/ }), 'Écran noir');
    await user.click(screen.getByRole('button', { name: 'Envoyer le ticket' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    );
    expect(location.history?.at(-1)).toBe('/new');

    await user.click(screen.getByRole('button', { name: 'Envoyer le ticket' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/tickets/1078?created=1'));
    const posts = api.find('POST', '/tickets');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.body).toEqual({ subject: 'Écran noir', description: '', urgency: 2, channel: 'portal' });
    expect(posts[1]!.headers.get('idempotency-key')).toBe(posts[0]!.headers.get('idempotency-key'));
  });

  it('speaks English: category names, urgency levels, the submit button', async () => {
    fakeApi({ 'GET /categories': CATEGORIES });
    renderPortal(<NewTicketPage />, { path: '/new', locale: 'en' });
    expect(await screen.findByRole('option', { name: 'Network › VPN' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'It blocks my work' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'It slows me down' })).toHaveProperty('checked', true);
    expect(screen.getByRole('button', { name: 'Send the ticket' })).toBeTruthy();
  });

  it('hides the category field when the server refuses the category list', async () => {
    const api = fakeApi({ 'GET /categories': new Reply(403, { error: { code: 'FORBIDDEN', message: 'no' } }) });
    renderPortal(<NewTicketPage />, { path: '/new' });
    await waitFor(() => expect(api.find('GET', '/categories')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Catégorie' })).toBeNull());
    expect(screen.getByRole('textbox', { name: /Objet/ })).toBeTruthy();
  });
});
