import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ticket, TimelineEntry } from '../shared/api/types';
import { portalKeys } from './api';
import { TicketPage } from './TicketPage';
import { AGENT_ID, buildEntry, buildTicket, fakeApi, ME, renderPortal, Reply } from './test-support';

afterEach(() => {
  vi.unstubAllGlobals();
});

const OTHER = '00000000-0000-4000-8000-00000000000b';

/** A fake server for one ticket; `state` is what it holds now, so writes and later reads agree. */
function ticketApi(ticket: Ticket, entries: TimelineEntry[], extra: Record<string, unknown> = {}) {
  const state = { ticket, entries: [...entries] };
  const api = fakeApi({
    'GET /tickets/1042': () => state.ticket,
    [`GET /tickets/${ticket.id}`]: () => state.ticket,
    [`GET /tickets/${ticket.id}/timeline`]: () => ({ data: state.entries }),
    'GET /categories': { data: [] },
    ...extra,
  });
  return { ...api, state };
}

describe('TicketPage', () => {
  it('shows the ticket and its public timeline, "You" for the requester and the agent by name', async () => {
    const ticket = buildTicket({ status: 'pending', equipment: { brand: 'Lenovo', model: 'T14' } });
    ticketApi(ticket, [
      buildEntry({ kind: 'ticket.created', body: null, actor: { kind: 'requester', id: ME.id, name: ME.name }, data: { channel: 'portal' } }),
      buildEntry({ body: 'Pouvez-vous **redémarrer** le poste ?', created_at: '2026-03-02T08:30:00.000Z' }),
      buildEntry({ body: 'Redémarré, même souci.', actor: { kind: 'requester', id: ME.id, name: ME.name }, created_at: '2026-03-02T08:40:00.000Z' }),
      buildEntry({
        kind: 'ticket.status_changed',
        body: null,
        data: { from: 'open', to: 'pending' },
        created_at: '2026-03-02T08:45:00.000Z',
      }),
    ]);
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Le VPN se déconnecte toutes les dix minutes' })).toBeTruthy();
    expect(screen.getByText('#1042')).toBeTruthy();
    expect(screen.getByText('L’équipe support attend votre réponse.')).toBeTruthy();
    expect(screen.getByText('Lenovo T14')).toBeTruthy();
    // Dates in the user's time zone (Europe/Paris is UTC+1 in March).
    expect(screen.getAllByText('2 mars 2026, 09:00').length).toBeGreaterThan(0);

    const conversation = screen.getByRole('region', { name: 'Échanges' });
    await waitFor(() => expect(within(conversation).getAllByRole('listitem')).toHaveLength(4));
    const items = within(conversation).getAllByRole('listitem');
    // The description comes first, as the requester's own message, rendered as Markdown.
    expect(within(items[0]!).getByText('Vous')).toBeTruthy();
    expect(items[0]!.querySelector('strong')?.textContent).toBe('Vous');
    expect(items[0]!.innerHTML).toContain('<strong>VPN</strong>');
    expect(within(items[1]!).getByText('Léa Dubois')).toBeTruthy();
    expect(within(items[1]!).getByText('Équipe support')).toBeTruthy();
    expect(items[1]!.innerHTML).toContain('<strong>redémarrer</strong>');
    expect(within(items[2]!).getByText('Vous')).toBeTruthy();
    expect(items[3]!.textContent).toContain('Léa Dubois a passé le statut à « En attente du demandeur »');
  });

  it('lists the files of the first message and of replies as download links, with their sizes', async () => {
    const ticket = buildTicket({ channel: 'email' });
    const file = (id: string, filename: string | null, size: number) => ({
      id: `00000000-0000-4000-8000-0000000000${id}`, filename, content_type: 'application/pdf', size, inline: false, content_id: null,
    });
    ticketApi(ticket, [
      buildEntry({
        kind: 'ticket.created', body: null, actor: { kind: 'requester', id: ME.id, name: ME.name },
        data: { channel: 'email' }, attachments: [file('f1', 'facture.pdf', 250_000)],
      }),
      buildEntry({ body: 'Voici la procédure.', attachments: [file('f2', null, 2_621_440)] }),
    ]);
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });

    const conversation = await screen.findByRole('region', { name: 'Échanges' });
    const lists = await within(conversation).findAllByRole('list', { name: '1 pièce jointe' });
    expect(lists).toHaveLength(2);
    const first = lists[0]!;
    const link = within(first).getByRole('link', { name: 'facture.pdf' });
    expect(link.getAttribute('href')).toBe('/api/v1/tickets/1042/attachments/00000000-0000-4000-8000-0000000000f1');
    expect(first.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain('(244 ko)');
    // Under the description, the requester's own first message.
    expect(first.closest('li.entry')!.textContent).toContain('Depuis lundi');

    const reply = within(conversation).getByText('Voici la procédure.').closest('li.entry') as HTMLElement;
    const second = within(reply).getByRole('link', { name: 'Pièce jointe sans nom' });
    expect(second.getAttribute('href')).toBe('/api/v1/tickets/1042/attachments/00000000-0000-4000-8000-0000000000f2');
    expect(reply.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain('(2,5 Mo)');
  });

  it('sends a reply with an Idempotency-Key and shows it at once', async () => {
    const ticket = buildTicket();
    const sent = buildEntry({ body: 'Toujours en panne', actor: { kind: 'requester', id: ME.id, name: ME.name } });
    const api = ticketApi(ticket, [], {
      [`POST /tickets/${ticket.id}/replies`]: () => {
        api.state.entries.push(sent);
        return new Reply(201, { entry: sent, ticket });
      },
    });
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });
    const user = userEvent.setup();

    const box = await screen.findByRole('textbox', { name: 'Votre réponse' });
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    expect(screen.getByRole('alert').textContent).toBe('Rédigez d’abord votre réponse.');
    expect(api.find('POST', `/tickets/${ticket.id}/replies`)).toHaveLength(0);

    await user.type(box, 'Toujours en panne');
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));

    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe(''));
    const [post] = api.find('POST', `/tickets/${ticket.id}/replies`);
    expect(post!.body).toEqual({ body: 'Toujours en panne' });
    expect(post!.headers.get('idempotency-key')).toBeTruthy();
    expect(await screen.findByText('Toujours en panne')).toBeTruthy();
    expect(screen.getByText('Votre réponse a été envoyée.')).toBeTruthy();
  });

  it('keeps the reply text when sending fails', async () => {
    const ticket = buildTicket();
    ticketApi(ticket, [], {
      [`POST /tickets/${ticket.id}/replies`]: new Reply(409, { error: { code: 'TICKET_CLOSED', message: 'closed' } }),
    });
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });
    const user = userEvent.setup();

    const box = await screen.findByRole('textbox', { name: 'Votre réponse' });
    await user.type(box, 'Mon message important');
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Votre réponse n’a pas été envoyée. Votre texte est conservé : réessayez.');
    expect(alert.textContent).toContain('Ce ticket est fermé.');
    expect((box as HTMLTextAreaElement).value).toBe('Mon message important');
  });

  it('offers "Mark as resolved" on an open ticket and sends the resolved status', async () => {
    const ticket = buildTicket({ status: 'open' });
    const api = ticketApi(ticket, [], {
      [`POST /tickets/${ticket.id}/status`]: () => {
        api.state.ticket = buildTicket({ status: 'resolved', resolved_at: '2026-03-02T10:00:00.000Z' });
        return api.state.ticket;
      },
    });
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Marquer comme résolu' }));

    await waitFor(() => expect(api.find('POST', `/tickets/${ticket.id}/status`)).toHaveLength(1));
    expect(api.find('POST', `/tickets/${ticket.id}/status`)[0]!.body).toEqual({ status: 'resolved' });
    // The same button now offers to reopen.
    expect(await screen.findByRole('button', { name: 'Rouvrir' })).toBeTruthy();
    expect(screen.getByText('Le ticket est marqué comme résolu.')).toBeTruthy();
  });

  it('offers "Reopen" on a resolved ticket and sends the open status', async () => {
    const ticket = buildTicket({ status: 'resolved', resolved_at: '2026-03-02T10:00:00.000Z' });
    const api = ticketApi(ticket, [], { [`POST /tickets/${ticket.id}/status`]: buildTicket({ status: 'open' }) });
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });
    const user = userEvent.setup();

    expect(await screen.findByText(/Votre réponse rouvrira le ticket\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Marquer comme résolu' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Rouvrir' }));

    await waitFor(() => expect(api.find('POST', `/tickets/${ticket.id}/status`)).toHaveLength(1));
    expect(api.find('POST', `/tickets/${ticket.id}/status`)[0]!.body).toEqual({ status: 'open' });
  });

  it('makes a closed ticket read-only, with a note', async () => {
    ticketApi(buildTicket({ status: 'closed', closed_at: '2026-03-05T10:00:00.000Z' }), []);
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });

    expect(await screen.findByText(/Ce ticket est fermé et ne peut plus être modifié/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nouveau ticket' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Votre réponse' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rouvrir' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Marquer comme résolu' })).toBeNull();
  });

  it('lets a colleague reply to an organization ticket but not change its status', async () => {
    ticketApi(buildTicket({ requester_id: OTHER, requester: { id: OTHER, name: 'Hugo Petit', email: null } }), []);
    renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042' });

    expect(await screen.findByRole('textbox', { name: 'Votre réponse' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Marquer comme résolu' })).toBeNull();
    expect(screen.getAllByText('Hugo Petit').length).toBeGreaterThan(0);
  });

  it('announces a reply that arrives live, in English', async () => {
    const ticket = buildTicket();
    const first = buildEntry({ body: 'Hello' });
    ticketApi(ticket, [first]);
    const { client } = renderPortal(<TicketPage number={1042} />, { path: '/tickets/1042', locale: 'en' });
    await screen.findByText('Hello');
    expect(screen.getByRole('button', { name: 'Mark as resolved' })).toBeTruthy();

    const live = buildEntry({ body: 'Fixed on our side', actor: { kind: 'agent', id: AGENT_ID, name: 'Léa Dubois' } });
    act(() => client.setQueryData(portalKeys.timeline(ticket.id), [first, live]));

    expect(await screen.findByText('Fixed on our side')).toBeTruthy();
    expect(screen.getByText('New reply from Léa Dubois').getAttribute('role')).toBe('status');
  });

  it('says so when the ticket cannot be seen', async () => {
    fakeApi({ 'GET /tickets/999': new Reply(404, { error: { code: 'TICKET_NOT_FOUND', message: 'no' } }) });
    renderPortal(<TicketPage number={999} />, { path: '/tickets/999' });
    expect((await screen.findByRole('alert')).textContent).toBe('Ce ticket n’existe pas, ou vous n’avez pas le droit de le voir.');
    expect(screen.getByRole('heading', { level: 1, name: 'Ticket #999' })).toBeTruthy();
  });
});
