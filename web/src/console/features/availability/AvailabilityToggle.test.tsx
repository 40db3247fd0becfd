import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { iso, mockApi, signedIn, type Call } from '../admin/test-api';
import type { Availability } from './api';
import { AvailabilityToggle } from './AvailabilityToggle';

const ME = '00000000-0000-4000-8000-000000000001';
const CAMILLE = '00000000-0000-4000-8000-000000000002';
const mine: Availability = {
  agent_id: ME, status: 'offline', status_changed_at: null, working_hours: null, capacity: null, out_of_office: null,
  now: { on_shift: true, shift_ends_at: null, next_shift_start: null, out_of_office: false, available: false }, open_tickets: 2,
};
const agentJson = (id: string, name: string, active = true) => ({
  id, name, email: `${id}@x.test`, role: 'agent', tier: 'L1', language: 'fr', time_zone: 'Europe/Paris', active, team_ids: [], skills: [],
  availability: { status: 'online', available: true, on_shift: true, out_of_office: false, capacity: null, open_tickets: 0 },
  created_at: iso, updated_at: iso,
});

afterEach(() => vi.unstubAllGlobals());

/** The server: keeps the agent's availability and answers PATCHes the way the API does (for the fields used). */
function server(start: Availability = mine) {
  let current = start;
  const calls = mockApi({
    [`GET /agents/${ME}/availability`]: () => current,
    'GET /agents': () => ({ data: [agentJson(ME, 'Claire Martin'), agentJson(CAMILLE, 'Camille Roux'), agentJson('gone', 'Luc Parti', false)] }),
    [`PATCH /agents/${ME}/availability`]: (c: Call) => {
      const b = c.body as Record<string, unknown>;
      const status = (b.status as Availability['status'] | undefined) ?? current.status;
      current = { ...current, status, now: { ...current.now, available: status === 'online' } };
      return current;
    },
  });
  return calls;
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('AvailabilityToggle', () => {
  it('shows the status with its dot, and changes it from a radio group', async () => {
    const calls = server({ ...mine, status: 'online', now: { ...mine.now, shift_ends_at: '2026-03-02T17:00:00.000Z', available: true } });
    const user = userEvent.setup();
    renderWithProviders(<AvailabilityToggle />, { client: signedIn('agent', ME) });
    const button = await screen.findByRole('button', { name: 'Ma disponibilité : En ligne' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.querySelector('.status-dot-online')).toBeTruthy();

    await user.click(button);
    const panel = screen.getByRole('region', { name: 'Ma disponibilité' });
    expect((within(panel).getByRole('radio', { name: 'En ligne' }) as HTMLInputElement).checked).toBe(true);
    expect(within(panel).getByText('En poste jusqu’à 18:00')).toBeTruthy();

    await user.click(within(panel).getByRole('radio', { name: 'Absent' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'away' }]));
    expect(await screen.findByRole('button', { name: 'Ma disponibilité : Absent' })).toBeTruthy();
  });

  it('works from the keyboard: arrows choose, Escape closes and gives focus back', async () => {
    // user-event finds the radio group with CSS.escape, which jsdom lacks.
    vi.stubGlobal('CSS', { escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) });
    const calls = server();
    const user = userEvent.setup();
    renderWithProviders(<AvailabilityToggle />, { client: signedIn('agent', ME) });
    const button = await screen.findByRole('button', { name: 'Ma disponibilité : Hors ligne' });
    button.focus();
    await user.keyboard('{Enter}');
    const offline = screen.getByRole('radio', { name: 'Hors ligne' });
    offline.focus();
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'away' }]));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Ma disponibilité' })).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('says when the agent is out of office', async () => {
    server({ ...mine, status: 'online', out_of_office: { from: null, until: '2026-03-09T23:00:00.000Z', delegate_id: null },
      now: { ...mine.now, out_of_office: true } });
    renderWithProviders(<AvailabilityToggle />, { client: signedIn('agent', ME) });
    const button = await screen.findByRole('button', { name: 'Ma disponibilité : Absent du bureau' });
    fireEvent.click(button);
    expect(screen.getByText('Absent du bureau, retour le 10 mars 2026')).toBeTruthy();
  });
});

describe('My availability', () => {
  it('checks working hours inline, then sends only the hours and the absence, in the agent’s zone', async () => {
    const calls = server();
    const user = userEvent.setup();
    renderWithProviders(<AvailabilityToggle />, { client: signedIn('agent', ME) });
    await user.click(await screen.findByRole('button', { name: 'Ma disponibilité : Hors ligne' }));
    await user.click(screen.getByRole('button', { name: 'Horaires et absences…' }));
    const form = screen.getByRole('form', { name: 'Ma disponibilité' });
    expect(within(form).queryByRole('spinbutton', { name: /Capacité/ })).toBeNull(); // managers only

    await user.click(within(form).getByRole('checkbox', { name: 'Horaires de travail personnels' }));
    const mondayEnd = within(form).getByRole('textbox', { name: 'Lundi, plage 1 : fin' });
    await user.clear(mondayEnd);
    await user.type(mondayEnd, '08:00');
    await user.click(within(form).getByRole('checkbox', { name: 'Samedi non travaillé' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(within(form).getByText('La fin doit venir après le début.')).toBeTruthy();
    expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: 'Lundi, plage 1 : début' }));
    expect(patches(calls)).toEqual([]);

    await user.clear(mondayEnd);
    await user.type(mondayEnd, '12:00');
    await user.click(within(form).getByRole('checkbox', { name: 'Absent du bureau (congés, formation…)' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(within(form).getByText('Indiquez le premier jour d’absence, le jour de retour, ou les deux.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Premier jour d’absence'), { target: { value: '2026-03-09' } });
    fireEvent.change(within(form).getByLabelText('Jour de retour'), { target: { value: '2026-03-16' } });
    const delegate = within(form).getByRole('combobox', { name: 'Remplaçant' });
    expect(within(delegate).getAllByRole('option').map((o) => o.textContent)).toEqual(['Aucun remplaçant', 'Camille Roux']);
    await user.selectOptions(delegate, 'Camille Roux');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    const office = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
    expect(patches(calls)[0]).toEqual({
      working_hours: {
        1: [{ start: '09:00', end: '12:00' }, office[1]], 2: office, 3: office, 4: office, 5: office,
        6: [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }], 7: [],
      },
      out_of_office: { from: '2026-03-08T23:00:00.000Z', until: '2026-03-15T23:00:00.000Z', delegate_id: CAMILLE },
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Ma disponibilité' })).toBeNull());
  });
});
