import { describe, expect, it } from 'vitest';
import { macroProblems } from '../../domain/macros.js';
import { renderTemplate, templateVars } from '../../domain/templates.js';
import { DEMO_MACROS } from './macros.js';

describe('demo macros', () => {
  it.each(DEMO_MACROS.map((m) => [m.name, m] as const))('%s is valid, in French and English', (_name, m) => {
    expect(macroProblems(m.body, m.actions)).toEqual([]);
    expect(m.body.fr?.trim() && m.body.en?.trim()).toBeTruthy();
    const vars = templateVars({
      language: 'fr', requester: { name: 'Jean Martin', email: null }, agent: { name: 'Léa Dubois' }, team: { name: 'Support N1' },
      ticket: { number: 1042, subject: 'VPN', status: 'open', priority: 'P3', url: 'https://relais.example/portal/tickets/1042' },
    });
    for (const text of [m.body.fr!, m.body.en!]) expect(renderTemplate(text, vars)).not.toContain('{{');
  });
});
