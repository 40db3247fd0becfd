import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { CategoriesSection } from './CategoriesSection';
import { iso, mockApi, signedIn } from './test-api';

const cat = (id: string, parent: string | null, fr: string[], en: string[]) => ({
  id,
  parent_id: parent,
  name_fr: fr.at(-1)!,
  name_en: en.at(-1)!,
  depth: fr.length - 1,
  path_names: { fr, en },
  full_name: { fr: fr.join(' › '), en: en.join(' › ') },
  created_at: iso,
});
const NET = '30000000-0000-4000-8000-000000000001';
const VPN = '30000000-0000-4000-8000-000000000002';
const HW = '30000000-0000-4000-8000-000000000003';
const tree = [
  cat(NET, null, ['Réseau'], ['Network']),
  cat(VPN, NET, ['Réseau', 'VPN'], ['Network', 'VPN']),
  cat(HW, null, ['Matériel'], ['Hardware']),
];

afterEach(() => vi.unstubAllGlobals());

describe('CategoriesSection', () => {
  it('shows the tree with full names in the current language', async () => {
    mockApi({ 'GET /categories': () => ({ data: tree }) });
    renderWithProviders(<CategoriesSection />, { client: signedIn('admin'), locale: 'en' });
    expect(await screen.findByRole('rowheader', { name: /Network › VPN/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New subcategory of Network › VPN' })).toBeTruthy();
  });

  it('creates under a parent and moves a category, never under itself', async () => {
    const calls = mockApi({
      'GET /categories': () => ({ data: tree }),
      'POST /categories': (c) => ({ ...cat('new', NET, ['Réseau', 'Wi-Fi'], ['Network', 'Wi-Fi']), ...(c.body as object) }),
      [`PATCH /categories/${NET}`]: () => cat(NET, HW, ['Matériel', 'Réseau'], ['Hardware', 'Network']),
    });
    const client = signedIn('admin');
    client.setQueryData(['lookups', 'categories'], tree);
    const user = userEvent.setup();
    renderWithProviders(<CategoriesSection />, { client });

    await user.click(await screen.findByRole('button', { name: 'Nouvelle sous-catégorie de Réseau' }));
    let dialog = screen.getByRole('dialog');
    expect((within(dialog).getByRole('combobox', { name: 'Catégorie parente' }) as HTMLSelectElement).value).toBe(NET);
    await user.type(within(dialog).getByRole('textbox', { name: 'Nom en français' }), 'Wi-Fi');
    await user.click(within(dialog).getByRole('button', { name: 'Créer' }));
    expect(within(dialog).getByText('Obligatoire')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Nom en anglais' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Nom en anglais' }), 'Wi-Fi');
    await user.click(within(dialog).getByRole('button', { name: 'Créer' }));
    expect(await screen.findByText('Catégorie Réseau › Wi-Fi créée.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name_fr: 'Wi-Fi', name_en: 'Wi-Fi', parent_id: NET });
    expect(client.getQueryState(['lookups', 'categories'])?.isInvalidated).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Modifier la catégorie Réseau' }));
    dialog = screen.getByRole('dialog');
    const parent = within(dialog).getByRole('combobox', { name: 'Catégorie parente' });
    const options = within(parent).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Aucune (premier niveau)', 'Matériel']);
    await user.selectOptions(parent, HW);
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Catégorie Matériel › Réseau mise à jour.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ parent_id: HW });
  });
});
