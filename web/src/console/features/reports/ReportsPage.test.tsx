import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { iso, mockApi, signedIn, type Call } from '../admin/test-api';
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

let calls: Call[];
beforeEach(() => {
  calls = mockApi({
    'GET /teams': () => ({ data: [TEAM] }),
    'GET /reports/sla-compliance': () => report,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const reportCalls = () => calls.filter((c) => c.path === '/reports/sla-compliance').map((c) => Object.fromEntries(c.query));

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
    const cells = (r: HTMLElement) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\u202f|\u00a0/g, ' '));
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
    await screen.findByRole('table');
    const before = reportCalls().length;
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2099-01-01');
    expect(screen.getByRole('alert').textContent).toBe('Choose a start date on or before the end date.');
    expect(reportCalls().length).toBe(before);
  });

  it('is for managers only', () => {
    renderWithProviders(<ReportsPage />, { client: signedIn('agent') });
    expect(screen.getByRole('alert').textContent).toBe('Les rapports sont réservés aux responsables du support et aux administrateurs.');
    expect(reportCalls()).toEqual([]);
  });
});
