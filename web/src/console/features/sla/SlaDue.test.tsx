import { cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import type { TicketSla } from './api';
import { SlaDue } from './SlaDue';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const base: TicketSla = {
  policy: { id: '00000000-0000-4000-8000-0000000005a1', name: 'Standard' }, calendar: { id: null, name: 'Paris' }, priority: 'P3',
  paused: false, breached: false, due_at: '2026-03-02T12:00:00.000Z', targets: [],
};

/** The cell's text for a ticket's SLA, rendered alone. */
function cell(sla: TicketSla | null, locale: 'fr' | 'en' = 'fr'): string | null | undefined {
  cleanup();
  renderWithProviders(<SlaDue sla={sla} now={NOW} />, { locale });
  return document.querySelector('.sla-due, .muted')?.textContent;
}

describe('SlaDue (queue column)', () => {
  it('says when the next deadline falls, or by how much it is overdue, with the breach marked', () => {
    expect(cell(base)).toBe('dans 2h');
    expect(screen.getByText('dans 2h').getAttribute('dateTime')).toBe('2026-03-02T12:00:00.000Z');
    expect(cell({ ...base, due_at: '2026-03-02T09:30:00.000Z' })).toBe('⛔ dépassé de 30min');
    expect(document.querySelector('.sla-due')?.className).toContain('sla-flag-breached');
    expect(cell({ ...base, due_at: '2026-03-02T09:30:00.000Z' }, 'en')).toBe('⛔ overdue by 30m');
  });

  it('marks a paused clock, and one paused after its breach, in words', () => {
    expect(cell({ ...base, due_at: null, paused: true }, 'en')).toBe('⏸ Paused');
    expect(cell({ ...base, due_at: null, paused: true, breached: true }, 'en')).toBe('⛔ Paused · breached');
    expect(cell({ ...base, paused: true })).toBe('dans 2h · un objectif en pause');
    expect(cell(null)).toBe('—');
  });
});
