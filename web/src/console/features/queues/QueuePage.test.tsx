import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTicket, buildView, builtinQueues, IDS, json, mockApi, renderQueues } from './test/fixtures';

afterEach(() => vi.unstubAllGlobals());

const HOUR = 3_600_000;

function twoTickets() {
  return [
    buildTicket({
      number: 1042,
      subject: 'Le VPN ne se connecte plus',
      status: 'open',
      priority: 'P1',
      tier: 'L2',
      team_id: IDS.teamNet,
      assignee_id: IDS.me,
      channel: 'email',
      requester: { id: IDS.requester, name: 'Marc Petit', email: null },
      created_at: new Date(Date.now() - 3 * HOUR).toISOString(),
      sla: {
        policy: { id: IDS.me, name: 'Standard' }, calendar: { id: null, name: 'Paris' }, priority: 'P1', paused: false, breached: true,
        due_at: new Date(Date.now() - 30 * 60_000).toISOString(), targets: [],
      },
    }),
    buildTicket({
      number: 1043,
      subject: 'Imprimante du 2e étage',
      status: 'pending',
      priority: 'P4',
      channel: 'phone',
      requester: { id: IDS.requester, name: 'Sophie Laurent', email: null },
    }),
  ];
}

const rowOf = (subject: string) => screen.getByRole('link', { name: subject }).closest('tr')!;

describe('ticket list', () => {
  it('lists a queue with every column, in French', async () => {
    const api = mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    renderQueues('/queues/mine');

    const row = within(await waitFor(() => rowOf('Le VPN ne se connecte plus')));
    expect(screen.getByRole('heading', { level: 1, name: 'Mes tickets' })).toBeTruthy();
    expect(screen.getByText('2 tickets')).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual([
      'N°',
      'Objet',
      'Demandeur',
      'Statut',
      'Priorité',
      'SLA',
      'Niveau',
      'Équipe',
      'Attribué à',
      'Ancienneté',
      'Mis à jour',
      'Canal',
    ]);
    expect(row.getByText('#1042')).toBeTruthy();
    expect(row.getByText('Marc Petit')).toBeTruthy();
    expect(row.getByText('Ouvert')).toBeTruthy();
    expect(row.getByText('P1')).toBeTruthy();
    expect(row.getByText('P1 — Critique')).toBeTruthy();
    expect(row.getByText('N2')).toBeTruthy();
    expect(row.getByText('Léa Dubois')).toBeTruthy();
    expect(row.getByRole('img', { name: 'E-mail' })).toBeTruthy();
    expect(row.getByText('il y a 3 heures')).toBeTruthy();
    expect(row.getByText('dépassé de 30min').closest('.sla-due')?.textContent).toBe('⛔ dépassé de 30min');
    await waitFor(() => expect(row.getByText('Réseau')).toBeTruthy());

    const other = within(rowOf('Imprimante du 2e étage'));
    expect(other.getByText('En attente du demandeur')).toBeTruthy();
    expect(other.getByText('Non attribué')).toBeTruthy();
    expect(other.getByText('Sans équipe')).toBeTruthy();
    expect(other.getByRole('img', { name: 'Téléphone' })).toBeTruthy();

    // The queue's own query, as /queues gave it, is what the list asks for.
    expect(api.lastListQuery()).toEqual({ assignee: 'me', status: 'new,open,pending,on_hold', limit: '50' });
  });

  it('speaks English too, with the plural count', async () => {
    mockApi({
      'GET /queues': () => ({ data: builtinQueues({ mine: 1 }) }),
      'GET /tickets': () => ({ data: twoTickets().slice(0, 1), next_cursor: null }),
    });
    renderQueues('/queues/mine', { locale: 'en' });
    const row = within(await waitFor(() => rowOf('Le VPN ne se connecte plus')));
    expect(screen.getByRole('heading', { level: 1, name: 'My tickets' })).toBeTruthy();
    expect(screen.getByText('1 ticket')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /Assignee/ })).toBeTruthy();
    expect(row.getByText('Open')).toBeTruthy();
    expect(row.getByText('P1 — Critical')).toBeTruthy();
    expect(row.getByText('Level 2')).toBeTruthy();
    expect(row.getByRole('img', { name: 'Email' })).toBeTruthy();
    expect(row.getByText('3 hours ago')).toBeTruthy();
  });

  it('shows the queues with their counts, the current one marked', async () => {
    mockApi({
      'GET /queues': () => ({
        data: [...builtinQueues(), { key: IDS.view, kind: 'view', name: 'P1 réseau', count: 3, query: { priority: 'P1' } }],
      }),
    });
    renderQueues('/queues/open');
    const nav = within(await screen.findByRole('navigation', { name: 'Files et vues' }));
    const current = await nav.findByRole('link', { name: /Tous les tickets ouverts/ });
    expect(current.getAttribute('aria-current')).toBe('page');
    expect(current.textContent).toContain('42');
    expect(nav.getByRole('link', { name: /Mes tickets/ }).getAttribute('aria-current')).toBeNull();
    expect(nav.getByRole('link', { name: /Non attribués de mes équipes, 5 tickets/ }).getAttribute('href')).toBe(
      '/queues/team_unassigned',
    );
    expect(nav.getByRole('link', { name: /P1 réseau, 3 tickets/ }).getAttribute('href')).toBe(`/views/${IDS.view}`);
  });

  it('says when a queue is empty, and when the list fails', async () => {
    mockApi({});
    renderQueues('/queues/pending');
    expect(await screen.findByText('Aucun ticket dans cette file.')).toBeTruthy();
  });

  it('reports a failed list with a retry', async () => {
    let fail = true;
    mockApi({
      'GET /tickets': () =>
        fail ? json({ error: { code: 'INTERNAL', message: 'base indisponible' } }, 500) : { data: twoTickets(), next_cursor: null },
    });
    renderQueues('/queues/mine');
    expect((await screen.findByRole('alert')).textContent).toContain('Une erreur est survenue : base indisponible');
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' })).toBeTruthy();
  });

  it('says so for an unknown queue', async () => {
    mockApi({});
    renderQueues('/queues/nope');
    expect(await screen.findByText('Cette file n’existe pas.')).toBeTruthy();
  });

  it('loads the next page with the cursor and focuses its first row', async () => {
    const api = mockApi({
      'GET /tickets': (c) =>
        c.query.get('cursor') === 'c1'
          ? { data: [buildTicket({ subject: 'Page deux' })], next_cursor: null }
          : { data: twoTickets(), next_cursor: 'c1' },
    });
    renderQueues('/queues/mine');
    const more = await screen.findByRole('button', { name: 'Afficher plus' });
    await userEvent.setup().click(more);
    const link = await screen.findByRole('link', { name: 'Page deux' });
    expect(api.lastListQuery()).toMatchObject({ cursor: 'c1', assignee: 'me' });
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(link));
  });
});

describe('filter bar', () => {
  it('narrows the list by status, sends it and writes it in the URL', async () => {
    const api = mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });

    await user.click(screen.getByRole('button', { name: 'Statut : 4 sélectionnés' }));
    const group = within(screen.getByRole('group', { name: 'Statut' }));
    expect((group.getByRole('checkbox', { name: 'Ouvert' }) as HTMLInputElement).checked).toBe(true);
    await user.click(group.getByRole('checkbox', { name: 'En attente du demandeur' }));

    expect(location()).toBe('/queues/mine?status=new,open,on_hold');
    await waitFor(() => expect(api.lastListQuery()).toMatchObject({ status: 'new,open,on_hold', assignee: 'me' }));
    // The queue count no longer describes the list: the header counts what is shown.
    expect(await screen.findByText('2 tickets affichés')).toBeTruthy();
  });

  it('searches full text and filters by assignee, team and priority', async () => {
    const api = mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/open');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher des tickets' }), 'imprimante{Enter}');
    await waitFor(() => expect(api.lastListQuery()).toEqual({ status: 'new,open', q: 'imprimante', limit: '50' }));
    expect(screen.getByText('Triés par pertinence')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Attribué à' }), 'Non attribué');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Équipe' }), 'Réseau');
    await user.click(within(screen.getByRole('search')).getByRole('button', { name: 'Priorité' }));
    await user.click(screen.getByRole('checkbox', { name: 'P2 — Haute' }));
    await user.click(screen.getByRole('checkbox', { name: 'P1 — Critique' }));

    expect(location()).toBe(`/queues/open?q=imprimante&priority=P1,P2&team=${IDS.teamNet}&assignee=none`);
    await waitFor(() =>
      expect(api.lastListQuery()).toEqual({
        status: 'new,open',
        q: 'imprimante',
        assignee: 'none',
        team: IDS.teamNet,
        priority: 'P1,P2',
        limit: '50',
      }),
    );
    expect(screen.getByRole('button', { name: 'Priorité : P1 — Critique, P2 — Haute' })).toBeTruthy();

    await user.click(screen.getAllByRole('button', { name: 'Réinitialiser les filtres' })[0]!);
    expect(location()).toBe('/queues/open');
    await waitFor(() => expect(api.lastListQuery()).toEqual({ status: 'new,open', limit: '50' }));
    expect((screen.getByRole('searchbox', { name: 'Rechercher des tickets' }) as HTMLInputElement).value).toBe('');
  });

  it('opens a shared URL with its filters applied and shown', async () => {
    const api = mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    renderQueues(`/queues/open?status=&tier=L2,L3&channel=phone&category=${IDS.category}&team=none`);
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });
    expect(api.lastListQuery()).toEqual({ tier: 'L2,L3', channel: 'phone', category: IDS.category, team: 'none', limit: '50' });
    expect(screen.getByRole('button', { name: 'Statut' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Niveau : N2, N3' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Canal : Téléphone' })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Équipe' }) as HTMLSelectElement).value).toBe('none');
    await waitFor(() =>
      expect((screen.getByRole('combobox', { name: 'Catégorie' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
        'Réseau › VPN',
      ),
    );
  });
});

describe('sorting', () => {
  it('sorts through the API and says so with aria-sort', async () => {
    const api = mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });
    const header = (name: RegExp) => screen.getByRole('columnheader', { name });

    expect(header(/Mis à jour/).getAttribute('aria-sort')).toBe('descending');
    expect(header(/Priorité/).getAttribute('aria-sort')).toBeNull();

    await user.click(within(header(/Priorité/)).getByRole('button'));
    await waitFor(() => expect(api.lastListQuery()).toMatchObject({ sort: '-priority' }));
    expect(location()).toBe('/queues/mine?sort=-priority');
    expect(header(/Priorité/).getAttribute('aria-sort')).toBe('descending');
    expect(header(/Mis à jour/).getAttribute('aria-sort')).toBeNull();

    await user.click(within(header(/Priorité/)).getByRole('button'));
    await waitFor(() => expect(api.lastListQuery()).toMatchObject({ sort: 'priority' }));
    expect(header(/Priorité/).getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(header(/N°/)).getByRole('button'));
    await waitFor(() => expect(api.lastListQuery()).toMatchObject({ sort: '-number' }));
    // A sort alone lists the same tickets: the queue count still holds.
    expect(screen.getByText('2 tickets')).toBeTruthy();
  });

  it('sorts by the SLA column, nearest deadline first, kept in the URL', async () => {
    const api = mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });
    const sla = () => screen.getByRole('columnheader', { name: /^SLA/ });
    expect(sla().getAttribute('aria-sort')).toBeNull();

    await user.click(within(sla()).getByRole('button', { name: /SLA/ }));
    await waitFor(() => expect(api.lastListQuery()).toMatchObject({ sort: 'sla_due' }));
    expect(location()).toBe('/queues/mine?sort=sla_due');
    expect(sla().getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: /Mis à jour/ }).getAttribute('aria-sort')).toBeNull();

    await user.click(within(sla()).getByRole('button'));
    await waitFor(() => expect(api.lastListQuery()).toMatchObject({ sort: '-sla_due' }));
    expect(location()).toBe('/queues/mine?sort=-sla_due');
    expect(sla().getAttribute('aria-sort')).toBe('descending');
  });
});

describe('keyboard', () => {
  it('moves with j/k, opens with Enter, / goes to the search, ? shows the help', async () => {
    mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });
    const first = rowOf('Le VPN ne se connecte plus');
    const second = rowOf('Imprimante du 2e étage');

    await user.keyboard('j');
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(within(first).getByRole('link'));
    await user.keyboard('j');
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(first.getAttribute('aria-selected')).toBe('false');
    await user.keyboard('j'); // stays on the last row
    expect(second.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('k');
    expect(first.getAttribute('aria-selected')).toBe('true');

    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Rechercher des tickets' });
    expect(document.activeElement).toBe(search);
    await user.keyboard('jk');
    expect((search as HTMLInputElement).value).toBe('jk');
    expect(first.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Escape}');

    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Raccourcis clavier' });
    expect(within(help).getByText('Ouvrir le ticket sélectionné')).toBeTruthy();
    await user.click(within(help).getByRole('button', { name: 'Fermer' }));

    await user.keyboard('j{Enter}');
    expect(location()).toBe('/tickets/1043');
    expect(await screen.findByText('ticket page 1043')).toBeTruthy();
  });

  it('leaves Enter alone on buttons and when nothing is selected', async () => {
    mockApi({ 'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }) });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });
    await user.keyboard('{Enter}');
    expect(location()).toBe('/queues/mine');
    await user.click(rowOf('Imprimante du 2e étage').querySelector('td')!);
    screen.getByRole('button', { name: 'Enregistrer comme vue' }).focus();
    await user.keyboard('{Enter}');
    expect(location()).toBe('/queues/mine');
    expect(await screen.findByRole('dialog', { name: 'Enregistrer comme vue' })).toBeTruthy();
  });
});

describe('saved views', () => {
  it('saves the filtered list as a shared view and opens it', async () => {
    const views: ReturnType<typeof buildView>[] = [];
    const api = mockApi({
      'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }),
      'GET /queues': () => ({
        data: [...builtinQueues(), ...views.map((v) => ({ key: v.id, kind: 'view', name: v.name, count: 1, query: v.query }))],
      }),
      'GET /views': () => ({ data: views }),
      'POST /views': (c) => {
        const body = c.body as { name: string; query: Record<string, string>; shared: boolean };
        const v = buildView({ ...body });
        views.push(v);
        return v;
      },
    });
    const user = userEvent.setup();
    const { location } = renderQueues('/queues/mine?priority=P1');
    await screen.findByRole('link', { name: 'Le VPN ne se connecte plus' });

    await user.click(screen.getByRole('button', { name: 'Enregistrer comme vue' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Enregistrer comme vue' }));
    await user.type(dialog.getByRole('textbox', { name: 'Nom' }), 'Mes P1');
    await user.click(dialog.getByRole('checkbox', { name: 'Partager avec tous les agents' }));
    await user.click(dialog.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(api.to('POST /views')).toHaveLength(1));
    expect(api.to('POST /views')[0]!.body).toEqual({
      name: 'Mes P1',
      query: { assignee: 'me', status: 'new,open,pending,on_hold', priority: 'P1' },
      shared: true,
    });
    await waitFor(() => expect(location()).toBe(`/views/${IDS.view}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mes P1' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Mes P1/ }).getAttribute('aria-current')).toBe('page');
  });

  it('lets the owner rename and delete a view; others only use it', async () => {
    const own = buildView();
    const shared = buildView({ id: IDS.sharedView, name: 'Équipe réseau', shared: true, owner_id: IDS.other });
    const api = mockApi({
      'GET /queues': () => ({
        data: [
          ...builtinQueues(),
          { key: own.id, kind: 'view', name: own.name, count: 3, query: own.query },
          { key: shared.id, kind: 'view', name: shared.name, count: 8, query: shared.query },
        ],
      }),
      'GET /views': () => ({ data: [own, shared] }),
      'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }),
      'PATCH /views/:id': (c) => ({ ...own, ...(c.body as object) }),
      'DELETE /views/:id': () => undefined,
    });
    const user = userEvent.setup();
    const { location } = renderQueues(`/views/${shared.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Équipe réseau' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Équipe réseau · partagée/ })).toBeTruthy();
    expect(api.lastListQuery()).toEqual({ priority: 'P1', team: IDS.teamNet, limit: '50' });
    expect(screen.queryByRole('button', { name: 'Renommer' })).toBeNull();

    await user.click(screen.getByRole('link', { name: /P1 réseau/ }));
    await user.click(await screen.findByRole('button', { name: 'Renommer' }));
    const rename = within(await screen.findByRole('dialog', { name: 'Renommer la vue' }));
    const name = rename.getByRole('textbox', { name: 'Nom' });
    await user.clear(name);
    await user.type(name, 'P1 du réseau');
    await user.click(rename.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(api.to(`PATCH /views/${own.id}`).map((c) => c.body)).toEqual([{ name: 'P1 du réseau' }]));

    await user.click(screen.getByRole('button', { name: 'Supprimer' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Supprimer la vue' }));
    expect(confirm.getByText('Supprimer la vue « P1 réseau » ? Les tickets eux-mêmes ne sont pas modifiés.')).toBeTruthy();
    await user.click(confirm.getByRole('button', { name: 'Supprimer' }));
    await waitFor(() => expect(api.to(`DELETE /views/${own.id}`)).toHaveLength(1));
    await waitFor(() => expect(location()).toBe('/queues/mine'));
  });

  it('saves changed filters back into an own view', async () => {
    const own = buildView();
    const api = mockApi({
      'GET /queues': () => ({ data: [...builtinQueues(), { key: own.id, kind: 'view', name: own.name, count: 3, query: own.query }] }),
      'GET /views': () => ({ data: [own] }),
      'GET /tickets': () => ({ data: twoTickets(), next_cursor: null }),
      'PATCH /views/:id': (c) => ({ ...own, ...(c.body as object) }),
    });
    const user = userEvent.setup();
    const { location } = renderQueues(`/views/${own.id}?tier=L3`);
    await user.click(await screen.findByRole('button', { name: 'Enregistrer les filtres dans cette vue' }));
    await waitFor(() =>
      expect(api.to(`PATCH /views/${own.id}`)[0]?.body).toEqual({ query: { priority: 'P1', team: IDS.teamNet, tier: 'L3' } }),
    );
    await waitFor(() => expect(location()).toBe(`/views/${own.id}`));
  });
});
