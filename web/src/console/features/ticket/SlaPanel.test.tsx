import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import type { SlaHistory, SlaTarget, TicketSla } from '../sla/api';
import { SlaPanel } from './SlaPanel';
import { clientWithMe, mockApi, TICKET_ID, ticket } from './test-support';

const POLICY = { id: '00000000-0000-4000-8000-0000000005a1', name: 'Standard' };
const started = '2026-03-02T09:00:00.000Z';

function target(over: Partial<SlaTarget> & Pick<SlaTarget, 'metric'>): SlaTarget {
  return {
    target_minutes: 240, status: 'running', started_at: started, due_at: '2026-03-02T13:00:00.000Z', breached: false,
    breached_at: null, met_at: null, cycle: 1, warning_percent: 75, ...over,
  };
}

function state(targets: SlaTarget[], over: Partial<TicketSla> = {}): TicketSla {
  return {
    policy: POLICY, calendar: { id: null, name: 'Bureau Paris 9 h – 18 h' }, priority: 'P3', paused: targets.some((x) => x.status === 'paused'),
    breached: targets.some((x) => x.breached), due_at: targets.find((x) => x.status === 'running')?.due_at ?? null, targets, ...over,
  };
}

function serve(sla: TicketSla, now: SlaHistory['now'], history: SlaHistory['history'] = []) {
  mockApi([['GET', `/api/v1/tickets/${TICKET_ID}/sla`, () => ({ body: { state: sla, now, history } })]]);
  return sla;
}

const row = (name: string) => screen.getByText(name, { selector: 'strong' }).closest('li')!;

afterEach(() => vi.unstubAllGlobals());

describe('SlaPanel', () => {
  it('shows a running target with its due time in the user’s zone and the business time left (fr)', async () => {
    const sla = serve(
      state([target({ metric: 'first_response' }), target({ metric: 'resolution', target_minutes: 1440, due_at: '2026-03-05T10:00:00.000Z' })]),
      [{ metric: 'first_response', used_minutes: 90, remaining_minutes: 150 }, { metric: 'resolution', used_minutes: 90, remaining_minutes: 1350 }],
    );
    renderWithProviders(<SlaPanel ticket={ticket({ sla })} />, { client: clientWithMe() });
    const panel = screen.getByRole('region', { name: 'SLA' });
    expect(within(panel).getByText('Standard')).toBeTruthy();
    expect(within(panel).getByText('Bureau Paris 9 h – 18 h')).toBeTruthy();
    const first = row('Première réponse');
    expect(within(first).getByText('En cours')).toBeTruthy();
    expect(within(first).getByText('Objectif : 4 h en heures ouvrées')).toBeTruthy();
    const due = first.querySelector('time')!;
    expect(due.getAttribute('dateTime')).toBe('2026-03-02T13:00:00.000Z');
    expect(due.textContent).toMatch(/2 mars 2026.*14:00/);
    expect(await within(first).findByText('Reste 2 h 30 min (heures ouvrées)')).toBeTruthy();
    expect(within(row('Résolution')).getByText('Reste 22 h 30 min (heures ouvrées)')).toBeTruthy();
    expect(within(first).queryByText('Dépassé')).toBeNull();
    expect(within(first).queryByText('Échéance proche')).toBeNull();
  });

  it('says a paused target has no due time, and warns in words when most of a target is used (en)', async () => {
    const sla = serve(
      state([target({ metric: 'first_response', status: 'paused', due_at: null }), target({ metric: 'resolution', target_minutes: 480 })]),
      [{ metric: 'first_response', used_minutes: 30, remaining_minutes: 210 }, { metric: 'resolution', used_minutes: 400, remaining_minutes: 80 }],
    );
    renderWithProviders(<SlaPanel ticket={ticket({ sla, status: 'pending' })} />, { client: clientWithMe(), locale: 'en' });
    const first = row('First response');
    expect(within(first).getByText('Paused')).toBeTruthy();
    expect(within(first).getByText('Paused: no due time until the clock runs again.')).toBeTruthy();
    expect(first.querySelector('time')).toBeNull();
    expect(await within(first).findByText('3 h 30 min left (business hours)')).toBeTruthy();
    const resolution = row('Resolution');
    const warning = within(resolution).getByText('Due soon');
    expect(warning.closest('.sla-flag')?.textContent).toBe('⚠ Due soon');
    expect(within(resolution).getByText('1 h 20 min left (business hours)')).toBeTruthy();
  });

  it('warns from the policy’s own first threshold, and not at all without one', async () => {
    const sla = serve(
      state([target({ metric: 'first_response', warning_percent: 90 }), target({ metric: 'resolution', target_minutes: 480, warning_percent: null })]),
      [{ metric: 'first_response', used_minutes: 200, remaining_minutes: 40 }, { metric: 'resolution', used_minutes: 470, remaining_minutes: 10 }],
    );
    renderWithProviders(<SlaPanel ticket={ticket({ sla })} />, { client: clientWithMe(), locale: 'en' });
    expect(await within(row('First response')).findByText('40 min left (business hours)')).toBeTruthy();
    expect(within(row('First response')).queryByText('Due soon')).toBeNull(); // 83 % used, warning at 90 %
    expect(within(row('Resolution')).queryByText('Due soon')).toBeNull(); // 98 % used, but the policy has no warning
  });

  it('marks a breach in words with an icon and says by how much it is overdue (fr and en)', async () => {
    const breached = target({ metric: 'first_response', breached: true, breached_at: '2026-03-02T13:00:00.000Z' });
    const sla = serve(state([breached]), [{ metric: 'first_response', used_minutes: 300, remaining_minutes: 0 }]);
    const { unmount } = renderWithProviders(<SlaPanel ticket={ticket({ sla })} />, { client: clientWithMe() });
    expect(screen.getByText('Un objectif du SLA de ce ticket est dépassé.')).toBeTruthy();
    const first = row('Première réponse');
    expect(within(first).getByText('Dépassé').closest('.sla-flag')?.textContent).toBe('⛔ Dépassé');
    expect(await within(first).findByText('Dépassé de 1 h (heures ouvrées)')).toBeTruthy();
    unmount();

    renderWithProviders(<SlaPanel ticket={ticket({ sla })} />, { client: clientWithMe(), locale: 'en' });
    expect(screen.getByText('A target of this ticket’s SLA is breached.')).toBeTruthy();
    expect(within(row('First response')).getByText('Breached')).toBeTruthy();
    expect(await screen.findByText('Overdue by 1 h (business hours)')).toBeTruthy();
  });

  it('lists the clock’s history as sentences behind a disclosure, with the server’s reasons', async () => {
    const sla = serve(
      state([target({ metric: 'first_response', status: 'met', due_at: null, met_at: '2026-03-02T10:00:00.000Z' })]),
      [{ metric: 'first_response', used_minutes: 60, remaining_minutes: 180 }],
      [
        { at: started, kind: 'applied', metric: null, reason: 'SLA policy «Standard» applies (rule 1).', data: { priority: 'P3' } },
        { at: started, kind: 'started', metric: 'first_response', reason: 'first response clock started', data: { target_minutes: 240, used_minutes: 0, remaining_minutes: 240 } },
        { at: '2026-03-02T09:30:00.000Z', kind: 'paused', metric: 'first_response', reason: 'ticket pending', data: { target_minutes: 240, used_minutes: 30, remaining_minutes: 210 } },
        { at: '2026-03-02T10:00:00.000Z', kind: 'met', metric: 'first_response', reason: 'an agent replied publicly', data: { used_minutes: 60, breached: false } },
      ],
    );
    const user = userEvent.setup();
    renderWithProviders(<SlaPanel ticket={ticket({ sla })} />, { client: clientWithMe() });
    const first = row('Première réponse');
    expect(within(first).getByText('Respecté')).toBeTruthy();
    expect(await within(first).findByText('Respecté en 1 h ouvrées')).toBeTruthy();
    const summary = screen.getByText('Historique (4 étapes)');
    await user.click(summary);
    const list = summary.closest('details')!.querySelector('ol')!;
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toContain('Politique appliquée pour la priorité P3');
    expect(items[1]).toContain('Première réponse : décompte démarré, objectif 4 h');
    expect(items[2]).toContain('Première réponse : décompte en pause, reste 3 h 30 min');
    expect(items[3]).toContain('Première réponse : respecté en 1 h');
    expect(within(list).getByText('ticket pending').getAttribute('lang')).toBe('en');
  });

  it('says when no policy applies, without asking for a clock', async () => {
    const calls = mockApi();
    renderWithProviders(<SlaPanel ticket={ticket({ sla: null })} />, { client: clientWithMe() });
    expect(screen.getByText('Aucune politique de SLA ne s’applique à ce ticket.')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/sla'))).toBe(false));
  });
});
