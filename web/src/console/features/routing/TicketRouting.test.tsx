import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../../shared/api/types';
import { renderWithProviders } from '../../../test/render';
import type { Skill } from '../admin/skills/api';
import type { TicketView } from '../ticket/api';
import { TicketPage } from '../ticket/TicketPage';
import { clientWithMe, mockApi, TEAM_ID, teams as baseTeams, TICKET_ID, ticket, type Call } from '../ticket/test-support';
import { takenKey, type NextTicketResult } from './api';

const BASE = `/api/v1/tickets/${TICKET_ID}`;
const L2_ID = '00000000-0000-4000-8000-0000000000c2';
const DEV_ID = '00000000-0000-4000-8000-0000000000c3';
const CISCO = '00000000-0000-4000-8000-0000000005a1';
const NETWORK = '00000000-0000-4000-8000-0000000005a2';
const PRINTING = '00000000-0000-4000-8000-0000000005a3';
const stamp = '2026-03-02T09:00:00.000Z';

const teams: Team[] = [
  ...baseTeams,
  { ...baseTeams[0]!, id: L2_ID, name: 'Support N2', tier: 'L2' },
  { ...baseTeams[0]!, id: DEV_ID, name: 'Développement', tier: null, assignment_mode: 'pull' },
];
const skill = (id: string, kind: Skill['kind'], name_en: string, name_fr: string, active = true): Skill => ({
  id, kind, name_en, name_fr, active, agent_count: 2, created_at: stamp, updated_at: stamp,
});
const skills = [skill(CISCO, 'brand', 'Cisco', 'Cisco'), skill(NETWORK, 'domain', 'Networking', 'Réseau'), skill(PRINTING, 'domain', 'Printing', 'Impression', false)];

const routing = (over: Partial<NonNullable<TicketView['routing']>> = {}): TicketView['routing'] => ({
  required_skills: [{ skill_id: CISCO, level: 3 }], waiting_since: null, waiting_reason: null, escalation_count: 0, assigned_at: null, ...over,
});

let current: TicketView;
let calls: Call[];
let refuse: { code: string; message: string; details?: unknown } | null;

function setup(over: Partial<TicketView> = {}) {
  current = ticket({ routing: routing(), ...over });
  refuse = null;
  const move = (tier: TicketView['tier']) => () => {
    if (refuse) return { status: refuse.code === 'VALIDATION_FAILED' ? 400 : 409, body: { error: refuse } };
    current = { ...current, tier, assignee_id: null };
    return { body: current };
  };
  calls = mockApi([
    ['GET', '/api/v1/tickets/1042', () => ({ body: current })],
    ['GET', BASE, () => ({ body: current })],
    ['GET', `${BASE}/timeline`, () => ({ body: { data: [] } })],
    ['GET', `${BASE}/links`, () => ({ body: { data: [] } })],
    ['GET', '/api/v1/tickets', () => ({ body: { data: [], next_cursor: null } })],
    ['GET', '/api/v1/teams', () => ({ body: { data: teams } })],
    ['GET', '/api/v1/skills', () => ({ body: { data: skills } })],
    ['POST', `${BASE}/escalate`, move('L3')],
    ['POST', `${BASE}/de-escalate`, move('L1')],
  ]);
}

const posts = () => calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);

function renderPage(locale: 'fr' | 'en' = 'fr', client = clientWithMe()) {
  return renderWithProviders(<TicketPage number={1042} />, { locale, client });
}

async function openDialog(button: string, title: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: button }));
  return { user, dialog: await screen.findByRole('dialog', { name: title }) };
}

describe('routing on the ticket page', () => {
  beforeEach(() => setup());

  it('shows the required skills, the escalation count and the wait in the team queue', async () => {
    setup({
      routing: routing({
        escalation_count: 2, waiting_since: '2026-03-02T10:15:00.000Z',
        waiting_reason: 'No agent available with Cisco 3; waiting in the team queue: Luc Bernard (offline).',
      }),
    });
    renderPage();
    const panel = await screen.findByRole('region', { name: 'Routage' });
    await waitFor(() => expect(within(panel).getByRole('listitem').textContent).toBe('Cisco · niveau 3'));
    expect(within(panel).getByText('Escaladé 2 fois')).toBeTruthy();
    expect(screen.getByText(/^En attente dans la file de l’équipe depuis le 2 mars 2026.*11:15 : No agent available with Cisco 3/)).toBeTruthy();
    // At level 1 there is nothing to send back down.
    expect(screen.queryByRole('button', { name: 'Redescendre…' })).toBeNull();
  });

  it('escalates to a team outside the levels, with new required skills and a handoff note', async () => {
    renderPage();
    const { user, dialog } = await openDialog('Escalader…', 'Escalader le ticket');
    const d = within(dialog);
    expect(d.getByText('Ce qui a été tenté, ce que l’on sait — pour la personne suivante. Interne : le demandeur ne la voit pas.')).toBeTruthy();

    await user.click(d.getByRole('radio', { name: 'Un niveau' }));
    const levels = d.getByRole('combobox', { name: 'Niveau' });
    expect([...levels.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['', 'N2', 'N3']);

    await user.click(d.getByRole('radio', { name: 'Une équipe' }));
    const team = d.getByRole('combobox', { name: 'Équipe' });
    // Its own place (Support N1 at level 1) is not offered.
    await waitFor(() => expect([...team.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['', 'Support N2 (N2)', 'Développement (hors niveaux)']));
    await user.selectOptions(team, DEV_ID);
    expect(d.getByText('Développement prend ses tickets avec « Ticket suivant » : le ticket attend dans sa file qu’un technicien le prenne.')).toBeTruthy();

    await waitFor(() => expect((d.getByRole('combobox', { name: 'Compétence 1' }) as HTMLSelectElement).value).toBe(CISCO));
    await user.click(d.getByRole('button', { name: 'Ajouter une compétence' }));
    const second = d.getByRole('combobox', { name: 'Compétence 2' });
    // The deactivated skill is not offered for a new requirement.
    expect([...second.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Choisir une compétence', 'Réseau', 'Cisco']);
    const submit = d.getByRole('button', { name: 'Escalader' }) as HTMLButtonElement;
    await user.type(d.getByRole('textbox', { name: 'Note de passage (obligatoire)' }), 'Bug reproduit sur la v4.2.');
    expect(submit.disabled).toBe(true); // the new row has no skill yet
    expect(d.getByText('Choisissez une compétence ou retirez la ligne.')).toBeTruthy();
    await user.selectOptions(second, NETWORK);
    await user.selectOptions(d.getByRole('combobox', { name: 'Niveau de la compétence 2' }), '2');
    await user.click(submit);
    await waitFor(() => expect(posts()).toEqual([[`${BASE}/escalate`, {
      team_id: DEV_ID, note: 'Bug reproduit sur la v4.2.', required_skills: [{ skill_id: CISCO, level: 3 }, { skill_id: NETWORK, level: 2 }],
    }]]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says clearly why an escalation was refused (en)', async () => {
    renderPage('en');
    const { user, dialog } = await openDialog('Escalate…', 'Escalate the ticket');
    const d = within(dialog);
    expect((d.getByRole('radio', { name: 'The next level (Level 2)' }) as HTMLInputElement).checked).toBe(true);
    await user.type(d.getByRole('textbox', { name: 'Handoff note (required)' }), 'Tried a restart.');

    refuse = { code: 'ESCALATION_NOT_ALLOWED', message: 'The ticket is already at this level in this team.', details: [{ path: 'tier', message: 'x' }] };
    await user.click(d.getByRole('button', { name: 'Escalate' }));
    expect((await d.findByRole('alert')).textContent).toBe('The ticket is already at this level in this team.');

    refuse = { code: 'ESCALATION_NOT_ALLOWED', message: 'Something new.' };
    await user.click(d.getByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(d.getByRole('alert').textContent).toBe('This move is not possible (Something new.).'));

    refuse = { code: 'VALIDATION_FAILED', message: 'A handoff note is required', details: [{ path: 'note', message: 'required' }] };
    await user.click(d.getByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(d.getByRole('alert').textContent).toBe('A handoff note is required: what was tried and what is known.'));
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('sends a ticket back down where it came from, or to a chosen lower level (en)', async () => {
    setup({ tier: 'L2', team_id: L2_ID });
    renderPage('en');
    const { user, dialog } = await openDialog('De-escalate…', 'Send the ticket back down');
    const d = within(dialog);
    await waitFor(() => expect(dialog.textContent).toContain('Now: Level 2 · Support N2.'));
    expect((d.getByRole('radio', { name: 'Back where it came from' }) as HTMLInputElement).checked).toBe(true);
    expect(d.queryByRole('group', { name: 'Required skills (optional)' })).toBeNull();
    const submit = d.getByRole('button', { name: 'Send back down' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.type(d.getByRole('textbox', { name: 'Handoff note (required)' }), 'Fixed on the server; confirm with the user.');
    await user.click(d.getByRole('radio', { name: 'A level' }));
    expect([...d.getByRole('combobox', { name: 'Level' }).querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Level 1']);
    expect(d.getByText('Relais assigns it to an available agent of Support N1 with the required skills.')).toBeTruthy();
    await user.click(d.getByRole('radio', { name: 'Back where it came from' }));
    await user.click(submit);
    await waitFor(() => expect(posts()).toEqual([[`${BASE}/de-escalate`, { note: 'Fixed on the server; confirm with the user.' }]]));
  });

  it('says why "Next ticket" gave this ticket', async () => {
    const client = clientWithMe();
    const taken: NextTicketResult = { ticket: ticket({ routing: routing(), team_id: TEAM_ID }), explanation: 'Taken with "Next ticket"…', waiting: 3 };
    client.setQueryData(takenKey(TICKET_ID), taken);
    const user = userEvent.setup();
    renderPage('fr', client);
    const notice = await screen.findByText(/^Vous avez pris ce ticket avec « Ticket suivant »/);
    await waitFor(() => expect(notice.textContent).toBe(
      'Vous avez pris ce ticket avec « Ticket suivant » : P3 — Moyenne, le plus urgent des 3 tickets en attente à votre portée dans Support N1. ' +
      'Compétences requises : Cisco niveau 3',
    ));
    await user.click(within(notice.parentElement!).getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByText(/Ticket suivant/)).toBeNull();
  });
});
