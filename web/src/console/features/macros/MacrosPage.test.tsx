import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { apiError, iso, mockApi, signedIn } from '../admin/test-api';
import type { Macro } from './api';
import { MacrosPage } from './MacrosPage';

const ME = '00000000-0000-4000-8000-000000000001';
const VARIABLES = ['requester.name', 'requester.first_name', 'ticket.number', 'ticket.status'];
const team = { id: '10000000-0000-4000-8000-000000000001', name: 'Réseau N2', description: '', member_count: 2, created_at: iso, updated_at: iso };

const macro = (over: Partial<Macro>): Macro => ({
  id: '20000000-0000-4000-8000-000000000001', name: 'Relance', body: { fr: 'Bonjour', en: null }, actions: [], shared: true,
  owner: { id: '00000000-0000-4000-8000-000000000009', name: 'Julien Moreau' }, can_edit: false, created_at: iso, updated_at: iso, ...over,
});
const shared = macro({ name: 'Demande d’informations', actions: [{ type: 'set_status', status: 'pending' }, { type: 'set_team', team_id: team.id }] });
const mine = macro({ id: '20000000-0000-4000-8000-000000000002', name: 'Mon modèle', shared: false, can_edit: true, owner: { id: ME, name: 'Claire Martin' }, body: { fr: null, en: 'Hello' } });

afterEach(() => vi.unstubAllGlobals());

const routes = (extra: Parameters<typeof mockApi>[0] = {}) =>
  mockApi({ 'GET /macros': () => ({ data: [shared, mine], variables: VARIABLES }), 'GET /teams': () => ({ data: [team] }), 'GET /agents': () => ({ data: [] }), ...extra });

describe('MacrosPage', () => {
  it('lists shared and personal macros with their changes; an agent edits only their own', async () => {
    routes();
    renderWithProviders(<MacrosPage />, { client: signedIn('agent', ME) });
    const row = (await screen.findByRole('rowheader', { name: 'Demande d’informations' })).closest('tr')!;
    expect(row.textContent).toContain('Partagée');
    expect(row.textContent).toContain('Statut : En attente du demandeur · Équipe : Réseau N2');
    expect(within(row).queryByRole('button')).toBeNull();
    const own = screen.getByRole('rowheader', { name: 'Mon modèle' }).closest('tr')!;
    expect(own.textContent).toContain('Personnelle');
    expect(own.textContent).toContain('Anglais');
    expect(own.textContent).toContain('Réponse seule');
    expect(within(own).getByRole('button', { name: 'Modifier Mon modèle' })).toBeTruthy();
    expect(screen.getByText('Les macros partagées sont gérées par les responsables du support et les administrateurs.')).toBeTruthy();
  });

  it('creates a personal macro: variables insert at the cursor, changes become actions', async () => {
    const calls = routes({ 'POST /macros': (c) => ({ ...mine, id: 'new', ...(c.body as object) }) });
    const user = userEvent.setup();
    renderWithProviders(<MacrosPage />, { client: signedIn('agent', ME) });
    await user.click(await screen.findByRole('button', { name: 'Nouvelle macro' }));
    expect(screen.queryByRole('checkbox', { name: 'Partagée avec tous les techniciens' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Nom' }), 'Relance courtoise');
    const fr = screen.getByRole('textbox', { name: 'Réponse en français (Markdown)' }) as HTMLTextAreaElement;
    fireEvent.change(fr, { target: { value: 'Bonjour , votre demande.' } });
    fr.focus();
    fr.setSelectionRange(8, 8);
    await user.click(screen.getByRole('button', { name: /\{\{requester\.first_name\}\}/ }));
    expect(fr.value).toBe('Bonjour {{requester.first_name}}, votre demande.');
    expect(fr.selectionStart).toBe(8 + '{{requester.first_name}}'.length);
    await user.click(screen.getByRole('button', { name: 'Ajouter une modification' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Modification 1' }), 'add_tags');
    await user.type(screen.getByRole('textbox', { name: 'Valeur de la modification 1' }), 'relance, vpn');
    await user.click(screen.getByRole('button', { name: 'Ajouter une modification' }));
    expect((screen.getByRole('combobox', { name: 'Modification 2' }) as HTMLSelectElement).value).toBe('set_status');
    await user.click(screen.getByRole('button', { name: 'Créer' }));
    expect(await screen.findByText('Macro « Relance courtoise » créée.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Relance courtoise',
      body: { fr: 'Bonjour {{requester.first_name}}, votre demande.', en: '' },
      actions: [{ type: 'add_tags', tags: ['relance', 'vpn'] }, { type: 'set_status', status: 'pending' }],
      shared: false,
    });
  });

  it('shows template errors under the text they concern (managers may share)', async () => {
    routes({
      'POST /macros': () => apiError(400, 'INVALID_TEMPLATE', 'The reply text is not a valid template', [
        { path: 'body.fr', message: 'Unknown variable {{requester.prenom}} (at 8).', variable: 'requester.prenom' },
        { path: 'body.en', message: 'Template syntax error: Unclosed tag at 14.' },
      ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<MacrosPage />, { client: signedIn('manager', ME) });
    await user.click(await screen.findByRole('button', { name: 'Nouvelle macro' }));
    await user.type(screen.getByRole('textbox', { name: 'Nom' }), 'Cassée');
    await user.click(screen.getByRole('checkbox', { name: 'Partagée avec tous les techniciens' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Réponse en français (Markdown)' }), { target: { value: 'Bonjour {{requester.prenom}}' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Réponse en anglais (Markdown)' }), { target: { value: 'Hello {{ticket' } });
    await user.click(screen.getByRole('button', { name: 'Créer' }));
    const fr = screen.getByRole('textbox', { name: 'Réponse en français (Markdown)' });
    await waitFor(() => expect(fr.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Variable inconnue : {{requester.prenom}}.')).toBeTruthy();
    expect(screen.getByText('Template syntax error: Unclosed tag at 14.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Un texte de réponse n’est pas un modèle valide ; voir sous le texte.');
    await waitFor(() => expect(document.activeElement).toBe(fr));
  });

  it('refuses an empty macro before asking the server, and deletes after confirmation', async () => {
    const calls = routes({ [`DELETE /macros/${mine.id}`]: () => undefined });
    const user = userEvent.setup();
    renderWithProviders(<MacrosPage />, { client: signedIn('agent', ME), locale: 'en' });
    await user.click(await screen.findByRole('button', { name: 'New macro' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Nothing');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByRole('alert').textContent).toBe('Write a reply in French or English, or add a change.');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(await screen.findByRole('button', { name: 'Delete Mon modèle' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Macro “Mon modèle” deleted.')).toBeTruthy();
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([`DELETE /macros/${mine.id}`]);
  });
});
