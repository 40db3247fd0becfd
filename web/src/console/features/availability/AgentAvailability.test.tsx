import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { AgentsSection } from '../admin/AgentsSection';
import { apiError, iso, mockApi, signedIn, type Call } from '../admin/test-api';
import type { Availability } from './api';

const LEA = '00000000-0000-4000-8000-000000000011';
const LUC = '00000000-0000-4000-8000-000000000012';
const person = (id: string, name: string, availability: object) => ({
  id, name, email: `${id}@servicedesk.example`, role: 'agent', tier: 'L1', language: 'fr', time_zone: 'America/Montreal', active: true,
  team_ids: [], skills: [], availability, created_at: iso, updated_at: iso,
});
const lea = person(LEA, 'Léa Dubois', { status: 'online', available: true, on_shift: true, out_of_office: false, capacity: 8, open_tickets: 3 });
const luc = person(LUC, 'Luc Moreau', { status: 'online', available: false, on_shift: true, out_of_office: true, capacity: null, open_tickets: 0 });
const leaAvailability: Availability = {
  agent_id: LEA, status: 'online', status_changed_at: iso, working_hours: null, capacity: 8, out_of_office: null,
  now: { on_shift: true, shift_ends_at: null, next_shift_start: null, out_of_office: false, available: true }, open_tickets: 3,
};

afterEach(() => vi.unstubAllGlobals());

function api(patch: (c: Call) => unknown = (c) => ({ ...leaAvailability, ...(c.body as object) })) {
  return mockApi({
    'GET /agents': () => ({ data: [lea, luc] }),
    'GET /teams': () => ({ data: [] }),
    [`GET /agents/${LEA}/availability`]: () => leaAvailability,
    [`PATCH /agents/${LEA}/availability`]: patch,
  });
}

describe('Agents: availability', () => {
  it('shows each agent’s status dot and open tickets against capacity', async () => {
    api();
    renderWithProviders(<AgentsSection canEdit={false} />, { client: signedIn('manager') });
    const leaRow = (await screen.findByRole('rowheader', { name: 'Léa Dubois' })).closest('tr')!;
    expect(within(leaRow).getByText('En ligne')).toBeTruthy();
    expect(leaRow.querySelector('.status-dot-online')).toBeTruthy();
    expect(within(leaRow).getByText('3 / 8')).toBeTruthy();
    const lucRow = screen.getByRole('rowheader', { name: 'Luc Moreau' }).closest('tr')!;
    expect(within(lucRow).getByText('Absent du bureau')).toBeTruthy();
    expect(within(lucRow).getByText('0 (sans limite)')).toBeTruthy();
    // Managers change availability, not accounts.
    expect(within(leaRow).queryByRole('button', { name: 'Modifier Léa Dubois' })).toBeNull();
  });

  it('lets a manager set status, capacity, hours in the agent’s own zone, and an absence', async () => {
    const calls = api();
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit={false} />, { client: signedIn('manager') });
    await user.click(await screen.findByRole('button', { name: 'Disponibilité de Léa Dubois' }));
    const form = await screen.findByRole('form', { name: 'Disponibilité de Léa Dubois' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Statut' }), 'Absent');
    const capacity = within(form).getByRole('spinbutton', { name: 'Capacité' });
    await user.clear(capacity);
    await user.type(capacity, '5');
    await user.click(within(form).getByRole('checkbox', { name: 'Horaires de travail personnels' }));
    expect(within(form).getByText(/Fuseau America\/Montreal/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    const body = calls.find((c) => c.method === 'PATCH')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'away', capacity: 5 });
    expect(Object.keys(body).sort()).toEqual(['capacity', 'status', 'working_hours']);
    expect(await screen.findByText('Disponibilité enregistrée.')).toBeTruthy();
  });

  it('clears the capacity to "no limit" and shows the server’s refusal of a delegate at the field', async () => {
    const calls = api(() =>
      apiError(400, 'VALIDATION_FAILED', 'Luc Moreau is deactivated and cannot be the delegate.', [
        { path: 'out_of_office.delegate_id', message: 'the delegate must be an active agent' },
      ]));
    const user = userEvent.setup();
    renderWithProviders(<AgentsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Disponibilité de Léa Dubois' }));
    const form = await screen.findByRole('form', { name: 'Disponibilité de Léa Dubois' });
    await user.clear(within(form).getByRole('spinbutton', { name: 'Capacité' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Absent du bureau (congés, formation…)' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Remplaçant' }), 'Luc Moreau');
    const from = within(form).getByLabelText('Premier jour d’absence');
    await user.type(from, '2026-03-09');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));

    const delegate = within(form).getByRole('combobox', { name: 'Remplaçant' });
    await waitFor(() => expect(delegate.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Choisissez un collègue actif.')).toBeTruthy();
    // Midnight in Montréal for the agent, whatever the console's zone: UTC−4 since the change of 8 March.
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      capacity: null, out_of_office: { from: '2026-03-09T04:00:00.000Z', until: null, delegate_id: LUC },
    });
  });
});
