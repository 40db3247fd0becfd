import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { apiError, iso, mockApi, signedIn, type Call } from '../test-api';
import type { RoutingRule } from './api';
import { RoutingRulesSection } from './RoutingRulesSection';

const team = (id: string, name: string, tier: 'L1' | 'L2' | null) => ({
  id, name, description: '', member_count: 3, calendar_id: null, lead_id: null, assignment_mode: 'push', tier, created_at: iso, updated_at: iso,
});
const NETWORK = team('10000000-0000-4000-8000-000000000001', 'Réseau', null);
const L1 = team('10000000-0000-4000-8000-000000000002', 'Centre de services', 'L1');
const skill = (id: string, name_en: string, name_fr: string, active = true) =>
  ({ id, kind: 'domain', name_en, name_fr, active, agent_count: 2, created_at: iso, updated_at: iso });
const NETWORKING = skill('10000000-0000-4000-8000-0000000000b1', 'Networking', 'Réseau');
const CISCO = skill('10000000-0000-4000-8000-0000000000b2', 'Cisco', 'Cisco');

const noConditions = { channels: [], category_ids: [], organization_ids: [], keywords: [], brands: [], priorities: [] };
const network: RoutingRule = {
  id: '10000000-0000-4000-8000-000000000a01', name: 'Réseau et VPN', description: 'Commutateurs, VPN', position: 1, active: true,
  conditions: { ...noConditions, keywords: ['switch', 'VPN'], channels: ['phone'] },
  outcome: { team_id: NETWORK.id, tier: 'L2', required_skills: [{ skill_id: NETWORKING.id, level: 2 }], priority_adjust: null, tags: ['reseau'] },
  created_at: iso, updated_at: iso,
};
const fallback: RoutingRule = {
  ...network, id: '10000000-0000-4000-8000-000000000a02', name: 'Tout le reste', description: '', position: 2, conditions: noConditions,
  outcome: { team_id: L1.id, tier: 'L1', required_skills: [], priority_adjust: null, tags: [] },
};

let rules: RoutingRule[];
let calls: Call[];
/** The answer to POST /routing-rules (a test may refuse the first attempt). */
let onCreate: (c: Call) => unknown;

beforeEach(() => {
  rules = [network, fallback];
  onCreate = (c) => ({ ...network, id: 'new', ...(c.body as object) });
  calls = mockApi({
    'POST /routing-rules': (c) => onCreate(c),
    'GET /routing-rules': () => ({ data: rules }),
    'GET /teams': () => ({ data: [NETWORK, L1] }),
    'GET /skills': () => ({ data: [NETWORKING, CISCO] }),
    'GET /organizations': () => ({ data: [], next_cursor: null }),
    'GET /categories': () => ({ data: [] }),
    'GET /agents': () => ({ data: [] }),
    'PUT /routing-rules/order': (c) => {
      const ids = (c.body as { ids: string[] }).ids;
      rules = ids.map((id, i) => ({ ...rules.find((r) => r.id === id)!, position: i + 1 }));
      return { data: rules };
    },
    'POST /routing-rules/test': () => ({
      rule: { id: network.id, name: network.name, position: 1 }, matched: ['keyword «switch»'],
      reason: 'routing rule «Réseau et VPN» (keyword «switch»)', outcome: network.outcome,
      rules: [{ id: network.id, name: network.name, position: 1, active: true, matches: true },
        { id: fallback.id, name: fallback.name, position: 2, active: true, matches: true }],
    }),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('RoutingRulesSection', () => {
  it('lists rules in order with what they take and where they send it, and moves one down', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RoutingRulesSection canEdit />, { client: signedIn('admin') });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Réseau et VPNCommutateurs, VPN', 'Tout le reste']);
    expect(rows[0]!.textContent).toContain('Mots : switch, VPN · Canaux : Téléphone');
    await waitFor(() => expect(rows[0]!.textContent).toContain('Équipe Réseau · Niveau 2 (N2) · Compétences : Réseau 2 · Étiquettes : reseau'));
    expect(rows[1]!.textContent).toContain('Tous les tickets');

    await user.click(within(rows[0]!).getByRole('button', { name: 'Descendre Réseau et VPN' }));
    expect(await screen.findByText('La règle Réseau et VPN est maintenant la n° 2.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ ids: [fallback.id, network.id] });
  });

  it('creates a rule: keywords as chips, team, level, a required skill and tags; the server’s problems shown at their field', async () => {
    const accept = onCreate;
    onCreate = () => {
      onCreate = accept;
      return apiError(404, 'SKILL_NOT_FOUND', 'No such skill in the catalogue.', [{ path: 'outcome.required_skills.0.skill_id', message: 'unknown skill' }]);
    };
    const user = userEvent.setup();
    renderWithProviders(<RoutingRulesSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Nouvelle règle de routage' }));
    const form = screen.getByRole('form', { name: 'Nouvelle règle de routage' });
    await user.click(within(form).getByRole('button', { name: 'Créer la règle' }));
    expect(within(form).getByText('Obligatoire')).toBeTruthy();

    await user.type(within(form).getByRole('textbox', { name: 'Nom' }), 'Wi-Fi');
    const words = within(form).getByRole('textbox', { name: 'Mots dans l’objet ou la description' });
    await user.type(words, 'wifi{Enter}');
    await user.type(words, 'wi-fi, borne, WIFI');
    await user.click(within(form).getAllByRole('button', { name: 'Ajouter' })[0]!);
    expect(within(within(form).getByRole('list', { name: 'Mots dans l’objet ou la description' })).getAllByRole('listitem').map((li) => li.textContent))
      .toEqual(['wifi×', 'wi-fi×', 'borne×']);
    await user.click(within(form).getByRole('button', { name: 'Retirer borne' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Équipe' }), NETWORK.id);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Niveau de support' }), 'L2');
    await user.click(within(form).getByRole('button', { name: 'Ajouter une compétence' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Compétence 1' }), CISCO.id);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Niveau minimum de la compétence 1' }), '3');
    await user.type(within(form).getByRole('textbox', { name: 'Étiquettes à ajouter' }), 'wifi{Enter}');

    await user.click(within(form).getByRole('button', { name: 'Créer la règle' }));
    expect(await within(form).findByText('unknown skill')).toBeTruthy();
    expect(within(form).getByRole('combobox', { name: 'Compétence 1' }).getAttribute('aria-invalid')).toBe('true');

    await user.click(within(form).getByRole('button', { name: 'Créer la règle' }));
    expect(await screen.findByText('Règle Wi-Fi créée.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/routing-rules').at(-1)?.body).toEqual({
      name: 'Wi-Fi', description: '', active: true,
      conditions: { ...noConditions, keywords: ['wifi', 'wi-fi'] },
      outcome: { team_id: NETWORK.id, tier: 'L2', required_skills: [{ skill_id: CISCO.id, level: 3 }], priority_adjust: null, tags: ['wifi'] },
    });
  });

  it('shows managers the rules read-only, and lets them try a ticket', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RoutingRulesSection canEdit={false} />, { client: signedIn('manager') });
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: 'Nouvelle règle de routage' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Supprimer la règle Réseau et VPN' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Voir la règle Réseau et VPN' }));
    const form = screen.getByRole('form', { name: 'Modifier la règle Réseau et VPN' });
    expect((within(form).getByRole('textbox', { name: 'Nom' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(form).queryByRole('button', { name: 'Retirer switch' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Fermer' }));

    const panel = screen.getByRole('form', { name: 'Essayer un ticket' });
    await user.click(within(panel).getByRole('button', { name: 'Essayer' }));
    expect(within(panel).getByText('Obligatoire')).toBeTruthy();
    await user.type(within(panel).getByRole('textbox', { name: 'Objet' }), 'Le switch du 2e étage clignote');
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Canal' }), 'phone');
    await user.type(within(panel).getByRole('textbox', { name: 'Marque de l’équipement' }), 'Cisco');
    await user.click(within(panel).getByRole('button', { name: 'Essayer' }));
    expect(await screen.findByText('La règle 1, Réseau et VPN, prend ce ticket.')).toBeTruthy();
    expect(screen.getByText('routing rule «Réseau et VPN» (keyword «switch»)').getAttribute('lang')).toBe('en');
    expect(calls.find((c) => c.path === '/routing-rules/test')?.body).toEqual({
      subject: 'Le switch du 2e étage clignote', description: '', channel: 'phone', priority: 'P3', category_id: null,
      organization_id: null, equipment_brand: 'Cisco',
    });
  });
});

