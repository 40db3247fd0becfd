import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { AdminPage } from './AdminPage';
import { apiError, iso, mockApi, signedIn } from './test-api';

const agent = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Claire Martin',
  email: 'claire.martin@servicedesk.example',
  role: 'admin',
  tier: 'L2',
  language: 'fr',
  time_zone: 'Europe/Paris',
  active: true,
  team_ids: ['10000000-0000-4000-8000-000000000001'],
  skills: [{ skill_id: '20000000-0000-4000-8000-000000000001', kind: 'domain', name_en: 'Networking', name_fr: 'Réseau', level: 3 }],
  availability: { status: 'online', available: true, on_shift: true, out_of_office: false, capacity: 8, open_tickets: 3 },
  created_at: iso,
  updated_at: iso,
};
const team = { id: '10000000-0000-4000-8000-000000000001', name: 'Réseau', description: '', member_count: 1, created_at: iso, updated_at: iso };

afterEach(() => vi.unstubAllGlobals());

function directory() {
  return mockApi({
    'GET /agents': () => ({ data: [agent] }),
    'GET /teams': () => ({ data: [team] }),
  });
}

const navLinks = () =>
  within(screen.getByRole('navigation', { name: /rubriques|sections/i }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('AdminPage navigation', () => {
  it('offers managers only the sections their role may use, in French', async () => {
    directory();
    renderWithProviders(<AdminPage />, { client: signedIn('manager') });
    expect(navLinks()).toEqual(['Techniciens', 'Équipes', 'Compétences', 'Heures ouvrées', 'Politiques de SLA', 'Règles de routage', 'Automatisations', 'Courrier entrant', 'Jetons d’API', 'Journal d’audit']);
    expect(screen.queryByRole('link', { name: 'Catégories' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Boîtes IMAP' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Matrice des priorités' })).toBeNull();
    // The default section is agents, marked as the current page.
    expect(screen.getByRole('link', { name: 'Techniciens' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Équipes' }).getAttribute('aria-current')).toBeNull();
    expect(await screen.findByRole('rowheader', { name: 'Claire Martin' })).toBeTruthy();
    // Managers read the directory but are not offered changes.
    expect(screen.getByText(/Lecture seule/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Nouveau technicien' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Modifier Claire Martin/ })).toBeNull();
  });

  it('offers administrators every section, in English', async () => {
    directory();
    renderWithProviders(<AdminPage section="teams" />, { client: signedIn('admin'), locale: 'en' });
    expect(navLinks()).toEqual([
      'Agents',
      'Teams',
      'Skills',
      'Categories',
      'Priority matrix',
      'Business hours',
      'SLA policies',
      'Routing rules',
      'Automations',
      'IMAP mailboxes',
      'Inbound mail',
      'API tokens',
      'Audit log',
    ]);
    expect(screen.getByRole('link', { name: 'Teams' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Priority matrix' }).getAttribute('href')).toBe('/admin/priority-matrix');
    expect(await screen.findByRole('rowheader', { name: 'Réseau' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete team Réseau' })).toBeTruthy();
  });

  it('refuses an admin-only section to a manager without calling the API', () => {
    const calls = mockApi({});
    renderWithProviders(<AdminPage section="priority-matrix" />, { client: signedIn('manager') });
    expect(screen.getByRole('alert').textContent).toBe('Cette rubrique est réservée aux administrateurs.');
    expect(calls.filter((c) => c.path.startsWith('/settings'))).toEqual([]);
  });

  it('shows managers the inbound mail log but not the IMAP mailboxes', async () => {
    const calls = mockApi({ 'GET /inbound-emails': () => ({ data: [], next_cursor: null }) });
    const { unmount } = renderWithProviders(<AdminPage section="inbound-mail" />, { client: signedIn('manager') });
    expect(screen.getByRole('link', { name: 'Courrier entrant' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('Aucun message.')).toBeTruthy();
    unmount();
    renderWithProviders(<AdminPage section="mailboxes" />, { client: signedIn('manager') });
    expect(screen.getByRole('alert').textContent).toBe('Cette rubrique est réservée aux administrateurs.');
    expect(calls.filter((c) => c.path.startsWith('/admin/mailboxes'))).toEqual([]);
  });

  it('tells a plain agent the area is not for them', () => {
    mockApi({});
    renderWithProviders(<AdminPage />, { client: signedIn('agent') });
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.getByRole('alert').textContent).toMatch(/réservée aux responsables du support et aux administrateurs/);
  });

  it('shows the server’s 403 cleanly', async () => {
    mockApi({
      'GET /agents': () => apiError(403, 'FORBIDDEN', 'You are not allowed to do this.'),
      'GET /teams': () => ({ data: [] }),
    });
    renderWithProviders(<AdminPage section="agents" />, { client: signedIn('manager') });
    expect((await screen.findByRole('alert')).textContent).toBe('Vous n’avez pas le droit d’effectuer cette action.');
  });

  it('says when a section does not exist', () => {
    mockApi({});
    renderWithProviders(<AdminPage section="nope" />, { client: signedIn('admin') });
    expect(screen.getByRole('alert').textContent).toBe('Introuvable.');
  });
});
