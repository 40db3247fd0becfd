import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { TeamsSection } from './TeamsSection';
import { apiError, iso, mockApi, signedIn } from './test-api';

const reseau = { id: '10000000-0000-4000-8000-000000000001', name: 'Réseau', description: 'VPN, Wi-Fi', member_count: 3, created_at: iso, updated_at: iso };

afterEach(() => vi.unstubAllGlobals());

describe('TeamsSection', () => {
  it('shows the server’s refusal to delete a team that still has tickets', async () => {
    const calls = mockApi({
      'GET /teams': () => ({ data: [reseau] }),
      [`DELETE /teams/${reseau.id}`]: () =>
        apiError(409, 'TEAM_IN_USE', '12 ticket(s) belong to this team; move them to another team first.', { ticket_count: 12 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<TeamsSection canEdit />, { client: signedIn('admin') });
    expect(await screen.findByText('3 membres')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Supprimer l’équipe Réseau' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/Ses 3 membres la quitteront/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '12 tickets appartiennent à cette équipe : transférez-les à une autre équipe avant de la supprimer.',
    );
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('creates a team and invalidates the lookups other screens use', async () => {
    let teams = [reseau];
    const calls = mockApi({
      'GET /teams': () => ({ data: teams }),
      'POST /teams': (c) => {
        const team = { ...reseau, id: 'new', member_count: 0, ...(c.body as object) };
        teams = [...teams, team];
        return team;
      },
    });
    const client = signedIn('admin');
    client.setQueryData(['lookups', 'teams'], [reseau]);
    const user = userEvent.setup();
    renderWithProviders(<TeamsSection canEdit />, { client, locale: 'en' });
    const form = await screen.findByRole('form', { name: 'Create the team' });
    await user.click(within(form).getByRole('button', { name: 'Create the team' }));
    expect(within(form).getByText('Required')).toBeTruthy();
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Applications');
    await user.type(within(form).getByRole('textbox', { name: 'Description' }), 'ERP and CRM');
    await user.click(within(form).getByRole('button', { name: 'Create the team' }));
    expect(await screen.findByText('Team Applications created.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Applications', description: 'ERP and CRM' });
    expect(client.getQueryState(['lookups', 'teams'])?.isInvalidated).toBe(true);
    expect(await screen.findByRole('rowheader', { name: 'Applications' })).toBeTruthy();
  });
});
