import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { apiError, iso, mockApi, signedIn, type Routes } from '../admin/test-api';
import type { Automation } from './api';
import { AutomationsSection } from './AutomationsSection';

const URGENT = '40000000-0000-4000-8000-000000000001';
const REMINDER = '40000000-0000-4000-8000-000000000002';
const CLOSE = '40000000-0000-4000-8000-000000000003';
const TEAM = '50000000-0000-4000-8000-000000000001';

const urgent: Automation = {
  id: URGENT, name: 'Urgence signalée', kind: 'event', position: 1, active: true, events: ['ticket.created'],
  conditions: { all: [], any: [{ field: 'text', op: 'contains_any', value: ['urgent', 'bloqué'] }] }, timing: null,
  actions: [{ type: 'add_tags', tags: ['urgent'] }, { type: 'notify', recipients: ['team_lead'], email: false }],
  created_by: null, created_at: iso, updated_at: iso,
};
const reminder: Automation = {
  id: REMINDER, name: 'Relance', kind: 'time', position: 2, active: true, events: [],
  conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }], any: [] },
  timing: { since: 'status_changed', hours: 24, business: true },
  actions: [{ type: 'reply', body: { fr: 'Bonjour', en: 'Hello' } }], created_by: null, created_at: iso, updated_at: iso,
};
const close: Automation = {
  ...reminder, id: CLOSE, name: 'Clôture', position: 3, active: false,
  conditions: { all: [{ field: 'status', op: 'is', value: 'resolved' }], any: [] },
  timing: { since: 'status_changed', hours: 120, business: false }, actions: [{ type: 'set_status', status: 'closed' }],
};

const lookups: Routes = {
  'GET /teams': () => ({ data: [{ id: TEAM, name: 'Réseau', description: '', member_count: 2, calendar_id: null, lead_id: null, created_at: iso, updated_at: iso }] }),
  'GET /agents': () => ({ data: [] }),
  'GET /categories': () => ({ data: [] }),
  'GET /organizations': () => ({ data: [], next_cursor: null }),
  'GET /calendars': () => ({ data: [] }),
};

afterEach(() => vi.unstubAllGlobals());

describe('AutomationsSection', () => {
  it('lists rules in their order with what starts them and what they do; managers only read and test', async () => {
    mockApi({ ...lookups, 'GET /automations': () => ({ data: [urgent, reminder, close] }) });
    renderWithProviders(<AutomationsSection canEdit={false} />, { client: signedIn('manager') });
    const row = (await screen.findByRole('rowheader', { name: 'Urgence signalée' })).closest('tr')!;
    expect(within(row).getByText('Sur : Ticket créé')).toBeTruthy();
    expect(within(row).getByText('Ajouter des étiquettes, Notifier')).toBeTruthy();
    const time = screen.getByRole('rowheader', { name: 'Relance' }).closest('tr')!;
    expect(within(time).getByText('Après 24 heures ouvrées (depuis le dernier changement de statut)')).toBeTruthy();
    const off = screen.getByRole('rowheader', { name: 'Clôture' }).closest('tr')!;
    expect(within(off).getByText('Après 120 h (depuis le dernier changement de statut)')).toBeTruthy();
    expect(within(off).getByText('Inactive')).toBeTruthy();
    expect(screen.getByText(/seuls les administrateurs/i)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Nouvelle automatisation' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Monter/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Supprimer/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Tester Relance sur un ticket' })).toBeTruthy();

    // The editor opens read-only.
    await userEvent.setup().click(screen.getByRole('button', { name: 'Consulter Relance' }));
    const dialog = screen.getByRole('dialog');
    expect((within(dialog).getByRole('textbox', { name: 'Nom' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).queryByRole('button', { name: 'Enregistrer' })).toBeNull();
  });

  it('turns a rule on or off and moves it in the order', async () => {
    let list = [urgent, reminder, close];
    const calls = mockApi({
      ...lookups,
      'GET /automations': () => ({ data: list }),
      [`PATCH /automations/${CLOSE}`]: (c) => ({ ...close, ...(c.body as object) }),
      'PUT /automations/order': (c) => {
        const ids = (c.body as { ids: string[] }).ids;
        list = ids.map((id, i) => ({ ...[urgent, reminder, close].find((a) => a.id === id)!, position: i + 1 }));
        return { data: list };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<AutomationsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('checkbox', { name: 'Clôture est active' }));
    expect(await screen.findByText('Automatisation « Clôture » activée.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ active: true }]);

    expect((screen.getByRole('button', { name: 'Monter Urgence signalée' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Descendre Urgence signalée' }));
    expect(await screen.findByText('« Urgence signalée » est maintenant en position 2.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([{ ids: [REMINDER, URGENT, CLOSE] }]);
    const names = screen.getAllByRole('rowheader').map((h) => h.textContent);
    expect(names).toEqual(['Relance', 'Urgence signalée', 'Clôture']);
  });

  it('creates a trigger from condition and action rows', async () => {
    const calls = mockApi({
      ...lookups,
      'GET /automations': () => ({ data: [] }),
      'POST /automations': (c) => ({ ...urgent, ...(c.body as object), id: URGENT }),
    });
    const user = userEvent.setup();
    renderWithProviders(<AutomationsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Nouvelle automatisation' }));
    const dialog = screen.getByRole('dialog');

    // Nothing filled in: the form says what is missing before asking the server.
    await user.click(within(dialog).getByRole('button', { name: 'Créer l’automatisation' }));
    expect(within(dialog).getByText('Obligatoire')).toBeTruthy();
    expect(within(dialog).getByText('Choisissez ou saisissez une valeur.')).toBeTruthy(); // the default action's tags
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Nom' }), 'Urgence');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Réponse publique' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une condition' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Champ de la condition 1 (toutes)' }), 'team_id');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Valeur de la condition 1 (toutes)' }), TEAM);
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une alternative' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Champ de la condition 1 (au choix)' }), 'text');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Opérateur de la condition 1 (au choix)' }), 'contains_any');
    await user.type(within(dialog).getByRole('textbox', { name: 'Valeur de la condition 1 (au choix)' }), 'urgent, bloqué, down');
    await user.type(within(dialog).getByRole('textbox', { name: 'Valeur de l’action 1' }), 'Urgent');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une action' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Action 2' }), 'notify');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Le chef d’équipe' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Message en français (action 2, facultatif)' }), 'Ticket urgent');
    await user.click(within(dialog).getByRole('button', { name: 'Créer l’automatisation' }));

    expect(await screen.findByText('Automatisation « Urgence » créée.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{
      name: 'Urgence', kind: 'event', active: true, events: ['ticket.created', 'ticket.replied'],
      conditions: {
        all: [{ field: 'team_id', op: 'is', value: TEAM }],
        any: [{ field: 'text', op: 'contains_any', value: ['urgent', 'bloqué', 'down'] }],
      },
      timing: null,
      actions: [
        { type: 'add_tags', tags: ['Urgent'] },
        { type: 'notify', recipients: ['assignee', 'team_lead'], email: false, message: { fr: 'Ticket urgent' } },
      ],
    }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the server’s validation details next to the condition and action they concern', async () => {
    mockApi({
      ...lookups,
      'GET /automations': () => ({ data: [reminder] }),
      [`PATCH /automations/${REMINDER}`]: () => apiError(400, 'INVALID_AUTOMATION', 'The automation is not valid.', [
        { path: 'conditions.all.0.value', message: 'one of new, open, pending' },
        { path: 'actions.0.body.fr', message: 'Unknown variable {{requester.prenom}} (at 8).' },
        { path: 'timing.calendar_id', message: 'unknown calendar' },
      ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<AutomationsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Modifier Relance' }));
    const dialog = screen.getByRole('dialog');
    expect((within(dialog).getByRole('textbox', { name: 'Heures' }) as HTMLInputElement).value).toBe('24');
    expect((within(dialog).getByRole('checkbox', { name: /heures ouvrées/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(await within(dialog).findByText(/Le serveur a refusé la règle/)).toBeTruthy();
    const condition = within(dialog).getByRole('combobox', { name: 'Valeur de la condition 1 (toutes)' }).closest('li')!;
    expect(within(condition).getByText('one of new, open, pending').getAttribute('lang')).toBe('en');
    const action = within(dialog).getByRole('combobox', { name: 'Action 1' }).closest('li')!;
    expect(within(action).getByText(/Unknown variable \{\{requester.prenom\}\}/)).toBeTruthy();
    expect(within(dialog).getByText('unknown calendar')).toBeTruthy();
  });

  it('tests a rule against a ticket and shows the explanation', async () => {
    const calls = mockApi({
      ...lookups,
      'GET /automations': () => ({ data: [reminder] }),
      [`POST /automations/${REMINDER}/test`]: () => ({
        ticket_id: '60000000-0000-4000-8000-000000000001', ticket_number: 1042, matched: false, event: null,
        explanation: 'status is pending; not due yet: 6 business hours of 3 business days (24 h) since 2026-03-02T09:00:00.000Z',
        timing: { since: iso, elapsed_hours: 6, required_hours: 24, calendar: 'Heures ouvrées Paris', already_ran: false },
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<AutomationsSection canEdit={false} />, { client: signedIn('manager') });
    await user.click(await screen.findByRole('button', { name: 'Tester Relance sur un ticket' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Tester' }));
    expect(within(dialog).getByText('Obligatoire')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Ticket' }), '#1042');
    await user.click(within(dialog).getByRole('button', { name: 'Tester' }));
    const result = await within(dialog).findByRole('status');
    expect(result.textContent).toContain('La règle ne s’appliquerait pas maintenant au ticket n° 1042.');
    expect(result.textContent).toContain('Temps compté : 6 h sur les 24 h requises.');
    expect(within(result).getByText(/not due yet/).getAttribute('lang')).toBe('en');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ ticket_id: 1042 }]);
  });
});
