import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { apiError, iso, mockApi, signedIn, type Call } from '../test-api';
import type { SlaPolicy } from './api';
import { durationOf, minutesOf } from './policy-form';
import { SlaPoliciesSection } from './SlaPoliciesSection';

const TEAM = { id: '10000000-0000-4000-8000-000000000001', name: 'Réseau', description: '', member_count: 3, calendar_id: null, lead_id: null, created_at: iso, updated_at: iso };
const ORG = { id: '10000000-0000-4000-8000-0000000000f1', name: 'Client SA' };
const CAL = { id: '10000000-0000-4000-8000-0000000000c1', name: 'Bureau Paris' };

const standard: SlaPolicy = {
  id: '10000000-0000-4000-8000-000000000a01', name: 'Standard', description: 'La règle par défaut', position: 1, active: true,
  conditions: {}, calendar_id: null,
  targets: { P1: { first_response: 90, resolution: 480 }, P2: { first_response: 240, resolution: 960 } },
  pause_statuses: ['pending', 'on_hold'],
  escalations: [{ metric: 'resolution', percent: 100, actions: [{ type: 'set_team', team_id: TEAM.id }] }],
  created_at: iso, updated_at: iso,
};
const vip: SlaPolicy = {
  ...standard, id: '10000000-0000-4000-8000-000000000a02', name: 'Clients VIP', description: '', position: 2,
  conditions: { organization_ids: [ORG.id], types: ['incident'] }, calendar_id: CAL.id, escalations: [],
};

let policies: SlaPolicy[];
let calls: Call[];

beforeEach(() => {
  policies = [standard, vip];
  calls = mockApi({
    'GET /sla-policies': () => ({ data: policies }),
    'GET /calendars': () => ({ data: [CAL] }),
    'GET /organizations': () => ({ data: [ORG], next_cursor: null }),
    'GET /categories': () => ({ data: [] }),
    'GET /teams': () => ({ data: [TEAM] }),
    'GET /agents': () => ({ data: [] }),
    'PUT /sla-policies/order': (c) => {
      const ids = (c.body as { ids: string[] }).ids;
      policies = ids.map((id, i) => ({ ...policies.find((p) => p.id === id)!, position: i + 1 }));
      return { data: policies };
    },
    [`PATCH /sla-policies/${standard.id}`]: (c) => ({ ...standard, ...(c.body as object) }),
  });
});
afterEach(() => vi.unstubAllGlobals());

const patches = () => calls.filter((c) => c.method === 'PATCH').map((c) => c.body as Record<string, unknown>);

describe('SLA policy form model', () => {
  it('turns hours and minutes into business minutes and back; both empty is “not measured”', () => {
    expect(minutesOf({ hours: '1', minutes: '30' })).toBe(90);
    expect(minutesOf({ hours: '8', minutes: '' })).toBe(480);
    expect(minutesOf({ hours: '', minutes: '45' })).toBe(45);
    expect(minutesOf({ hours: ' ', minutes: '' })).toBeNull();
    for (const bad of [{ hours: '1', minutes: '60' }, { hours: '1.5', minutes: '' }, { hours: '0', minutes: '0' }, { hours: '-1', minutes: '' }]) {
      expect(minutesOf(bad)).toBe('invalid');
    }
    expect(durationOf(90)).toEqual({ hours: '1', minutes: '30' });
    expect(durationOf(480)).toEqual({ hours: '8', minutes: '' });
    expect(durationOf(null)).toEqual({ hours: '', minutes: '' });
  });
});

describe('SlaPoliciesSection', () => {
  it('lists policies in rule order and moves one down with PUT /sla-policies/order', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SlaPoliciesSection canEdit />, { client: signedIn('admin') });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['StandardLa règle par défaut', 'Clients VIP']);
    expect(rows[0]!.textContent).toContain('Tous les tickets');
    expect(rows[0]!.textContent).toContain('Calendrier de l’équipe');
    await waitFor(() => expect(rows[1]!.textContent).toContain('Organisations : Client SA · Types : Incident'));
    expect(rows[1]!.textContent).toContain('Bureau Paris');
    expect(within(rows[0]!).getByRole('button', { name: 'Monter Standard' }).hasAttribute('disabled')).toBe(true);

    await user.click(within(rows[0]!).getByRole('button', { name: 'Descendre Standard' }));
    expect(await screen.findByText('La politique Standard est maintenant en position 2.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ ids: [vip.id, standard.id] });
    await waitFor(() =>
      expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Clients VIP', 'StandardLa règle par défaut']),
    );

    await user.click(screen.getByRole('checkbox', { name: 'Politique Standard active' }));
    await screen.findByText('Politique Standard désactivée.');
    expect(patches()).toEqual([{ active: false }]);
  });

  it('edits targets in hours and minutes and sends business minutes; a bad duration is caught before sending', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SlaPoliciesSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Modifier la politique Standard' }));
    const form = screen.getByRole('form', { name: 'Modifier la politique Standard' });
    const box = (label: string) => within(form).getByRole('textbox', { name: label }) as HTMLInputElement;
    expect(box('P1 — Critique Première réponse : heures').value).toBe('1');
    expect(box('P1 — Critique Première réponse : minutes').value).toBe('30');
    expect(box('P1 — Critique Résolution : heures').value).toBe('8');
    expect(box('P1 — Critique Résolution : minutes').value).toBe('');
    expect(box('P3 — Moyenne Résolution : heures').value).toBe('');

    await user.type(box('P3 — Moyenne Résolution : heures'), '24');
    await user.type(box('P4 — Basse Première réponse : minutes'), '45');
    await user.type(box('P4 — Basse Résolution : minutes'), '75');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    const bad = box('P4 — Basse Résolution : minutes');
    expect(bad.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(bad.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Des heures entières et des minutes de 0 à 59 (au moins 1 minute).',
    );
    expect(patches()).toEqual([]);

    await user.clear(bad);
    await user.type(box('P4 — Basse Résolution : heures'), '40');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Politique Standard enregistrée.');
    const body = patches()[0]!;
    expect(body.targets).toEqual({
      P1: { first_response: 90, next_response: null, resolution: 480 },
      P2: { first_response: 240, next_response: null, resolution: 960 },
      P3: { first_response: null, next_response: null, resolution: 1440 },
      P4: { first_response: 45, next_response: null, resolution: 2400 },
    });
    expect(body).toMatchObject({
      name: 'Standard', calendar_id: null, pause_statuses: ['pending', 'on_hold'], conditions: {},
      escalations: [{ metric: 'resolution', percent: 100, actions: [{ type: 'set_team', team_id: TEAM.id }] }],
    });
  });

  it('shows the server’s validation details next to the target and the escalation action they concern', async () => {
    calls = mockApi({
      'GET /sla-policies': () => ({ data: policies }),
      'GET /calendars': () => ({ data: [CAL] }),
      'GET /organizations': () => ({ data: [ORG], next_cursor: null }),
      'GET /categories': () => ({ data: [] }),
      'GET /teams': () => ({ data: [TEAM] }),
      'GET /agents': () => ({ data: [] }),
      [`PATCH /sla-policies/${standard.id}`]: () =>
        apiError(400, 'INVALID_SLA_POLICY', 'The SLA policy is not valid.', [
          { path: 'targets.P1.resolution', message: 'whole business minutes from 1 to 100000, or null' },
          { path: 'escalations.0.actions.0.team_id', message: 'unknown team' },
        ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<SlaPoliciesSection canEdit />, { client: signedIn('admin'), locale: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Edit the policy Standard' }));
    const form = screen.getByRole('form', { name: 'Edit the policy Standard' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The policy could not be saved: see the fields marked below.');
    const cell = within(form).getByRole('textbox', { name: 'P1 — Critical Resolution: hours' }).closest('td')!;
    expect(within(cell).getByText('whole business minutes from 1 to 100000, or null').getAttribute('lang')).toBe('en');
    const escalation = within(form).getByRole('group', { name: 'Escalation 1' });
    expect(within(escalation).getByText('unknown team')).toBeTruthy();
    expect(within(escalation).getByRole('combobox', { name: 'Value of action 1' }).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('textbox', { name: 'P2 — High Resolution: hours' }).getAttribute('aria-invalid')).toBe('false');
  });

  it('shows managers the policies read-only', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SlaPoliciesSection canEdit={false} />, { client: signedIn('manager') });
    await user.click(await screen.findByRole('button', { name: 'Voir la politique Standard' }));
    const form = screen.getByRole('form', { name: 'Modifier la politique Standard' });
    expect((within(form).getByRole('textbox', { name: 'P1 — Critique Première réponse : heures' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(form).queryByRole('button', { name: 'Enregistrer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Descendre Standard' })).toBeNull();
  });
});
