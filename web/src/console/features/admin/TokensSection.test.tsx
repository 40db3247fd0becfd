import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { TokensSection } from './TokensSection';
import { iso, mockApi, signedIn } from './test-api';

const SECRET = 'rls_abcdef123456_super-secret-value';
const listed = {
  id: '20000000-0000-4000-8000-000000000001',
  agent_id: '00000000-0000-4000-8000-000000000001',
  name: 'Supervision',
  prefix: 'rls_abcdef12',
  scopes: ['tickets:read', 'tickets:write'],
  active: true,
  created_at: iso,
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

afterEach(() => vi.unstubAllGlobals());

describe('TokensSection', () => {
  it('issues a token and shows its secret exactly once', async () => {
    let tokens: unknown[] = [];
    const calls = mockApi({
      'GET /tokens': () => ({ data: tokens }),
      'GET /agents': () => ({ data: [] }),
      'GET /teams': () => ({ data: [] }),
      'GET /categories': () => ({ data: [] }),
      'POST /tokens': () => {
        tokens = [listed];
        return { ...listed, token: SECRET };
      },
    });
    const user = userEvent.setup(); // installs a clipboard stand-in
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderWithProviders(<TokensSection />, { client: signedIn('admin') });
    expect(await screen.findByText('Aucun jeton.')).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Nom' }), 'Supervision');
    await user.click(screen.getByRole('checkbox', { name: /tickets:write/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Expiration' }), 'never');
    await user.click(screen.getByRole('button', { name: 'Créer le jeton' }));

    const secret = (await screen.findByRole('textbox', { name: 'Jeton' })) as HTMLInputElement;
    expect(secret.value).toBe(SECRET);
    expect(secret.readOnly).toBe(true);
    expect(screen.getByText(/il ne sera plus affiché/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Supervision',
      scopes: ['tickets:read', 'tickets:write'],
      expires_at: null,
    });

    await user.click(screen.getByRole('button', { name: 'Copier' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await screen.findByText('Copié dans le presse-papiers.')).toBeTruthy();

    // The list shows the new token by its prefix only.
    const row = (await screen.findByRole('rowheader', { name: 'Supervision' })).closest('tr')!;
    expect(within(row).getByText('rls_abcdef12…')).toBeTruthy();
    expect(within(row).getByText('Jamais utilisé')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Je l’ai copié' }));
    expect(screen.queryByRole('textbox', { name: 'Jeton' })).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    // Back to the form, ready for another token.
    expect(screen.getByRole('button', { name: 'Créer le jeton' })).toBeTruthy();
  });

  it('validates the form and offers managers only the scopes their role grants', async () => {
    const calls = mockApi({ 'GET /tokens': () => ({ data: [] }) });
    const user = userEvent.setup();
    renderWithProviders(<TokensSection />, { client: signedIn('manager'), locale: 'en' });
    const boxes = screen.getAllByRole('checkbox').map((b) => b.closest('label')?.textContent ?? '');
    expect(boxes.map((b) => b.split(' — ')[0])).toEqual(['tickets:read', 'tickets:write', 'directory:read', 'directory:write']);
    expect(screen.queryByRole('checkbox', { name: /Show every agent/ })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: /tickets:read/ }));
    await user.click(screen.getByRole('button', { name: 'Create the token' }));
    expect(screen.getByText('Required')).toBeTruthy();
    expect(screen.getByText('Choose at least one scope.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('revokes a token after confirmation', async () => {
    let tokens: unknown[] = [listed];
    const calls = mockApi({
      'GET /tokens': () => ({ data: tokens }),
      [`DELETE /tokens/${listed.id}`]: () => {
        tokens = [{ ...listed, active: false, revoked_at: iso }];
        return undefined;
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TokensSection />, { client: signedIn('manager') });
    await user.click(await screen.findByRole('button', { name: 'Révoquer le jeton Supervision' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/cessera aussitôt de fonctionner/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Révoquer' }));
    expect(await screen.findByText('Jeton Supervision révoqué.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([`/tokens/${listed.id}`]);
    expect(await screen.findByText('Révoqué')).toBeTruthy();
  });
});
