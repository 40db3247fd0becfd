import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { mockApi, signedIn, type Call } from '../admin/test-api';
import type { AgentNotification } from './api';
import { NotificationBell } from './NotificationBell';

const TICKET = { id: '00000000-0000-4000-8000-000000001042', number: 1042 };
const breach: AgentNotification = {
  id: '00000000-0000-4000-8000-00000000b001', kind: 'sla', title: 'SLA dépassé : résolution',
  body: '#1042 VPN inaccessible\n\nSLA «Standard»: resolution target breached.', ticket: TICKET, data: {},
  created_at: new Date(Date.now() - 5 * 60_000).toISOString(), read_at: null,
};
const warning: AgentNotification = {
  ...breach, id: '00000000-0000-4000-8000-00000000b002', title: 'SLA à 75 % : première réponse', body: '#1042 VPN inaccessible',
};
const old: AgentNotification = {
  ...breach, id: '00000000-0000-4000-8000-00000000b003', title: 'Règle appliquée', ticket: null, read_at: '2026-03-01T08:00:00.000Z',
};

let items: AgentNotification[];
let calls: Call[];
const unreadCount = () => items.filter((n) => !n.read_at).length;

beforeEach(() => {
  window.history.pushState(null, '', '/queues/mine');
  items = [breach, warning, old];
  calls = mockApi({
    'GET /notifications': (c) => {
      const unread = c.query.get('unread') === 'true';
      const list = unread ? items.filter((n) => !n.read_at) : items;
      return { data: list.slice(0, Number(c.query.get('limit') ?? 50)), unread_count: unreadCount(), next_cursor: null };
    },
    'POST /notifications/read': (c) => {
      const body = c.body as { ids?: string[]; all?: true };
      const hit = items.filter((n) => !n.read_at && (body.all || body.ids?.includes(n.id)));
      items = items.map((n) => (hit.includes(n) ? { ...n, read_at: new Date().toISOString() } : n));
      return { updated: hit.length, unread_count: unreadCount() };
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('NotificationBell', () => {
  it('shows the unread count, lists the notifications and marks them all read', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />, { client: signedIn('agent') });
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 non lues' });
    expect(bell.getAttribute('aria-expanded')).toBe('false');
    expect(bell.textContent).toContain('2');
    const countCall = calls.find((c) => c.path === '/notifications')!;
    expect(Object.fromEntries(countCall.query)).toEqual({ unread: 'true', limit: '1' });

    await user.click(bell);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const list = await within(panel).findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('Non lue :');
    expect(rows[0]!.textContent).toContain('SLA dépassé : résolution');
    expect(rows[0]!.textContent).toContain('SLA «Standard»: resolution target breached.');
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe('/tickets/1042');
    expect(rows[0]!.textContent).toContain('Ticket #1042');
    expect(rows[0]!.textContent).toContain('il y a 5 minutes');
    expect(rows[2]!.textContent).not.toContain('Non lue');

    await user.click(within(panel).getByRole('button', { name: 'Tout marquer comme lu' }));
    await screen.findByRole('button', { name: 'Notifications, aucune non lue' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ all: true }]);
    await waitFor(() => expect(within(panel).getAllByRole('listitem')[0]!.textContent).not.toContain('Non lue'));
    expect(within(panel).getByRole('button', { name: 'Tout marquer comme lu' }).hasAttribute('disabled')).toBe(true);
  });

  it('marks one read when it is opened, and goes to its ticket', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />, { client: signedIn('agent'), locale: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await user.click(await screen.findByRole('link', { name: /SLA à 75 % : première réponse/ }));
    expect(window.location.pathname).toBe('/tickets/1042');
    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ ids: [warning.id] }]);
    expect(screen.getByRole('button', { name: 'Notifications, 1 unread' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Escape and gives focus back to the bell', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />, { client: signedIn('agent'), locale: 'en' });
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    await user.click(bell);
    const markAll = await screen.findByRole('button', { name: 'Mark all read' });
    markAll.focus();
    await user.keyboard('{Escape}');
    expect(bell.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    expect(document.activeElement).toBe(bell);
  });
});
