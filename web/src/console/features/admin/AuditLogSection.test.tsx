import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { AuditLogSection } from './AuditLogSection';
import { iso, mockApi, signedIn } from './test-api';

const CLAIRE = '00000000-0000-4000-8000-000000000001';
const entry = (seq: number, action: string, at: string, data: Record<string, unknown> = {}) => ({
  id: `40000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  at,
  actor_kind: 'agent',
  actor_id: CLAIRE,
  action,
  target_kind: 'api_token',
  target_id: '20000000-0000-4000-8000-000000000001',
  ip: '192.0.2.10',
  data,
});

afterEach(() => vi.unstubAllGlobals());

describe('AuditLogSection', () => {
  it('shows entries in the user’s time zone, filters on the server and loads more', async () => {
    const calls = mockApi({
      'GET /agents': () => ({ data: [{ id: CLAIRE, name: 'Claire Martin' }] }),
      'GET /audit-log': (c) =>
        c.query.get('cursor')
          ? { data: [entry(1, 'auth.login_succeeded', '2026-01-05T07:00:00.000Z')], next_cursor: null }
          : { data: [entry(2, 'token.issued', '2026-07-01T12:05:00.000Z', { name: 'Supervision' })], next_cursor: 'c1' },
    });
    const user = userEvent.setup();
    renderWithProviders(<AuditLogSection />, { client: signedIn('manager'), timeZone: 'America/New_York' });
    expect(await screen.findByText('Jeton d’API créé')).toBeTruthy();
    // 12:05 UTC in July is 08:05 in New York.
    expect(screen.getByText(/08:05/)).toBeTruthy();
    expect(await screen.findByRole('cell', { name: 'Claire Martin' })).toBeTruthy();
    expect(screen.getByText('Jeton d’API · Supervision')).toBeTruthy();
    expect(screen.getByText('192.0.2.10')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Afficher plus' }));
    expect(await screen.findByText('Connexion réussie')).toBeTruthy();
    expect(screen.getByText('2 entrées affichées')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
    expect(calls.filter((c) => c.path === '/audit-log').at(-1)?.query.get('cursor')).toBe('c1');

    const action = screen.getByRole('combobox', { name: 'Action' });
    await user.type(action, 'Token!');
    await user.click(screen.getByRole('button', { name: 'Appliquer les filtres' }));
    expect(screen.getByText(/Saisissez une action comme token.issued/)).toBeTruthy();
    expect(document.activeElement).toBe(action);
    await user.clear(action);
    await user.type(action, 'token.*');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Auteur' }), CLAIRE);
    await user.click(screen.getByRole('button', { name: 'Appliquer les filtres' }));
    await vi.waitFor(() => expect(calls.filter((c) => c.path === '/audit-log').at(-1)?.query.get('action')).toBe('token.*'));
    const last = calls.filter((c) => c.path === '/audit-log').at(-1)!;
    expect(last.query.get('actor')).toBe(CLAIRE);
    expect(last.query.get('cursor')).toBeNull();
  });

  it('names the e-mail channel’s actions and targets', async () => {
    mockApi({
      'GET /agents': () => ({ data: [{ id: CLAIRE, name: 'Claire Martin' }] }),
      'GET /audit-log': () => ({
        data: [
          { ...entry(4, 'email.inbound_retried', iso), target_kind: 'inbound_message', target_id: 'msg-1' },
          { ...entry(3, 'mailbox.deleted', iso, { name: 'Archive' }), target_kind: 'mailbox' },
          { ...entry(2, 'mailbox.updated', iso, { name: 'Support' }), target_kind: 'mailbox' },
          { ...entry(1, 'mailbox.created', iso, { name: 'Support' }), target_kind: 'mailbox' },
        ],
        next_cursor: null,
      }),
    });
    renderWithProviders(<AuditLogSection />, { client: signedIn('admin') });
    expect(await screen.findByText('Boîte IMAP ajoutée')).toBeTruthy();
    expect(screen.getByText('Boîte IMAP modifiée')).toBeTruthy();
    expect(screen.getByText('Boîte IMAP supprimée')).toBeTruthy();
    expect(screen.getByText('Message entrant retraité')).toBeTruthy();
    expect(screen.getByText('Boîte IMAP · Archive')).toBeTruthy();
    expect(screen.getByText('Message entrant · msg-1')).toBeTruthy();
  });
});
