import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { AgentsSection } from './AgentsSection';
import { apiError, iso, mockApi, signedIn } from './test-api';

const RESEAU = '10000000-0000-4000-8000-000000000001';
const POSTE = '10000000-0000-4000-8000-000000000002';
const teams = [
  { id: RESEAU, name: 'Réseau', description: '', member_count: 1, created_at: iso, updated_at: iso },
  { id: POSTE, name: 'Poste de travail', description: '', member_count: 0, created_at: iso, updated_at: iso },
];
const skill = (n: number, kind: 'domain' | 'brand', name_en: string, name_fr: string, active = true) => ({
  id: `20000000-0000-4000-8000-00000000000${n}`, kind, name_en, name_fr, active, agent_count: 1, created_at: iso, updated_at: iso,
});
const catalogue = [
  skill(1, 'brand', 'Cisco', 'Cisco'),
  skill(2, 'domain', 'Printing', 'Impression'),
  skill(3, 'domain', 'Windows', 'Windows'),
  skill(4, 'brand', 'HP', 'HP', false),
  skill(5, 'domain', 'Networking', 'Réseau'),
];
const [CISCO, PRINTING, WINDOWS, HP] = catalogue.map((s) => s.id) as [string, string, string, string];
const held = (s: (typeof catalogue)[number], level: number) => ({ skill_id: s.id, kind: s.kind, name_en: s.name_en, name_fr: s.name_fr, level });
const claire = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Claire Martin',
  email: 'claire.martin@servicedesk.example',
  role: 'admin',
  tier: 'L3',
  language: 'fr',
  time_zone: 'Europe/Paris',
  active: true,
  team_ids: [RESEAU],
  skills: [held(catalogue[0]!, 3), held(catalogue[1]!, 2)],
  availability: { status: 'online', available: true, on_shift: true, out_of_office: false, capacity: 8, open_tickets: 3 },
  created_at: iso,
  updated_at: iso,
};

afterEach(() => vi.unstubAllGlobals());

function api(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /agents': (c) => ({ data: c.query.get('q') === 'zzz' ? [] : [claire] }),
    'GET /teams': () => ({ data: teams }),
    'GET /skills': () => ({ data: catalogue }),
    ...extra,
  });
}

describe('AgentsSection', () => {
  it('lists agents with role, tier, teams, skills and status, and searches on the server', async () => {
    const calls = api();
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit />, { client: signedIn('admin') });
    const row = (await screen.findByRole('rowheader', { name: 'Claire Martin' })).closest('tr')!;
    expect(within(row).getByText('Administrateur')).toBeTruthy();
    expect(within(row).getByText('N3')).toBeTruthy();
    expect(await within(row).findByText('Réseau')).toBeTruthy();
    // Skill names in the interface language.
    expect(within(row).getByText('Cisco (3), Impression (2)')).toBeTruthy();
    expect(within(row).getByText('Actif')).toBeTruthy();
    expect(calls[0]?.query.get('active')).toBe('all');

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un technicien' }), 'zzz');
    expect(await screen.findByText('Aucun technicien ne correspond.')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/agents').at(-1)?.query.get('q')).toBe('zzz');
  });

  it('validates the new-agent form inline, focuses the first error, then sends the right body', async () => {
    const calls = api({ 'POST /agents': (c) => ({ ...claire, ...(c.body as object), id: 'new' }) });
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Nouveau technicien' }));
    const form = screen.getByRole('form', { name: 'Nouveau technicien' });
    const name = within(form).getByRole('textbox', { name: 'Nom' });
    const email = within(form).getByRole('textbox', { name: 'Adresse e-mail' });
    const password = within(form).getByLabelText('Mot de passe initial');

    await user.type(email, 'pas-un-email');
    await user.type(password, 'court');
    await user.click(within(form).getByRole('button', { name: 'Créer' }));
    expect(within(form).getByText('Obligatoire')).toBeTruthy();
    expect(within(form).getByText('Saisissez une adresse e-mail valide.')).toBeTruthy();
    expect(within(form).getByText('Le mot de passe doit comporter au moins 10 caractères.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.activeElement).toBe(name);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.type(name, '  Léa Dubois ');
    await user.clear(email);
    await user.type(email, 'lea.dubois@servicedesk.example');
    await user.type(password, '-et-long-maintenant');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Rôle' }), 'manager');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Niveau' }), 'L2');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Langue' }), 'en');
    const tz = within(form).getByRole('combobox', { name: 'Fuseau horaire' });
    await user.clear(tz);
    await user.type(tz, 'America/Montreal');
    await user.click(within(form).getByRole('checkbox', { name: 'Poste de travail' }));
    await user.click(within(form).getByRole('button', { name: 'Ajouter une compétence' }));
    await user.selectOptions(await within(form).findByRole('combobox', { name: 'Compétence 1' }), 'Windows');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Niveau de la compétence 1' }), '2');
    await user.click(within(form).getByRole('button', { name: 'Créer' }));

    expect(await screen.findByText('Technicien Léa Dubois créé.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Léa Dubois',
      email: 'lea.dubois@servicedesk.example',
      password: 'court-et-long-maintenant',
      role: 'manager',
      tier: 'L2',
      language: 'en',
      time_zone: 'America/Montreal',
      team_ids: [POSTE],
      skills: [{ skill_id: WINDOWS, level: 2 }],
    });
    expect(screen.queryByRole('form', { name: 'Nouveau technicien' })).toBeNull();
  });

  it('shows the server’s refusal next to the field it blames', async () => {
    api({
      'POST /agents': () =>
        apiError(409, 'EMAIL_TAKEN', 'An agent with this email address already exists.', [{ path: 'email', message: 'already used' }]),
    });
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit />, { client: signedIn('admin'), locale: 'en' });
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    const form = screen.getByRole('form', { name: 'New agent' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Claire');
    const email = within(form).getByRole('textbox', { name: 'Email address' });
    await user.type(email, 'claire.martin@servicedesk.example');
    await user.type(within(form).getByLabelText('Initial password'), 'assez-long-oui');
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('An agent with this email address already exists.');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });

  it('edits teams, skills and role, sending only what changed, and shows LAST_ADMIN clearly', async () => {
    const calls = api({
      [`PATCH /agents/${claire.id}`]: (c) =>
        (c.body as { role?: string }).role
          ? apiError(409, 'LAST_ADMIN', 'This is the last active administrator; make another administrator first.')
          : { ...claire, ...(c.body as object) },
    });
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Modifier Claire Martin' }));
    const form = screen.getByRole('form', { name: 'Modifier Claire Martin' });

    await user.click(within(form).getByRole('checkbox', { name: 'Réseau' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Poste de travail' }));
    // The skills she holds, picked from the catalogue, with their levels.
    expect((within(form).getByRole('combobox', { name: 'Compétence 1' }) as HTMLSelectElement).value).toBe(CISCO);
    expect((within(form).getByRole('combobox', { name: 'Niveau de la compétence 2' }) as HTMLSelectElement).value).toBe('2');
    await user.click(within(form).getByRole('button', { name: 'Ajouter une compétence' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    // The new skill row is empty: inline error, focus on it, nothing sent.
    const third = within(form).getByRole('combobox', { name: 'Compétence 3' });
    expect(document.activeElement).toBe(third);
    expect(within(form).getByText('Choisissez une compétence ou retirez la ligne.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([]);
    // Active skills only, domains and brands apart, in French.
    const groups = within(third).getAllByRole('group');
    expect(groups.map((g) => [g.getAttribute('label'), within(g).getAllByRole('option').map((o) => o.textContent)])).toEqual([
      ['Domaines', ['Impression', 'Réseau', 'Windows']],
      ['Marques', ['Cisco']],
    ]);

    await user.selectOptions(third, 'Cisco');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(within(form).getByText('Cette compétence figure déjà dans la liste.')).toBeTruthy();
    await user.selectOptions(third, 'Windows');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Niveau de la compétence 3' }), '2');
    await user.click(within(form).getByRole('button', { name: 'Retirer la compétence 2' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Technicien Claire Martin mis à jour.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      team_ids: [POSTE],
      skills: [
        { skill_id: CISCO, level: 3 },
        { skill_id: WINDOWS, level: 2 },
      ],
    });

    await user.click(screen.getByRole('button', { name: 'Modifier Claire Martin' }));
    const again = screen.getByRole('form', { name: 'Modifier Claire Martin' });
    await user.selectOptions(within(again).getByRole('combobox', { name: 'Rôle' }), 'agent');
    await user.click(within(again).getByRole('button', { name: 'Enregistrer' }));
    const alert = await within(again).findByRole('alert');
    expect(alert.textContent).toBe('C’est le dernier administrateur actif : nommez d’abord un autre administrateur.');
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ role: 'agent' });
  });

  it('keeps a skill deactivated since on the agent, marked inactive, and shows the server’s refusal of an unknown one', async () => {
    const lea = { ...claire, id: '00000000-0000-4000-8000-000000000002', name: 'Léa Dubois', skills: [held(catalogue[3]!, 1)] };
    const calls = mockApi({
      'GET /agents': () => ({ data: [lea] }),
      'GET /teams': () => ({ data: teams }),
      'GET /skills': () => ({ data: catalogue }),
      [`PATCH /agents/${lea.id}`]: () =>
        apiError(404, 'SKILL_NOT_FOUND', 'No such skill in the catalogue.', [{ path: 'skills.1.skill_id', message: 'unknown skill' }]),
    });
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit />, { client: signedIn('admin'), locale: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Edit Léa Dubois' }));
    const form = screen.getByRole('form', { name: 'Edit Léa Dubois' });
    const first = within(form).getByRole('combobox', { name: 'Skill 1' }) as HTMLSelectElement;
    await waitFor(() => expect(first.value).toBe(HP));
    expect(first.selectedOptions[0]?.textContent).toBe('HP (inactive)');
    await user.click(within(form).getByRole('button', { name: 'Add a skill' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Skill 2' }), 'Printing');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('This no longer exists; reload the page.');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ skills: [{ skill_id: HP, level: 1 }, { skill_id: PRINTING, level: 1 }] });
  });
});
