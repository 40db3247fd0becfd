import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTicket, IDS, json, ME, mockApi, renderQueues } from '../queues/test/fixtures';
import { takenKey } from './api';

afterEach(() => vi.unstubAllGlobals());

const me = { ...ME, team_ids: [IDS.teamNet, IDS.teamDesk] };

describe('"Next ticket" in the queues', () => {
  it('takes the most urgent ticket, opens it and keeps why', async () => {
    const next = buildTicket({ number: 1077, subject: 'Switch HS', priority: 'P1', team_id: IDS.teamNet, assignee_id: IDS.me });
    const api = mockApi({ 'POST /queue/next': () => ({ ticket: next, explanation: 'Taken with "Next ticket"…', waiting: 2 }) });
    const user = userEvent.setup();
    const { client, location } = renderQueues('/queues/mine', { me });
    await screen.findByRole('heading', { level: 1, name: 'Mes tickets' });

    await user.click(screen.getByRole('button', { name: 'Ticket suivant' }));
    await waitFor(() => expect(location()).toBe('/tickets/1077'));
    expect(api.to('POST /queue/next').map((c) => c.body)).toEqual([{}]);
    expect(client.getQueryData(takenKey(next.id))).toMatchObject({ waiting: 2, ticket: { number: 1077 } });
    expect(client.getQueryData(['ticket-ref', 1077])).toMatchObject({ id: next.id });
  });

  it('takes from one team when asked, with the n shortcut listed in the help', async () => {
    const next = buildTicket({ number: 1078, team_id: IDS.teamDesk });
    const api = mockApi({ 'POST /queue/next': () => ({ ticket: next, explanation: '…', waiting: 1 }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine', { me });
    await screen.findByRole('heading', { level: 1, name: 'Mes tickets' });

    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Raccourcis clavier' });
    expect(within(help).getByText('prendre le ticket suivant').previousElementSibling?.textContent).toBe('n');
    await user.keyboard('{Escape}');

    const team = await screen.findByRole('combobox', { name: 'Prendre dans' });
    expect([...team.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Toutes mes équipes', 'Réseau', 'Service desk N1']);
    await user.selectOptions(team, IDS.teamDesk);
    team.blur();
    await user.keyboard('n');
    await waitFor(() => expect(location()).toBe('/tickets/1078'));
    expect(api.to('POST /queue/next').map((c) => c.body)).toEqual([{ team_id: IDS.teamDesk }]);
  });

  it('says when nothing is waiting, and when the agent is at capacity', async () => {
    let answer: unknown = { ticket: null, explanation: 'No unassigned ticket you can take is waiting in your teams.', waiting: 0 };
    mockApi({ 'POST /queue/next': () => answer });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine', { locale: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'My tickets' });
    // An agent in one team has nothing to choose.
    expect(screen.queryByRole('combobox', { name: 'Take from' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next ticket' }));
    await waitFor(() => expect(screen.getByText('Nothing is waiting that you can take.').getAttribute('role')).toBe('status'));
    expect(location()).toBe('/queues/mine');

    answer = json({ error: { code: 'AT_CAPACITY', message: 'You have 5 open tickets, your capacity is 5: finish one first.' } }, 409);
    await user.click(screen.getByRole('button', { name: 'Next ticket' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You have 5 open tickets and your capacity is 5: finish one before taking another.');
    expect(location()).toBe('/queues/mine');
  });
});
