import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MyTicketsPage } from './MyTicketsPage';
import { buildTicket, fakeApi, renderPortal } from './test-support';

const NOW = new Date('2026-03-02T12:00:00.000Z');

const TICKETS = [
  buildTicket({ number: 1042, subject: 'Le VPN se déconnecte', status: 'pending', channel: 'email', updated_at: '2026-03-02T09:00:00.000Z' }),
  buildTicket({
    id: '00000000-0000-4000-8000-000000001043',
    number: 1043,
    subject: 'Nouvel écran',
    status: 'new',
    channel: 'portal',
    updated_at: '2026-02-27T12:00:00.000Z',
    requester_id: '00000000-0000-4000-8000-00000000000b',
    requester: { id: '00000000-0000-4000-8000-00000000000b', name: 'Hugo Petit', email: null },
  }),
];

beforeEach(() => {
  // Only the clock: react-query and user-event keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('MyTicketsPage', () => {
  it('lists the tickets in progress, in French', async () => {
    const api = fakeApi({ 'GET /tickets': { data: TICKETS, next_cursor: null } });
    renderPortal(<MyTicketsPage />);

    expect(screen.getByRole('heading', { level: 1, name: 'Mes tickets' })).toBeTruthy();
    const link = await screen.findByRole('link', { name: '#1042 Le VPN se déconnecte' });
    expect(link.getAttribute('href')).toBe('/tickets/1042');
    const card = link.closest('li')!;
    expect(within(card).getByText('En attente du demandeur')).toBeTruthy();
    expect(within(card).getByText('Mis à jour il y a 3 heures')).toBeTruthy();
    expect(within(card).getByText('Reçu par E-mail')).toBeTruthy();
    expect(within(card).queryByText(/Ouvert par/)).toBeNull();

    const other = screen.getByRole('link', { name: '#1043 Nouvel écran' }).closest('li')!;
    expect(within(other).getByText('Nouveau')).toBeTruthy();
    expect(within(other).getByText('Mis à jour il y a 3 jours')).toBeTruthy();
    expect(within(other).getByText('Ouvert par Hugo Petit')).toBeTruthy();
    expect(screen.getByText('2 tickets affichés')).toBeTruthy();

    const [list] = api.find('GET', '/tickets');
    expect(list!.query.get('status')).toBe('new,open,pending,on_hold');
    expect(list!.query.get('sort')).toBe('-updated_at');
    expect(screen.getByRole('radio', { name: 'En cours' })).toHaveProperty('checked', true);
  });

  it('lists the tickets in English', async () => {
    fakeApi({ 'GET /tickets': { data: TICKETS, next_cursor: null } });
    renderPortal(<MyTicketsPage />, { locale: 'en' });

    expect(screen.getByRole('heading', { level: 1, name: 'My tickets' })).toBeTruthy();
    const card = (await screen.findByRole('link', { name: '#1042 Le VPN se déconnecte' })).closest('li')!;
    expect(within(card).getByText('Pending')).toBeTruthy();
    expect(within(card).getByText('Updated 3 hours ago')).toBeTruthy();
    expect(within(card).getByText('Received by Email')).toBeTruthy();
    expect(screen.getByText('Opened by Hugo Petit')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'In progress' })).toHaveProperty('checked', true);
    expect(screen.getByRole('link', { name: 'New ticket' })).toBeTruthy();
  });

  it('filters resolved and closed tickets and searches, keeping both in the address', async () => {
    const api = fakeApi({ 'GET /tickets': { data: TICKETS, next_cursor: null } });
    const { location } = renderPortal(<MyTicketsPage />);
    const user = userEvent.setup();
    await screen.findByRole('link', { name: '#1042 Le VPN se déconnecte' });

    await user.click(screen.getByRole('radio', { name: 'Résolus et fermés' }));
    await waitFor(() => expect(api.find('GET', '/tickets').at(-1)!.query.get('status')).toBe('resolved,closed'));
    expect(location.history?.at(-1)).toBe('/?show=done');

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher dans mes tickets' }), 'vpn');
    await user.click(screen.getByRole('button', { name: 'Rechercher' }));
    await waitFor(() => expect(api.find('GET', '/tickets').at(-1)!.query.get('q')).toBe('vpn'));
    const last = api.find('GET', '/tickets').at(-1)!;
    expect(last.query.get('status')).toBe('resolved,closed');
    // A search is ranked by relevance on the server.
    expect(last.query.has('sort')).toBe(false);
    expect(location.history?.at(-1)).toBe('/?show=done&q=vpn');

    await user.click(screen.getByRole('radio', { name: 'Tous' }));
    await waitFor(() => expect(api.find('GET', '/tickets').at(-1)!.query.has('status')).toBe(false));
    expect(api.find('GET', '/tickets').at(-1)!.query.get('q')).toBe('vpn');
  });

  it('shows an empty state with a call to action', async () => {
    fakeApi({ 'GET /tickets': { data: [], next_cursor: null } });
    renderPortal(<MyTicketsPage />);
    expect(await screen.findByText('Vous n’avez aucun ticket en cours.')).toBeTruthy();
    const ctas = screen.getAllByRole('link', { name: 'Nouveau ticket' });
    expect(ctas.length).toBe(2);
    for (const a of ctas) expect(a.getAttribute('href')).toBe('/new');
  });

  it('says when a search finds nothing', async () => {
    fakeApi({ 'GET /tickets': { data: [], next_cursor: null } });
    renderPortal(<MyTicketsPage />, { path: '/?q=imprimante' });
    expect(await screen.findByText('Aucun ticket ne correspond à « imprimante ».')).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Rechercher dans mes tickets' })).toHaveProperty('value', 'imprimante');
    expect(screen.getByRole('button', { name: 'Effacer la recherche' })).toBeTruthy();
  });

  it('loads the next page on demand', async () => {
    const api = fakeApi({
      'GET /tickets': (call: { query: URLSearchParams }) =>
        call.query.get('cursor')
          ? { data: [TICKETS[1]], next_cursor: null }
          : { data: [TICKETS[0]], next_cursor: 'page-2' },
    });
    renderPortal(<MyTicketsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Afficher plus' }));
    expect(await screen.findByRole('link', { name: '#1043 Nouvel écran' })).toBeTruthy();
    expect(api.find('GET', '/tickets').at(-1)!.query.get('cursor')).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
  });
});
