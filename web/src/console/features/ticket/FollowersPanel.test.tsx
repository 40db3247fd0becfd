import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import type { Follower } from './api';
import { FollowersPanel } from './FollowersPanel';
import { clientWithMe, mockApi, TICKET_ID, ticket, type Call } from './test-support';

const BASE = `/api/v1/tickets/${TICKET_ID}`;
let followers: Follower[];
let calls: Call[];

beforeEach(() => {
  followers = [
    { email: 'chef@client.example', name: 'Paul Chef', source: 'email_cc', added_at: '2026-03-02T09:00:00.000Z' },
    { email: 'o+n@client.example', name: null, source: 'agent', added_at: '2026-03-02T09:05:00.000Z' },
  ];
  calls = mockApi([
    ['GET', `${BASE}/followers`, () => ({ body: { data: followers } })],
    ['POST', `${BASE}/followers`, (c) => {
      const email = (c.body as { email: string }).email;
      if (followers.some((f) => f.email === email)) {
        return { status: 409, body: { error: { code: 'FOLLOWER_EXISTS', message: `${email} already follows ticket #1042.` } } };
      }
      const added: Follower = { email, name: null, source: 'agent', added_at: '2026-03-02T10:00:00.000Z' };
      followers = [...followers, added];
      return { status: 201, body: added };
    }],
    ['DELETE', /\/followers\/[^/]+$/, (c) => {
      const email = decodeURIComponent(c.path.split('/').pop()!);
      followers = followers.filter((f) => f.email !== email);
      return { status: 204 };
    }],
  ]);
});

const panel = () => screen.getByRole('region', { name: /Abonnés|Followers/ });

describe('FollowersPanel', () => {
  it('lists the followers with where they come from', async () => {
    renderWithProviders(<FollowersPanel ticket={ticket()} readOnly={false} />, { client: clientWithMe() });
    const items = await within(panel()).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Paul Chef chef@client.example');
    expect(items[0]!.textContent).toContain('en copie d’un e-mail');
    expect(items[1]!.textContent).toContain('ajouté par un technicien');
    expect(calls.some((c) => c.method === 'GET' && c.path === `${BASE}/followers`)).toBe(true);
  });

  it('adds a follower with POST { email }, then refetches the list and the ticket', async () => {
    const { client } = renderWithProviders(<FollowersPanel ticket={ticket()} readOnly={false} />, { client: clientWithMe() });
    const user = userEvent.setup();
    await within(panel()).findAllByRole('listitem');
    const before = calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/followers`).length;

    await user.type(screen.getByRole('textbox', { name: 'Adresse e-mail d’un nouvel abonné' }), ' dsi@client.example ');
    await user.click(screen.getByRole('button', { name: 'Ajouter' }));

    await waitFor(() => expect(within(panel()).getAllByRole('listitem')).toHaveLength(3));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`${BASE}/followers`);
    expect(post?.body).toEqual({ email: 'dsi@client.example' });
    expect(post?.headers.get('content-type')).toBe('application/json');
    expect(calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/followers`).length).toBeGreaterThan(before);
    expect((screen.getByRole('textbox', { name: 'Adresse e-mail d’un nouvel abonné' }) as HTMLInputElement).value).toBe('');
    expect(screen.getByText('dsi@client.example suit désormais ce ticket.')).toBeTruthy();
    // The key follows the realtime convention, so a ticket.changed message refetches it too.
    expect(client.getQueryData(['ticket', TICKET_ID, 'followers'])).toHaveLength(3);
  });

  it('removes a follower with DELETE on its (encoded) address', async () => {
    renderWithProviders(<FollowersPanel ticket={ticket()} readOnly={false} />, { client: clientWithMe() });
    const user = userEvent.setup();
    await within(panel()).findAllByRole('listitem');
    await user.click(screen.getByRole('button', { name: 'Retirer l’abonné o+n@client.example' }));

    await waitFor(() => expect(within(panel()).getAllByRole('listitem')).toHaveLength(1));
    const del = calls.find((c) => c.method === 'DELETE');
    expect(del?.path).toBe(`${BASE}/followers/o%2Bn%40client.example`);
    expect(screen.getByText('o+n@client.example ne suit plus ce ticket.')).toBeTruthy();
  });

  it('refuses an address that is not one, and says when it already follows (en)', async () => {
    renderWithProviders(<FollowersPanel ticket={ticket()} readOnly={false} />, { client: clientWithMe(), locale: 'en' });
    const user = userEvent.setup();
    await within(panel()).findAllByRole('listitem');
    const input = screen.getByRole('textbox', { name: 'Email address of a new follower' });

    await user.type(input, 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid email address.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(input);
    await user.type(input, 'chef@client.example');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This address already follows the ticket.');
    expect((input as HTMLInputElement).value).toBe('chef@client.example');
  });

  it('is read-only on a closed ticket, and says when there is nobody', async () => {
    followers = [];
    renderWithProviders(<FollowersPanel ticket={ticket({ status: 'closed' })} readOnly />, { client: clientWithMe() });
    expect(await screen.findByText('Aucun abonné.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
