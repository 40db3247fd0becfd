import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineEntry } from '../../../shared/api/types';
import { renderWithProviders } from '../../../test/render';
import { entry, mockApi, ticket } from './test-support';
import { Timeline } from './Timeline';

const system = { kind: 'system' as const, id: null, name: null };
const policy = { id: '00000000-0000-4000-8000-0000000005a1', name: 'Standard' };

const entries: TimelineEntry[] = [
  entry({
    kind: 'ticket.sla_changed', actor: system, visibility: 'internal',
    reason: 'SLA policy «Standard» applies (rule 1, no conditions: the default policy). Calendar: Paris. Targets for P2 in business time (calendar Paris): first response 4 h, due 2026-03-02T13:00:00.000Z.',
    data: {
      change: 'applied', policy, calendar: { id: null, name: 'Paris', version: 1 }, priority: 'P2',
      targets: { first_response: 240, next_response: 480, resolution: 1440 },
      due: { first_response: '2026-03-02T13:00:00.000Z', resolution: null },
    },
  }),
  entry({
    kind: 'ticket.sla_escalated', actor: system, visibility: 'internal', reason: 'SLA «Standard»: 75 % of the 4 h first response target used (due …).',
    data: { policy, metric: 'first_response', percent: 75, breached: false, due_at: '2026-03-02T13:00:00.000Z', actions: [] },
  }),
  entry({
    kind: 'ticket.sla_escalated', actor: system, visibility: 'internal', reason: 'SLA «Standard»: resolution target of 24 h business time breached.',
    data: { policy, metric: 'resolution', percent: 100, breached: true, actions: ['notify', 'raise_priority'] },
  }),
  entry({
    kind: 'ticket.notified', actor: system, visibility: 'internal', reason: 'SLA «Standard»: resolution target breached.',
    data: {
      source: { kind: 'sla', id: policy.id, name: 'Standard' }, emailed: 2,
      recipients: [{ id: 'a', name: 'Léa Dubois', as: 'assignee' }, { id: 'b', name: 'Marc Petit', as: 'team_lead' }],
    },
  }),
  entry({
    kind: 'ticket.action_skipped', actor: system, visibility: 'internal', reason: 'Automation «Relance»: could not set team: No such team.',
    data: {
      source: { kind: 'automation', id: 'x', name: 'Relance' }, action: { type: 'set_team', team_id: 'gone' },
      error: { code: 'TEAM_NOT_FOUND', message: 'No such team.' },
    },
  }),
];

const item = (text: string) => screen.getByText(text, { exact: false }).closest('li')!;

beforeEach(() => {
  mockApi();
});
afterEach(() => vi.unstubAllGlobals());

describe('Timeline: SLA and automation entries', () => {
  it('reads them as French sentences, due times in the user’s zone, the rule kept as the reason', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />);
    const applied = item('Relais (automatique) a appliqué la politique de SLA « Standard » (priorité P2 — Haute, calendrier Paris)');
    const lines = [...applied.querySelectorAll('.entry-details li')].map((li) => li.textContent);
    expect(lines[0]).toMatch(/^Première réponse : 4 h en heures ouvrées, échéance le 2 mars 2026 (à )?14:00$/);
    expect(lines.slice(1)).toEqual([
      'Réponse suivante : 8 h en heures ouvrées (démarre au prochain message du demandeur)',
      'Résolution : 24 h en heures ouvrées, en pause',
    ]);
    expect(applied.textContent).toContain('SLA policy «Standard» applies (rule 1, no conditions: the default policy). Calendar: Paris.');
    expect(applied.textContent).not.toContain('Targets for P2');

    const warning = item('SLA « Standard » : 75 % de l’objectif de première réponse consommé');
    expect(warning.textContent).not.toContain('of the 4 h first response target');
    const breach = item('SLA « Standard » : objectif de résolution dépassé');
    expect(breach.textContent).toContain('Actions effectuées : Notifier, Augmenter la priorité d’un cran');

    const notified = item('Relais (automatique) a notifié Léa Dubois, Marc Petit (SLA « Standard »)');
    expect(notified.textContent).toContain('2 e-mails envoyés');
    expect(item('Relais (automatique) n’a pas pu appliquer « Transférer à une équipe » (automatisation « Relance ») : No such team.')).toBeTruthy();
  });

  it('reads them in English', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />, { locale: 'en' });
    const applied = item('Relais (automatic) applied the SLA policy «Standard» (priority P2 — High, calendar Paris)');
    expect(applied.querySelector('.entry-details li')?.textContent).toMatch(/^First response: 4 h of business hours, due Mar 2, 2026,? 2:00\sPM$/);
    expect(item('SLA «Standard»: 75 % of the first response target used')).toBeTruthy();
    expect(item('SLA «Standard»: the resolution target is breached').textContent).toContain('Actions taken: Notify, Raise the priority one step');
    expect(item('Relais (automatic) notified Léa Dubois, Marc Petit (SLA «Standard»)').textContent).toContain('2 e-mails sent');
    expect(item('Relais (automatic) could not apply “Move to a team” (automation «Relance»): No such team.')).toBeTruthy();
  });
});
