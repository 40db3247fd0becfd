import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import type { Macro, RenderedMacro } from '../macros/api';
import { Composer } from './Composer';
import { clientWithMe, entry, ME_ID, mockApi, TEAM_ID, TICKET_ID, ticket, type Call } from './test-support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const stamp = '2026-03-02T09:00:00.000Z';
const macro = (id: string, name: string, over: Partial<Macro> = {}): Macro => ({
  id, name, body: { fr: 'x', en: null }, actions: [], shared: true, owner: null, can_edit: false, created_at: stamp, updated_at: stamp, ...over,
});
const INFO = macro('30000000-0000-4000-8000-000000000001', 'Demande d’informations');
const RESET = macro('30000000-0000-4000-8000-000000000002', 'Mot de passe réinitialisé');
const TAGS = macro('30000000-0000-4000-8000-000000000003', 'Étiqueter VPN', { body: { fr: null, en: null } });
const APPLY = (id: string) => `/api/v1/tickets/${TICKET_ID}/macros/${id}/apply`;
const RENDER = (id: string) => `/api/v1/tickets/${TICKET_ID}/macros/${id}/render`;

const rendered: Record<string, RenderedMacro> = {
  [INFO.id]: {
    macro: INFO, language: 'fr', body: 'Bonjour Jean, pouvez-vous préciser le message d’erreur ?',
    actions: [{ type: 'set_status', status: 'pending' }, { type: 'add_tags', tags: ['attente-info'] }, { type: 'set_team', team_id: TEAM_ID, team_name: 'Support N1' }],
  },
  [TAGS.id]: { macro: TAGS, language: 'fr', body: '', actions: [{ type: 'add_tags', tags: ['vpn'] }] },
};

function api(): Call[] {
  return mockApi([
    ['GET', '/api/v1/macros', (c) => {
      const q = new URLSearchParams(c.search).get('q')?.toLowerCase() ?? '';
      return { body: { data: [INFO, RESET, TAGS].filter((m) => m.name.toLowerCase().includes(q)), variables: [] } };
    }],
    ['POST', /\/macros\/[^/]+\/render$/, (c) => ({ body: rendered[c.path.split('/')[6]!] })],
    ['POST', /\/macros\/[^/]+\/apply$/, () => ({ status: 201, body: { entry: entry({ kind: 'ticket.replied' }), ticket: ticket({ status: 'pending' }), changed: true } })],
  ]);
}

const render = (locale: 'fr' | 'en' = 'fr') =>
  renderWithProviders(<Composer ticketId={TICKET_ID} entries={[]} viewers={[]} meId={ME_ID} />, { client: clientWithMe(), locale });
const textarea = () => screen.getByRole('textbox', { name: /Réponse publique|Public reply/ }) as HTMLTextAreaElement;
const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST');

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('Composer with macros', () => {
  it('picks a macro from the keyboard, shows its changes, and sends reply + changes through /apply', async () => {
    const calls = api();
    const user = userEvent.setup();
    render();
    await user.click(screen.getByRole('button', { name: 'Macros' }));
    const search = screen.getByRole('combobox', { name: 'Chercher une macro' });
    expect(document.activeElement).toBe(search);
    await user.type(search, 'mot');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Mot de passe réinitialiséPartagée']));
    await user.clear(search);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    await waitFor(() => expect(textarea().value).toBe('Bonjour Jean, pouvez-vous préciser le message d’erreur ?'));
    expect(posts(calls).map((c) => c.path)).toEqual([RENDER(INFO.id)]);
    expect(screen.queryByRole('listbox')).toBeNull();

    const chips = screen.getByRole('list', { name: 'Modifications appliquées à l’envoi' });
    expect(within(chips).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Statut : En attente du demandeur×', 'Ajouter des étiquettes : attente-info×', 'Équipe : Support N1×',
    ]);
    await user.click(within(chips).getByRole('button', { name: 'Retirer Ajouter des étiquettes : attente-info' }));
    expect(within(chips).getAllByRole('listitem')).toHaveLength(2);

    await user.type(textarea(), ' Merci.');
    await user.click(screen.getByRole('button', { name: 'Envoyer et appliquer' }));
    await waitFor(() => expect(screen.getByText('Macro appliquée.')).toBeTruthy());
    const apply = posts(calls).at(-1)!;
    expect(apply.path).toBe(APPLY(INFO.id));
    expect(apply.body).toEqual({ body: 'Bonjour Jean, pouvez-vous préciser le message d’erreur ? Merci.', omit_actions: ['add_tags'] });
    expect(apply.headers.get('idempotency-key')).toMatch(UUID);
    expect(posts(calls).some((c) => c.path.endsWith('/replies'))).toBe(false);
    expect(textarea().value).toBe('');
    expect(screen.queryByRole('list', { name: 'Modifications appliquées à l’envoi' })).toBeNull();
  });

  it('applies a changes-only macro without a reply, and a detached macro sends a plain reply', async () => {
    const calls = api();
    const user = userEvent.setup();
    render('en');
    await user.click(screen.getByRole('button', { name: 'Macros' }));
    await user.click(await screen.findByRole('option', { name: /Étiqueter VPN/ }));
    const apply = await screen.findByRole('button', { name: 'Apply the changes' });
    expect(textarea().value).toBe('');
    await user.click(apply);
    await waitFor(() => expect(screen.getByText('Macro applied.')).toBeTruthy());
    expect(posts(calls).at(-1)?.body).toEqual({ body: '', omit_actions: [] });

    await user.click(screen.getByRole('button', { name: 'Macros' }));
    await user.click(await screen.findByRole('option', { name: /Demande/ }));
    await waitFor(() => expect(textarea().value).not.toBe(''));
    await user.click(screen.getByRole('button', { name: 'Detach the macro' }));
    expect(screen.getByRole('button', { name: 'Send reply' })).toBeTruthy();
  });

  it('Escape closes the list and gives the focus back to the button; the macro survives a remount', async () => {
    api();
    const user = userEvent.setup();
    const first = render();
    const button = screen.getByRole('button', { name: 'Macros' });
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(document.activeElement).toBe(button);
    await user.click(button);
    await user.click(await screen.findByRole('option', { name: /Demande/ }));
    await screen.findByRole('list', { name: 'Modifications appliquées à l’envoi' });
    first.unmount();
    render();
    expect(screen.getByText('Macro « Demande d’informations »')).toBeTruthy();
    expect(textarea().value).toContain('Bonjour Jean');
  });
});
