import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { iso, mockApi, signedIn, type Call } from '../admin/test-api';
import type { EscalationReport } from '../routing/api';
import type { ComplianceReport } from './api';
import { defaultPeriod } from './api';
import { ReportsPage } from './ReportsPage';

const TEAM = { id: '10000000-0000-4000-8000-000000000001', name: 'Réseau', description: '', member_count: 3, calendar_id: null, lead_id: null, created_at: iso, updated_at: iso };

const report: ComplianceReport = {
  from: '2026-03-01', to: '2026-05-20', time_zone: 'Europe/Paris',
  rows: [
    { month: '2026-03', team: { id: TEAM.id, name: 'Réseau' }, priority: 'P1', metric: 'first_response', total: 10, met: 8, breached: 2, compliance: 0.8, median_business_minutes: 210 },
    { month: '2026-04', team: null, priority: 'P3', metric: 'resolution', total: 3, met: 2, breached: 1, compliance: 0.667, median_business_minutes: 45 },
  ],
  totals: { total: 13, met: 10, breached: 3, compliance: 0.769 },
};

const escalations: EscalationReport = {
  from: '2026-03-01', to: '2026-05-20', time_zone: 'Europe/Paris',
  tiers: [
    { tier: 'L1', periods: 40, tickets: 38, median_minutes: 95, p90_minutes: 600, avg_minutes: 182.4, arrived_up: 0, arrived_down: 3, arrived_transfer: 1 },
    { tier: 'L2', periods: 12, tickets: 11, median_minutes: 45, p90_minutes: 2880, avg_minutes: 700, arrived_up: 11, arrived_down: 0, arrived_transfer: 1 },
    { tier: 'L3', periods: 0, tickets: 0, median_minutes: null, p90_minutes: null, avg_minutes: null, arrived_up: 0, arrived_down: 0, arrived_transfer: 0 },
  ],
  totals: { tickets: 38, escalated_tickets: 11, escalations: 13, de_escalations: 3 },
};

let calls: Call[];
beforeEach(() => {
  calls = mockApi({
    'GET /teams': () => ({ data: [TEAM] }),
    'GET /reports/sla-compliance': () => report,
    'GET /reports/escalations': () => escalations,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const reportCalls = (path = '/reports/sla-compliance') => calls.filter((c) => c.path === path).map((c) => Object.fromEntries(c.query));
const cells = (r: HTMLElement) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\u202f|\u00a0/g, ' '));

describe('ReportsPage', () => {
  it('defaults to the last three whole months, in the user’s time zone', () => {
    expect(defaultPeriod(new Date('2026-05-20T10:00:00Z'), 'Europe/Paris')).toEqual({ from: '2026-03-01', to: '2026-05-20' });
    expect(defaultPeriod(new Date('2026-01-31T23:30:00Z'), 'Europe/Paris')).toEqual({ from: '2025-12-01', to: '2026-02-01' });
    expect(defaultPeriod(new Date('2026-01-31T23:30:00Z'), 'America/New_York')).toEqual({ from: '2025-11-01', to: '2026-01-31' });
  });

  it('shows compliance per month, team, priority and target with the totals, and filters by team', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-20T10:00:00Z'));
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { client: signedIn('manager') });
    const table = await screen.findByRole('table', { name: 'Respect des SLA du 2026-03-01 au 2026-05-20' });
    expect(reportCalls()[0]).toEqual({ from: '2026-03-01', to: '2026-05-20', time_zone: 'Europe/Paris' });
    const [, first, second, totals] = within(table).getAllByRole('row');
    expect(cells(first!)).toEqual(['mars 2026', 'Réseau', 'P1 — Critique', 'Première réponse', '10', '8', '2', '80 %', '3 h 30 min']);
    expect(cells(second!)).toEqual(['avril 2026', 'Sans équipe', 'P3 — Moyenne', 'Résolution', '3', '2', '1', '66,7 %', '45 min']);
    expect(cells(totals!)).toEqual(['Total de la période', '13', '10', '3', '76,9 %', '']);

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Équipe' }), 'Réseau');
    await waitFor(() => expect(reportCalls().at(-1)).toEqual({ from: '2026-03-01', to: '2026-05-20', time_zone: 'Europe/Paris', team_id: TEAM.id }));
  });

  it('does not ask for a period that ends before it starts', async () => {
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { client: signedIn('admin'), locale: 'en' });
    await screen.findByRole('table', { name: /^SLA compliance/ });
    const before = reportCalls().length;
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2099-01-01');
    expect(screen.getByRole('alert').textContent).toBe('Choose a start date on or before the end date.');
    expect(reportCalls().length).toBe(before);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('shows time in each level and escalations over the same period and team', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-20T10:00:00Z'));
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { client: signedIn('manager') });
    const table = await screen.findByRole('table', { name: 'Temps passé par niveau du 2026-03-01 au 2026-05-20' });
    expect(reportCalls('/reports/escalations')[0]).toEqual({ from: '2026-03-01', to: '2026-05-20', time_zone: 'Europe/Paris' });
    const [group, head, l1, l2, l3] = within(table).getAllByRole('row');
    expect(cells(group!)).toEqual(['', 'Arrivée dans le niveau']);
    expect(cells(head!)).toEqual([
      'Niveau', 'Passages', 'Tickets', 'Durée médiane', '90e centile', 'Durée moyenne', 'Escaladés', 'Redescendus', 'Transférés',
    ]);
    expect(cells(l1!)).toEqual(['N1', '40', '38', '1 h 35 min', '10 h', '3 h 2 min', '0', '3', '1']);
    expect(cells(l2!)).toEqual(['N2', '12', '11', '45 min', '48 h', '11 h 40 min', '11', '0', '1']);
    expect(cells(l3!)).toEqual(['N3', '0', '0', '—', '—', '—', '0', '0', '0']);
    const totals = screen.getByRole('heading', { name: 'Tickets créés sur la période' }).nextElementSibling as HTMLElement;
    const pairs = [...totals.querySelectorAll('div')].map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent?.replace(/\u202f|\u00a0/g, ' ')]);
    expect(pairs).toEqual([['Tickets', '38'], ['Tickets escaladés', '11 (28,9 %)'], ['Escalades', '13'], ['Redescentes', '3']]);

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Équipe' }), 'Réseau');
    await waitFor(() => expect(reportCalls('/reports/escalations').at(-1)).toEqual({
      from: '2026-03-01', to: '2026-05-20', time_zone: 'Europe/Paris', team_id: TEAM.id,
    }));
  });

  it('is for managers only', () => {
    renderWithProviders(<ReportsPage />, { client: signedIn('agent') });
    expect(screen.getByRole('alert').textContent).toBe('Les rapports sont réservés aux responsables du support et aux administrateurs.');
    expect(reportCalls()).toEqual([]);
    expect(reportCalls('/reports/escalations')).toEqual([]);
  });
});
