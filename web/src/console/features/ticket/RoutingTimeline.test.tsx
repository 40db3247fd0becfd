/** The routing entries of the timeline, with the payloads src/usecases/routing/* write (see test/api/routing.test.ts). */
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import type { Skill } from '../admin/skills/api';
import { Timeline } from './Timeline';
import { CAMILLE_ID, entry, ME_ID, mockApi, TEAM_ID, ticket } from './test-support';

const CISCO = '00000000-0000-4000-8000-0000000005a1';
const NETWORK = '00000000-0000-4000-8000-0000000005a2';
const L2_TEAM = '00000000-0000-4000-8000-0000000000c2';
const stamp = '2026-03-02T09:00:00.000Z';
const skills: Skill[] = [
  { id: CISCO, kind: 'brand', name_en: 'Cisco', name_fr: 'Cisco', active: true, agent_count: 3, created_at: stamp, updated_at: stamp },
  { id: NETWORK, kind: 'domain', name_en: 'Networking', name_fr: 'Réseau', active: true, agent_count: 3, created_at: stamp, updated_at: stamp },
];

const system = { kind: 'system' as const, id: null, name: null };
const lea = { kind: 'agent' as const, id: ME_ID, name: 'Léa Dubois' };
const cisco3 = { skill_id: CISCO, level: 3, name: 'Cisco' };
const skipped = [
  { id: 'a1', name: 'Luc Bernard', reason: 'offline', detail: null },
  { id: 'a2', name: 'Inès Roy', reason: 'at_capacity', detail: null },
  { id: 'a3', name: 'Hugo Petit', reason: 'missing_skill', detail: 'Cisco 3, has 1' },
];
const source = { kind: 'routing', id: 'created', name: 'Automatic assignment' };

const entries = [
  entry({
    kind: 'ticket.routed', actor: system, visibility: 'internal',
    reason: 'Routed by routing rule «Switchs» (brand Cisco, keyword «switch»): team Support N1; level L2; needs Cisco 3, Networking 2.',
    data: {
      rule: { id: 'r1', name: 'Switchs' }, matched: ['brand Cisco', 'keyword «switch»'], team_id: TEAM_ID, tier: 'L2',
      required_skills: [cisco3, { skill_id: NETWORK, level: 2, name: 'Networking' }], priority_adjust: 'raise', tags: ['cisco', 'reseau'],
    },
  }),
  entry({
    kind: 'ticket.queued', actor: system, visibility: 'internal',
    reason: 'No agent available with Cisco 3; waiting in the team queue: Luc Bernard (offline), Inès Roy (at capacity).',
    data: { team_id: TEAM_ID, routing: { trigger: 'created', required_skills: [cisco3], chosen: null, skipped } },
  }),
  entry({
    kind: 'ticket.assigned', actor: system, visibility: 'internal',
    reason: 'Assigned to Camille Roux: Cisco level 3, 2 open tickets, on shift until 18:00; skipped Luc Bernard (offline), Inès Roy (at capacity).',
    data: {
      from: null, to: CAMILLE_ID, source,
      routing: {
        trigger: 'created', required_skills: [cisco3], skipped: skipped.slice(0, 2),
        chosen: { id: CAMILLE_ID, name: 'Camille Roux', open_tickets: 2, capacity: null, shift_ends_at: '2026-03-02T17:00:00.000Z' },
      },
    },
  }),
  entry({
    kind: 'ticket.queued', actor: system, visibility: 'internal', reason: 'Impression takes its tickets with "Next ticket": waiting for an agent to take it.',
    data: { team_id: TEAM_ID, routing: { trigger: 'created', mode: 'pull' } },
  }),
  entry({
    kind: 'ticket.assigned', actor: lea, visibility: 'internal',
    reason: 'Taken with "Next ticket" by Léa Dubois: P3, the most urgent of 3 waiting in Support N1 they can take; 1 open tickets.',
    data: { from: null, to: ME_ID, source: { kind: 'routing', id: 'pull', name: 'Next ticket' }, routing: { trigger: 'pull', waiting: 3, required_skills: [cisco3] } },
  }),
  entry({
    kind: 'ticket.escalated', actor: lea, visibility: 'internal', body: 'Redémarrage fait, **erreur 0x80** persiste.',
    reason: 'Escalated from L1 to L2 (Support N2).',
    data: { direction: 'up', from_tier: 'L1', to_tier: 'L2', from_team_id: TEAM_ID, to_team_id: L2_TEAM, from_assignee_id: ME_ID, required_skills: [cisco3] },
  }),
  entry({ kind: 'ticket.tier_changed', actor: lea, visibility: 'internal', reason: 'Escalated to L2 (Support N2); see the handoff note.', data: { from: 'L1', to: 'L2' } }),
  entry({
    kind: 'ticket.assigned', actor: system, visibility: 'internal',
    reason: 'Assigned to Camille Roux: 0 open tickets, on shift after waiting 12 min.',
    data: {
      from: null, to: CAMILLE_ID, source,
      routing: { trigger: 'waiting', required_skills: [], skipped: [], chosen: { id: CAMILLE_ID, name: 'Camille Roux', open_tickets: 0, capacity: 5, shift_ends_at: null } },
    },
  }),
  entry({
    kind: 'ticket.assigned', actor: system, visibility: 'internal',
    reason: 'Camille Roux is out of office until 2099-01-01 00:00 UTC; not touched since assigned: handed to their delegate Léa Dubois.',
    data: { from: CAMILLE_ID, to: ME_ID, source, routing: { trigger: 'redistributed', from: { id: CAMILLE_ID, name: 'Camille Roux' } } },
  }),
  entry({
    kind: 'ticket.escalated', actor: lea, visibility: 'internal', body: 'Corrigé côté serveur.', reason: 'De-escalated from L2 to L1 (Support N1).',
    data: { direction: 'down', from_tier: 'L2', to_tier: 'L1', from_team_id: L2_TEAM, to_team_id: TEAM_ID, from_assignee_id: CAMILLE_ID, required_skills: [] },
  }),
  entry({ kind: 'ticket.assigned', actor: lea, visibility: 'internal', reason: 'Back to Léa Dubois, who escalated it.', data: { from: null, to: ME_ID } }),
];

const item = (n: number) => document.querySelectorAll('ol.timeline > li')[n] as HTMLElement;
const text = (n: number) => item(n).querySelector('.entry-sentence')!.textContent!.replace(/\s+/g, ' ').replace(/\u202f/g, ' ').trim();
const details = (n: number) => [...item(n).querySelectorAll('.entry-details li')].map((li) => li.textContent);

describe('routing entries of the timeline', () => {
  beforeEach(() => {
    mockApi([['GET', '/api/v1/skills', () => ({ body: { data: skills } })]]);
  });

  it('explains routing, waiting, automatic assignment and escalation in French', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />);
    await waitFor(() => expect(text(0)).toContain('Support N1'));
    await waitFor(() => expect(text(0)).toContain('Réseau niveau 2'));
    expect(text(0)).toMatch(
      /^Routé par la règle « Switchs » \(marque Cisco, mot-clé « switch »\) : équipe Support N1 · N2 · compétences requises : Cisco niveau 3, Réseau niveau 2 · priorité relevée d’un cran · étiquettes cisco, reseau /,
    );
    expect(item(0).querySelector('.entry-reason')).toBeNull();

    expect(text(1)).toMatch(/^En attente dans la file de Support N1 : aucun technicien disponible avec Cisco niveau 3 /);
    expect(details(1)).toEqual(['Écartés : Luc Bernard (hors ligne), Inès Roy (capacité atteinte), Hugo Petit (compétence manquante)']);
    expect(item(1).querySelector('.entry-reason')).toBeNull();

    expect(text(2)).toMatch(
      /^Attribué automatiquement à Camille Roux : Cisco niveau 3, 2 tickets ouverts, en poste jusqu’à 18:00 ; écartés : Luc Bernard \(hors ligne\), Inès Roy \(capacité atteinte\) /,
    );
    expect(item(2).querySelector('.entry-reason')).toBeNull();

    expect(text(3)).toMatch(/^En attente dans la file de Support N1 : l’équipe prend ses tickets avec « Ticket suivant » /);
    expect(text(4)).toMatch(/^Léa Dubois a pris le ticket avec « Ticket suivant » : le plus urgent des 3 tickets en attente à sa portée /);
    expect(details(4)).toEqual(['Compétences requises : Cisco niveau 3']);

    // The handoff note reads as an internal note, under the escalation's sentence.
    const handoff = item(5);
    expect(handoff.className).toContain('entry-internal');
    expect(within(handoff).getByText('Note de passage · interne')).toBeTruthy();
    expect(text(5)).toBe('Léa Dubois a escaladé le ticket de N1 · Support N1 vers N2');
    expect(details(5)).toEqual(['Compétences requises : Cisco niveau 3']);
    expect(within(handoff).getByText('erreur 0x80').tagName).toBe('STRONG');

    expect(item(6).querySelector('.entry-reason')!.textContent).toBe('motif : voir la note de passage');
    expect(text(7)).toMatch(/^Attribué automatiquement à Camille Roux : 0 ticket ouvert sur 5, en poste, après 12 min d’attente /);
    // A hand-over to a delegate keeps the server's own explanation.
    expect(item(8).querySelector('.entry-reason')!.textContent).toContain('Camille Roux is out of office until 2099-01-01 00:00 UTC');
    expect(text(9)).toBe('Léa Dubois a redescendu le ticket de N2 vers N1 · Support N1');
    expect(item(10).querySelector('.entry-reason')!.textContent).toBe('motif : retour à Léa Dubois, qui l’avait escaladé');
  });

  it('says the same in English', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />, { locale: 'en' });
    await waitFor(() => expect(text(0)).toContain('Networking level 2'));
    await waitFor(() => expect(text(0)).toContain('Support N1'));
    expect(text(0)).toMatch(/^Routed by the rule «Switchs» \(brand Cisco, keyword «switch»\): team Support N1 · Level 2 · needs Cisco level 3, Networking level 2 · priority raised one step · tags cisco, reseau /);
    expect(details(1)).toEqual(['Skipped: Luc Bernard (offline), Inès Roy (at capacity), Hugo Petit (missing skill)']);
    expect(text(2)).toMatch(/^Assigned automatically to Camille Roux: Cisco level 3, 2 open tickets, on shift until 6:00 PM; skipped Luc Bernard \(offline\), Inès Roy \(at capacity\) /);
    expect(text(4)).toMatch(/^Léa Dubois took the ticket with “Next ticket”: the most urgent of 3 waiting tickets they could take /);
    expect(text(5)).toBe('Léa Dubois escalated the ticket from Level 1 · Support N1 to Level 2');
    expect(within(item(5)).getByText('Handoff note · internal')).toBeTruthy();
    expect(text(9)).toBe('Léa Dubois sent the ticket back down from Level 2 to Level 1 · Support N1');
  });
});
