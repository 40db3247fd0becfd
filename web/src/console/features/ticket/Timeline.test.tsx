import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { Timeline } from './Timeline';
import { CAMILLE_ID, CATEGORY_ID, entry, ME_ID, mockApi, TEAM_ID, ticket } from './test-support';

const lea = { kind: 'agent' as const, id: ME_ID, name: 'Léa Dubois' };
const jean = { kind: 'requester' as const, id: 'r-1', name: 'Jean Martin' };
const system = { kind: 'system' as const, id: null, name: null };

const entries = [
  entry({
    kind: 'ticket.created', actor: jean, reason: 'Priority P3 from urgency 2 × impact 2 (priority matrix).',
    data: { channel: 'email', type: 'incident', urgency: 2, impact: 2, priority: 'P3' },
  }),
  entry({ kind: 'ticket.replied', actor: lea, body: 'Pouvez-vous **redémarrer** ?' }),
  entry({ kind: 'ticket.noted', actor: lea, body: 'Vu avec le fournisseur' }),
  entry({ kind: 'ticket.replied', actor: jean, body: 'Toujours en panne' }),
  entry({ kind: 'ticket.status_changed', actor: lea, reason: 'attente du fournisseur', data: { from: 'open', to: 'pending' } }),
  entry({ kind: 'ticket.status_changed', actor: system, reason: 'requester replied', data: { from: 'pending', to: 'open', reopened: true } }),
  entry({ kind: 'ticket.assigned', actor: lea, visibility: 'internal', data: { from: null, to: CAMILLE_ID } }),
  entry({ kind: 'ticket.tier_changed', actor: lea, visibility: 'internal', reason: 'besoin N2', data: { from: 'L1', to: 'L2' } }),
  entry({
    kind: 'ticket.priority_changed', actor: lea, visibility: 'internal', reason: 'urgency 1 × impact 2 → P2 — client bloqué',
    data: { from: 'P3', to: 'P2', urgency: 1, impact: 2 },
  }),
  entry({
    kind: 'ticket.fields_changed', actor: lea, visibility: 'internal',
    data: { changes: [{ field: 'category_id', from: null, to: CATEGORY_ID }, { field: 'tags', from: ['vpn'], to: ['vpn', 'urgent'] }] },
  }),
  entry({ kind: 'ticket.team_changed', actor: lea, visibility: 'internal', data: { from: null, to: TEAM_ID } }),
  entry({ kind: 'ticket.merged', actor: lea, data: { source_ticket_id: 'x', source_ticket_number: 1041, tags_added: [] } }),
  entry({ kind: 'ticket.linked', actor: lea, visibility: 'internal', data: { link_kind: 'parent_child', role: 'child', ticket_number: 1000 } }),
  entry({ kind: 'ticket.replied', actor: lea, ticket_number: 1041, ticket_id: 'other', body: 'Réponse sur l’ancien ticket' }),
];

function item(text: string | RegExp): HTMLElement {
  return screen.getByText(text, { exact: false }).closest('li')!;
}

describe('Timeline', () => {
  beforeEach(() => {
    mockApi();
  });

  it('marks internal notes in words and class, and tells replies from requester and agent apart (fr)', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />);
    const note = item('Vu avec le fournisseur');
    expect(note.className).toContain('entry-internal');
    expect(within(note).getByText('Note interne')).toBeTruthy();

    const reply = item('Pouvez-vous');
    expect(reply.className).not.toContain('entry-internal');
    expect(within(reply).getByText('Réponse publique')).toBeTruthy();
    expect(within(reply).getByText('Technicien')).toBeTruthy();
    expect(within(reply).getByText('redémarrer').tagName).toBe('STRONG');

    const fromRequester = item('Toujours en panne');
    expect(fromRequester.className).toContain('entry-from-requester');
    expect(within(fromRequester).getByText('Demandeur')).toBeTruthy();

    // The ticket's own creation carries its description.
    const creation = item('Demande initiale');
    expect(within(creation).getByText('VPN', { selector: 'strong' })).toBeTruthy();
    expect(creation.textContent).toContain('Jean Martin a créé le ticket via le canal E-mail — priorité P3 — Moyenne');
    // The automatic priority reason only repeats the sentence: not shown.
    expect(creation.textContent).not.toContain('priority matrix');
  });

  it('writes change events as French sentences with their reasons', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />);
    expect(item('a changé le statut').textContent).toContain(
      'Léa Dubois a changé le statut de « Ouvert » à « En attente du demandeur » — motif : attente du fournisseur',
    );
    expect(item('a rouvert').textContent).toContain(
      'Relais (automatique) a rouvert le ticket (« En attente du demandeur » → « Ouvert ») — motif : le demandeur a répondu',
    );
    await waitFor(() => expect(item('a attribué').textContent).toContain('Léa Dubois a attribué le ticket à Camille Roux'));
    expect(item('a escaladé').textContent).toContain('Léa Dubois a escaladé le ticket de N1 à N2 — motif : besoin N2');
    expect(item('a changé la priorité').textContent).toContain(
      'Léa Dubois a changé la priorité de « P3 — Moyenne » à « P2 — Haute » (urgence : Haute, impact : Moyenne) — motif : client bloqué',
    );
    const fields = item('a modifié le ticket');
    await waitFor(() => expect(fields.textContent).toContain('Catégorie : (vide) → Réseau'));
    expect(fields.textContent).toContain('Étiquette ajoutée : urgent');
    await waitFor(() => expect(item('a transféré').textContent).toContain('Léa Dubois a transféré le ticket à l’équipe Support N1'));

    const merged = item('a fusionné le ticket');
    expect(merged.textContent).toContain('Léa Dubois a fusionné le ticket #1041 dans celui-ci');
    expect(within(merged).getByRole('link', { name: '#1041' }).getAttribute('href')).toBe('/tickets/1041');
    expect(item('a rattaché').textContent).toContain('Léa Dubois a rattaché ce ticket au ticket parent #1000');

    // An entry from a merged ticket says where it comes from.
    expect(item('Réponse sur l’ancien ticket').textContent).toContain('issu du ticket fusionné #1041');
  });

  it('writes the same events in English', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={entries} />, { locale: 'en' });
    expect(item('changed the status').textContent).toContain(
      'Léa Dubois changed the status from Open to Pending — reason: attente du fournisseur',
    );
    expect(item('reopened').textContent).toContain('Relais (automatic) reopened the ticket (Pending → Open) — reason: the requester replied');
    await waitFor(() => expect(item('assigned the ticket').textContent).toContain('Léa Dubois assigned the ticket to Camille Roux'));
    expect(item('escalated').textContent).toContain('Léa Dubois escalated the ticket from Level 1 to Level 2');
    expect(item('into this one').textContent).toContain('Léa Dubois merged ticket #1041 into this one');
    expect(item('attached this ticket').textContent).toContain('attached this ticket to its parent #1000');
    const note = item('Vu avec le fournisseur');
    expect(note.className).toContain('entry-internal');
    expect(within(note).getByText('Internal note')).toBeTruthy();
    expect(within(item('Toujours en panne')).getByText('Requester')).toBeTruthy();
  });

  it('says when the history is empty', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={[]} />, { locale: 'en' });
    expect(screen.getByText('Nothing in the history yet.')).toBeTruthy();
  });
});
