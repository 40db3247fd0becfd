import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { apiError, iso, mockApi, signedIn, type Call } from '../test-api';
import { SkillsSection } from './SkillsSection';

const skill = (n: number, kind: 'domain' | 'brand', name_en: string, name_fr: string, agent_count = 0, active = true) => ({
  id: `20000000-0000-4000-8000-00000000000${n}`, kind, name_en, name_fr, active, agent_count, created_at: iso, updated_at: iso,
});
const network = skill(1, 'domain', 'Networking', 'Réseau', 4);
const printing = skill(2, 'domain', 'Printing', 'Impression', 0, false);
const cisco = skill(3, 'brand', 'Cisco', 'Cisco', 1);
const catalogue = [network, printing, cisco];
const listed = (c: Call) => catalogue.filter((s) => !c.query.get('kind') || s.kind === c.query.get('kind'));

afterEach(() => vi.unstubAllGlobals());

const cells = (name: string) => {
  const row = screen.getByRole('rowheader', { name }).closest('tr')!;
  return [...row.querySelectorAll('th, td')].map((c) => c.textContent);
};

describe('SkillsSection', () => {
  it('lists the catalogue with both names, kind, status and holders, filtered by kind on the server', async () => {
    const calls = mockApi({ 'GET /skills': (c) => ({ data: listed(c) }) });
    const user = userEvent.setup();
    renderWithProviders(<SkillsSection canEdit />, { client: signedIn('admin') });
    expect(await screen.findByRole('rowheader', { name: 'Réseau' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Nom en français', 'Nom en anglais', 'Type', 'État', 'Techniciens qui la maîtrisent', 'Actions',
    ]);
    expect(cells('Réseau').slice(0, 5)).toEqual(['Réseau', 'Networking', 'Domaine', 'Active', '4 techniciens']);
    expect(cells('Impression').slice(0, 5)).toEqual(['Impression', 'Printing', 'Domaine', 'Inactive', 'Aucun']);
    expect(cells('Cisco').slice(0, 5)).toEqual(['Cisco', 'Cisco', 'Marque', 'Active', '1 technicien']);

    const filter = screen.getByRole('form', { name: 'Filtrer les compétences' });
    await user.selectOptions(within(filter).getByRole('combobox', { name: 'Afficher' }), 'Marques');
    expect(await screen.findByText('1 compétence')).toBeTruthy();
    expect(screen.queryByRole('rowheader', { name: 'Réseau' })).toBeNull();
    expect(calls.at(-1)?.query.get('kind')).toBe('brand');
  });

  it('creates a skill, showing a name already taken next to its field', async () => {
    let attempt = 0;
    const calls = mockApi({
      'GET /skills': () => ({ data: catalogue }),
      'POST /skills': (c) =>
        ++attempt === 1
          ? apiError(409, 'CONFLICT', 'A skill with this name already exists.', [{ path: 'name_fr', message: 'already used by the skill Réseau' }])
          : { ...skill(4, 'brand', 'Fortinet', 'Fortinet'), ...(c.body as object) },
    });
    const client = signedIn('admin');
    client.setQueryData(['lookups', 'skills'], catalogue);
    const user = userEvent.setup();
    renderWithProviders(<SkillsSection canEdit />, { client });
    const form = await screen.findByRole('form', { name: 'Créer la compétence' });
    await user.click(within(form).getByRole('button', { name: 'Créer la compétence' }));
    expect(within(form).getAllByText('Obligatoire')).toHaveLength(2);
    expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: 'Nom en français' }));

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Type' }), 'brand');
    await user.type(within(form).getByRole('textbox', { name: 'Nom en français' }), 'reseau');
    await user.type(within(form).getByRole('textbox', { name: 'Nom en anglais' }), ' Fortinet ');
    await user.click(within(form).getByRole('button', { name: 'Créer la compétence' }));
    expect(await within(form).findByText('Une autre compétence porte déjà ce nom.')).toBeTruthy();
    const nameFr = within(form).getByRole('textbox', { name: 'Nom en français' });
    expect(nameFr.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('textbox', { name: 'Nom en anglais' }).getAttribute('aria-invalid')).toBe('false');

    await user.clear(nameFr);
    await user.type(nameFr, 'Fortinet');
    await user.click(within(form).getByRole('button', { name: 'Créer la compétence' }));
    expect(await screen.findByText('Compétence Fortinet créée.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({ kind: 'brand', name_fr: 'Fortinet', name_en: 'Fortinet', active: true });
    // The agent form's picker reloads the catalogue.
    expect(client.getQueryState(['lookups', 'skills'])?.isInvalidated).toBe(true);
  });

  it('edits only what changed, deactivates, and explains a refused deletion', async () => {
    const calls = mockApi({
      'GET /skills': () => ({ data: catalogue }),
      [`PATCH /skills/${network.id}`]: (c) => ({ ...network, ...(c.body as object) }),
      [`DELETE /skills/${network.id}`]: () =>
        apiError(409, 'SKILL_IN_USE', 'The skill Networking is used by 4 agent(s), 1 routing rule(s) and 0 open ticket(s); deactivate it instead.', {
          agent_count: 4, routing_rule_count: 1, open_ticket_count: 0,
        }),
    });
    const user = userEvent.setup();
    renderWithProviders(<SkillsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Modifier la compétence Réseau' }));
    const dialog = screen.getByRole('dialog');
    const nameEn = within(dialog).getByRole('textbox', { name: 'Nom en anglais' });
    await user.clear(nameEn);
    await user.type(nameEn, 'Network');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Compétence Réseau enregistrée.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name_en: 'Network' });

    await user.click(screen.getByRole('button', { name: 'Désactiver la compétence Réseau' }));
    expect(await screen.findByText('Compétence Réseau désactivée : les techniciens la gardent, elle n’est plus proposée.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ active: false });

    await user.click(screen.getByRole('button', { name: 'Supprimer la compétence Réseau' }));
    const confirm = screen.getByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Supprimer' }));
    expect((await within(confirm).findByRole('alert')).textContent).toBe(
      'Cette compétence est encore utilisée : 4 techniciens la possèdent, 1 règle de routage l’exige, 0 ticket ouvert en a besoin. Désactivez-la plutôt.',
    );
    expect(screen.getByRole('rowheader', { name: 'Réseau' })).toBeTruthy();
  });

  it('shows managers the catalogue read-only, English name first in English, and who knows a skill', async () => {
    const holder = (id: string, name: string, level: number, active = true) => ({
      id, name, email: `${id}@x.test`, tier: 'L2', active, availability: 'online', team_ids: [], level,
    });
    const calls = mockApi({
      'GET /skills': () => ({ data: catalogue }),
      [`GET /skills/${network.id}/agents`]: () => ({
        skill: network, data: [holder('a1', 'Antoine Girard', 3), holder('a2', 'David Clarke', 2), holder('a3', 'Luc Petit', 1, false)],
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<SkillsSection canEdit={false} />, { client: signedIn('manager'), locale: 'en' });
    expect(await screen.findByRole('rowheader', { name: 'Networking' })).toBeTruthy();
    expect(cells('Networking')).toEqual(['Networking', 'Réseau', 'Domain', 'Active', '4 agents']);
    expect(screen.getByText(/Read only/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Edit|Delete|Deactivate/ })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Create the skill' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'See the agents who know Networking' }));
    const dialog = screen.getByRole('dialog', { name: 'Agents who know Networking' });
    const rows = (await within(dialog).findAllByRole('row')).slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Antoine Girard', 'Level 2', '3 — Expert'],
      ['David Clarke', 'Level 2', '2 — Proficient'],
      ['Luc Petit (account disabled)', 'Level 2', '1 — Basic'],
    ]);
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });
});
