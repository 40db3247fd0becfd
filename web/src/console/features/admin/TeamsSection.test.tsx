import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { TeamsSection } from './TeamsSection';
import { apiError, iso, mockApi, signedIn } from './test-api';

const reseau = {
  id: '10000000-0000-4000-8000-000000000001', name: 'Réseau', description: 'VPN, Wi-Fi', member_count: 3, assignment_mode: 'push', tier: null,
  created_at: iso, updated_at: iso,
};

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

  it('says when routing rules still send tickets to the team', async () => {
    mockApi({
      'GET /teams': () => ({ data: [reseau] }),
      [`DELETE /teams/${reseau.id}`]: () =>
        apiError(409, 'TEAM_IN_USE', '2 routing rule(s) send tickets to this team; change or delete them first.', { routing_rule_count: 2 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<TeamsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Supprimer l’équipe Réseau' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '2 règles de routage envoient des tickets à cette équipe : modifiez-les ou supprimez-les avant de la supprimer.',
    );
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

  it('sets the team’s calendar and its lead, chosen among active members', async () => {
    const team = { ...reseau, calendar_id: null, lead_id: null };
    const cal = (id: string, name: string, isDefault: boolean) => ({
      id, name, time_zone: 'Europe/Paris', weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }, holidays: [],
      french_holidays: 'metropolitan', is_default: isDefault, version: 1, created_at: iso, updated_at: iso,
    });
    const agent = (id: string, name: string, teamIds: string[], active = true) => ({
      id, name, email: `${id}@x.test`, role: 'agent', tier: 'L2', language: 'fr', time_zone: 'Europe/Paris', active,
      team_ids: teamIds, skills: [], created_at: iso, updated_at: iso,
    });
    const calls = mockApi({
      'GET /teams': () => ({ data: [team] }),
      'GET /calendars': () => ({ data: [cal('c1', 'Heures ouvrées Paris', true), cal('c2', 'Astreinte 24/7', false)] }),
      'GET /agents': () => ({
        data: [agent('a1', 'Antoine Girard', [reseau.id]), agent('a2', 'Karim Haddad', [reseau.id], false), agent('a3', 'Léa Dubois', [])],
      }),
      [`PATCH /teams/${reseau.id}`]: (c) => ({ ...team, ...(c.body as object), members: [] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<TeamsSection canEdit />, { client: signedIn('admin') });
    const row = (await screen.findByRole('rowheader', { name: 'Réseau' })).closest('tr')!;
    expect(await within(row).findByText('Calendrier par défaut')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Modifier l’équipe Réseau' }));
    const dialog = screen.getByRole('dialog');
    const calendar = within(dialog).getByRole('combobox', { name: 'Heures ouvrées' });
    expect(within(calendar).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Calendrier par défaut (Heures ouvrées Paris)', 'Heures ouvrées Paris', 'Astreinte 24/7',
    ]);
    const lead = within(dialog).getByRole('combobox', { name: 'Responsable d’équipe' });
    // Only active members of the team can lead it.
    expect(within(lead).getAllByRole('option').map((o) => o.textContent)).toEqual(['Aucun responsable', 'Antoine Girard']);
    await user.selectOptions(calendar, 'c2');
    await user.selectOptions(lead, 'a1');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Équipe Réseau mise à jour.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Réseau', description: 'VPN, Wi-Fi', calendar_id: 'c2', lead_id: 'a1' });
  });

  it('sets the support level and the assignment mode, shown in the table', async () => {
    let team: Record<string, unknown> = { ...reseau, calendar_id: null, lead_id: null };
    const calls = mockApi({
      'GET /teams': () => ({ data: [team] }),
      [`PATCH /teams/${reseau.id}`]: (c) => {
        team = { ...team, ...(c.body as object) };
        return { ...team, members: [] };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TeamsSection canEdit />, { client: signedIn('admin') });
    const row = (await screen.findByRole('rowheader', { name: 'Réseau' })).closest('tr')!;
    expect(within(row).getByText('Aucun')).toBeTruthy();
    expect(within(row).getByText('Automatique')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Modifier l’équipe Réseau' }));
    const dialog = screen.getByRole('dialog');
    const level = within(dialog).getByRole('combobox', { name: /Niveau de support/ });
    expect(within(level).getAllByRole('option').map((o) => o.textContent)).toEqual(['Aucun', 'Niveau 1 (N1)', 'Niveau 2 (N2)', 'Niveau 3 (N3)']);
    await user.selectOptions(level, 'L2');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Attribution' }), 'pull');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Équipe Réseau mise à jour.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Réseau', description: 'VPN, Wi-Fi', assignment_mode: 'pull', tier: 'L2' });
    const updated = (await screen.findByRole('rowheader', { name: 'Réseau' })).closest('tr')!;
    expect(await within(updated).findByText('Niveau 2 (N2)')).toBeTruthy();
    expect(within(updated).getByText('Ticket suivant')).toBeTruthy();
  });
});
