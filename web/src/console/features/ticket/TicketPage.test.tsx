import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Organization, Requester, TicketLink, TimelineEntry } from '../../../shared/api/types';
import { renderWithProviders } from '../../../test/render';
import { TicketPage } from './TicketPage';
import {
  CAMILLE_ID, clientWithMe, entry, ME_ID, mockApi, REQUESTER_ID, TICKET_ID, ticket, type Call,
} from './test-support';
import type { TicketView } from './api';

const ORG_ID = '00000000-0000-4000-8000-0000000000f1';
const OTHER_ID = '00000000-0000-4000-8000-000000001001';
const BASE = `/api/v1/tickets/${TICKET_ID}`;

const requester: Requester = {
  id: REQUESTER_ID, name: 'Jean Martin', email: 'jean.martin@client.example', organization: { id: ORG_ID, name: 'Client SA' },
  language: 'fr', time_zone: 'Europe/Paris', portal_access: true, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  identities: [
    { id: '00000000-0000-4000-8000-0000000000a1', kind: 'email', value: 'jean.martin@client.example', primary: true },
    { id: '00000000-0000-4000-8000-0000000000a2', kind: 'phone', value: '+33 1 23 45 67 89', primary: false },
  ],
};
const organization: Organization = {
  id: ORG_ID, name: 'Client SA', domain: 'client.example', requesters_see_org_tickets: false, requester_count: 12,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
};
const other: TicketView = ticket({ id: OTHER_ID, number: 1001, subject: 'Imprimante bloquée', channel: 'phone', status: 'resolved' });
const link: TicketLink = {
  id: '00000000-0000-4000-8000-0000000000b9', kind: 'related', role: 'related',
  ticket: { id: OTHER_ID, number: 1001, subject: 'Imprimante bloquée', status: 'resolved' }, created_by: ME_ID, created_at: '2026-03-02T09:00:00Z',
};

let current: TicketView;
let timeline: TimelineEntry[];
let calls: Call[];

beforeEach(() => {
  sessionStorage.clear();
  current = ticket({ organization_id: ORG_ID });
  timeline = [entry({ kind: 'ticket.created', actor: { kind: 'requester', id: REQUESTER_ID, name: 'Jean Martin' }, data: { channel: 'email', urgency: 2, impact: 2, priority: 'P3' } })];
  calls = mockApi([
    ['GET', '/api/v1/tickets/1042', () => ({ body: current })],
    ['GET', BASE, () => ({ body: current })],
    ['GET', `${BASE}/timeline`, () => ({ body: { data: timeline } })],
    ['GET', `${BASE}/links`, () => ({ body: { data: [link] } })],
    ['GET', '/api/v1/tickets/1001', () => ({ body: other })],
    ['GET', '/api/v1/tickets', () => ({ body: { data: [current, other], next_cursor: null } })],
    ['GET', `/api/v1/requesters/${REQUESTER_ID}`, () => ({ body: requester })],
    ['GET', `/api/v1/organizations/${ORG_ID}`, () => ({ body: organization })],
    ['PATCH', BASE, (c) => {
      current = { ...current, ...(c.body as Partial<TicketView>) };
      return { body: current };
    }],
    ['POST', `${BASE}/merge`, () => ({ body: { source: { ...current, status: 'closed', merged_into_id: OTHER_ID }, survivor: other } })],
    ['POST', `${BASE}/links`, () => ({ status: 201, body: link })],
    ['POST', `${BASE}/escalate`, () => {
      current = { ...current, tier: 'L2', assignee_id: null };
      return { body: current };
    }],
  ]);
});

function renderPage(locale: 'fr' | 'en' = 'fr') {
  return renderWithProviders(<TicketPage number={1042} />, { locale, client: clientWithMe() });
}
const patches = () => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('TicketPage', () => {
  it('shows the header, the requester with their other tickets, and the links', async () => {
    renderPage();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('#1042 VPN inaccessible');
    expect(screen.getByText('Urgence : Moyenne × Impact : Moyenne')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Équipe', { selector: 'dt' }).nextElementSibling?.textContent).toBe('Support N1'));
    expect(screen.getByText('Catégorie', { selector: 'dt' }).nextElementSibling?.textContent).toBe('Réseau');
    expect(screen.getByText('Équipement', { selector: 'dt' }).nextElementSibling?.textContent).toBe('Dell Latitude 5440');

    const panel = screen.getByRole('region', { name: 'Demandeur' });
    await waitFor(() => expect(within(panel).getByRole('link', { name: 'jean.martin@client.example' })).toBeTruthy());
    expect(within(panel).getByRole('link', { name: '+33 1 23 45 67 89' }).getAttribute('href')).toBe('tel:+33123456789');
    await waitFor(() => expect(within(panel).getByText('Client SA · client.example')).toBeTruthy());
    const others = await within(panel).findByRole('link', { name: '#1001 Imprimante bloquée' });
    expect(others.getAttribute('href')).toBe('/tickets/1001');
    expect(within(others.closest('li')!).getByRole('img', { name: 'Téléphone' })).toBeTruthy();
    expect(within(panel).queryByRole('link', { name: /#1042/ })).toBeNull();
    const listCall = calls.find((c) => c.path === '/api/v1/tickets');
    expect(new URLSearchParams(listCall?.search).get('requester')).toBe(REQUESTER_ID);

    const relations = screen.getByRole('region', { name: 'Tickets liés' });
    expect(await within(relations).findByRole('button', { name: 'Supprimer le lien avec le ticket #1001' })).toBeTruthy();
  });

  it('shows the followers next to the requester, fetched for this ticket', async () => {
    renderPage();
    const followers = await screen.findByRole('region', { name: 'Abonnés' });
    expect(await within(followers).findByText('Aucun abonné.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'GET' && c.path === `${BASE}/followers`)).toBe(true);
    // Next to the requester panel, in the side column.
    expect(screen.getByRole('region', { name: 'Demandeur' }).nextElementSibling).toBe(followers);
  });

  it('saves only the changed properties, with the reason', async () => {
    const user = userEvent.setup();
    renderPage('en');
    const status = await screen.findByRole('combobox', { name: 'Status' });
    await user.selectOptions(status, 'pending');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Urgency' }), '1');
    await user.type(screen.getByRole('textbox', { name: 'Reason (optional)' }), 'waiting for the supplier');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches()).toEqual([{ status: 'pending', urgency: 1, reason: 'waiting for the supplier' }]));
    expect(await screen.findByText('Saved')).toBeTruthy();
  });

  it('assigns to me', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'M’attribuer' }));
    await waitFor(() => expect(patches()).toEqual([{ assignee_id: ME_ID }]));
  });

  it('runs the keyboard shortcuts: n, Escape, r, a, and e with a required handoff note', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByText('Raccourcis clavier')).toBeTruthy();

    await user.keyboard('n');
    const text = screen.getByRole('textbox', { name: 'Note interne, visible des techniciens uniquement (Markdown)' });
    await waitFor(() => expect(document.activeElement).toBe(text));
    await user.keyboard('r'); // typed into the note, not a shortcut
    expect((text as HTMLTextAreaElement).value).toBe('r');
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Répondre ou ajouter une note' }));
    await user.keyboard('r');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Réponse publique au demandeur (Markdown)' })));
    await user.keyboard('{Escape}');

    await user.keyboard('a');
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Attribué à' }));
    (document.activeElement as HTMLElement).blur();

    await user.keyboard('e');
    const dialog = await screen.findByRole('dialog', { name: 'Escalader le ticket' });
    expect(dialog.textContent).toContain('Actuellement : N1 · Support N1.');
    expect((within(dialog).getByRole('radio', { name: 'Le niveau supérieur (N2)' }) as HTMLInputElement).checked).toBe(true);
    const submit = within(dialog).getByRole('button', { name: 'Escalader' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Note de passage (obligatoire)' }), 'Besoin d’un accès admin');
    await user.click(submit);
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
      [`${BASE}/escalate`, { note: 'Besoin d’un accès admin' }],
    ]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches()).toEqual([]);
  });

  it('announces entries that arrive live, not those loaded with the page', async () => {
    const { client } = renderPage();
    await screen.findByText('Demande initiale');
    const live = screen.getByTestId('timeline-announcer');
    expect(live.textContent).toBe('');
    timeline = [...timeline, entry({ kind: 'ticket.replied', actor: { kind: 'agent', id: CAMILLE_ID, name: 'Camille Roux' }, body: 'Réglé' })];
    await act(() => client.invalidateQueries({ queryKey: ['ticket', TICKET_ID] }));
    await waitFor(() => expect(live.textContent).toBe('Nouvelle réponse de Camille Roux'));
    expect(screen.getByText('Réglé')).toBeTruthy();
  });

  it('merges into another ticket after confirmation', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Fusionner dans un autre ticket…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fusionner ce ticket' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Numéro du ticket à conserver' }), '1001');
    await user.click(within(dialog).getByRole('button', { name: 'Continuer' }));
    expect(await within(dialog).findByText('Fusionner le ticket #1042 dans le ticket #1001 « Imprimante bloquée » ?')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Fusionner' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([[`${BASE}/merge`, { into: OTHER_ID }]]));
    await waitFor(() => expect(window.location.pathname).toBe('/tickets/1001'));
  });

  it('links as a child of another ticket', async () => {
    const user = userEvent.setup();
    renderPage('en');
    await user.click(await screen.findByRole('button', { name: 'Link a ticket…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Link a ticket' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'This ticket is…' }), 'child');
    await user.type(within(dialog).getByRole('textbox', { name: 'Other ticket number' }), '1001');
    await user.click(within(dialog).getByRole('button', { name: 'Link' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ kind: 'parent_child', ticket: '1001', role: 'child' }]),
    );
  });

  it('says when the ticket does not exist', async () => {
    renderWithProviders(<TicketPage number={9999} />, { client: clientWithMe() });
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Ticket #9999 introuvable');
  });
});
