import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { MailboxesSection } from './MailboxesSection';
import { apiError, iso, mockApi, signedIn } from './test-api';

const SECRET = 'imap-S3cret!pass';
const SUPPORT = '30000000-0000-4000-8000-000000000001';
const ARCHIVE = '30000000-0000-4000-8000-000000000002';
const support = {
  id: SUPPORT,
  name: 'Support',
  host: 'imap.exemple.fr',
  port: 993,
  tls: 'implicit',
  username: 'support@exemple.fr',
  has_password: true,
  folder: 'INBOX',
  after_import: 'flag',
  move_to: null,
  enabled: true,
  uid_validity: 1,
  last_uid: 120,
  last_polled_at: '2026-07-01T12:05:00.000Z',
  last_error: null,
  created_at: iso,
  updated_at: iso,
};
const archive = {
  ...support,
  id: ARCHIVE,
  name: 'Archive',
  host: '192.0.2.25',
  port: 143,
  tls: 'starttls',
  after_import: 'move',
  move_to: 'INBOX/Importés',
  enabled: false,
  last_polled_at: null,
  last_error: 'Message 57 was left on the server: it is larger than the 25 MB limit.',
};

afterEach(() => vi.unstubAllGlobals());

/** Every string the page holds: visible text plus every input's value. */
const everything = () =>
  document.body.textContent! + [...document.querySelectorAll('input')].map((i) => i.value).join(' ');

describe('MailboxesSection', () => {
  it('lists mailboxes with server, security, account, folder, action after import, status, last check and problems', async () => {
    mockApi({ 'GET /admin/mailboxes': () => ({ data: [support, archive] }) });
    renderWithProviders(<MailboxesSection />, { client: signedIn('admin'), timeZone: 'America/New_York' });
    const row = (await screen.findByRole('rowheader', { name: 'Support' })).closest('tr')!;
    expect(within(row).getByText('imap.exemple.fr:993')).toBeTruthy();
    expect(within(row).getByText('TLS (port 993 en général)')).toBeTruthy();
    expect(within(row).getByText('support@exemple.fr')).toBeTruthy();
    expect(within(row).getByText('Marquer comme lu')).toBeTruthy();
    expect(within(row).getByText('Activée')).toBeTruthy();
    // 12:05 UTC in July is 08:05 in New York.
    expect(within(row).getByText(/08:05/)).toBeTruthy();

    const other = screen.getByRole('rowheader', { name: 'Archive' }).closest('tr')!;
    expect(within(other).getByText('Déplacer vers INBOX/Importés')).toBeTruthy();
    expect(within(other).getByText('Désactivée')).toBeTruthy();
    expect(within(other).getByText('Pas encore')).toBeTruthy();
    expect(within(other).getByText('Attention, dernier problème signalé :')).toBeTruthy();
    const problem = within(other).getByText(/Message 57 was left on the server/);
    expect(problem.getAttribute('lang')).toBe('en');
  });

  it('validates, then creates a mailbox with the right body and never shows the password again', async () => {
    let boxes: unknown[] = [];
    const calls = mockApi({
      'GET /admin/mailboxes': () => ({ data: boxes }),
      'POST /admin/mailboxes': (c) => {
        const created: Record<string, unknown> = { ...support, ...(c.body as object), port: 993, id: SUPPORT, has_password: true };
        delete created.password; // never in an answer
        boxes = [created];
        return created;
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<MailboxesSection />, { client: signedIn('admin') });
    expect(await screen.findByText(/Aucune boîte IMAP pour l’instant/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Nouvelle boîte' }));
    const dialog = screen.getByRole('dialog');

    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la boîte' }));
    expect(within(dialog).getAllByText('Obligatoire')).toHaveLength(4); // name, server, user name, password
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Nom' }));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Nom' }), 'Support');
    await user.type(within(dialog).getByRole('textbox', { name: 'Serveur IMAP' }), 'imap.exemple.fr');
    await user.type(within(dialog).getByRole('textbox', { name: 'Identifiant' }), 'support@exemple.fr');
    const password = within(dialog).getByLabelText('Mot de passe');
    expect(password.getAttribute('type')).toBe('password');
    expect(password.getAttribute('autocomplete')).toBe('new-password');
    await user.type(password, SECRET);
    await user.click(within(dialog).getByRole('radio', { name: 'Déplacer vers un autre dossier' }));
    const moveTo = within(dialog).getByRole('textbox', { name: 'Dossier de destination' });
    await user.type(moveTo, 'INBOX');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la boîte' }));
    expect(within(dialog).getByText('Choisissez un autre dossier que celui relevé par Relais.')).toBeTruthy();
    expect(document.activeElement).toBe(moveTo);
    await user.clear(moveTo);
    await user.type(moveTo, 'INBOX/Importés');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la boîte' }));

    expect(await screen.findByText('Boîte Support ajoutée.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      {
        name: 'Support',
        host: 'imap.exemple.fr',
        tls: 'implicit',
        username: 'support@exemple.fr',
        password: SECRET,
        folder: 'INBOX',
        after_import: 'move',
        move_to: 'INBOX/Importés',
        enabled: true,
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('rowheader', { name: 'Support' })).toBeTruthy();
    expect(everything()).not.toContain(SECRET);

    // Reopening the form never brings the password back.
    await user.click(screen.getByRole('button', { name: 'Modifier la boîte Support' }));
    expect((screen.getByLabelText('Mot de passe') as HTMLInputElement).value).toBe('');
    expect(everything()).not.toContain(SECRET);
  });

  it('shows the server’s refusals next to the fields they concern', async () => {
    const calls = mockApi({
      'GET /admin/mailboxes': () => ({ data: [] }),
      'POST /admin/mailboxes': () =>
        apiError(400, 'VALIDATION_FAILED', 'The mailbox settings are not valid.', [
          { path: 'host', message: 'must be a host name or an IP address' },
        ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<MailboxesSection />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Nouvelle boîte' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Nom' }), 'Support');
    const host = within(dialog).getByRole('textbox', { name: 'Serveur IMAP' });
    await user.type(host, 'imap_exemple!');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '99999');
    await user.type(within(dialog).getByRole('textbox', { name: 'Identifiant' }), 'support');
    await user.type(within(dialog).getByLabelText('Mot de passe'), SECRET);
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la boîte' }));
    expect(within(dialog).getByText('Saisissez un numéro de port entre 1 et 65535.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.clear(within(dialog).getByRole('textbox', { name: 'Port' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '1993');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la boîte' }));
    expect(await within(dialog).findByText('Saisissez un nom d’hôte ou une adresse IP.')).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Le serveur a refusé les données/);
    expect(document.activeElement).toBe(host);
    expect((calls.find((c) => c.method === 'POST')?.body as { port: number }).port).toBe(1993);
  });

  it('edits a mailbox without sending a password unless a new one is typed', async () => {
    const calls = mockApi({
      'GET /admin/mailboxes': () => ({ data: [support] }),
      [`PATCH /admin/mailboxes/${SUPPORT}`]: (c) => ({ ...support, ...(c.body as object) }),
    });
    const user = userEvent.setup();
    renderWithProviders(<MailboxesSection />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Modifier la boîte Support' }));
    let dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/Un mot de passe est enregistré. Laissez ce champ vide pour le conserver/)).toBeTruthy();
    // The usual port follows the security mode.
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Sécurité' }), 'starttls');
    expect((within(dialog).getByRole('textbox', { name: 'Port' }) as HTMLInputElement).value).toBe('143');
    const folder = within(dialog).getByRole('textbox', { name: 'Dossier' });
    await user.clear(folder);
    await user.type(folder, 'Support');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Boîte Support mise à jour.')).toBeTruthy();
    const patches = () => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);
    expect(patches()).toEqual([{ tls: 'starttls', port: 143, folder: 'Support' }]);

    await user.click(screen.getByRole('button', { name: 'Modifier la boîte Support' }));
    dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Mot de passe'), SECRET);
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await vi.waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1]).toEqual({ password: SECRET });
  });

  it('tests the connection and says what it found, or why it failed', async () => {
    const calls = mockApi({
      'GET /admin/mailboxes': () => ({ data: [support, archive] }),
      [`POST /admin/mailboxes/${SUPPORT}/test`]: () => ({ ok: true, error: null, idle: true, messages: 12 }),
      [`POST /admin/mailboxes/${ARCHIVE}/test`]: () => ({
        ok: false,
        error: 'Authentication failed for user support@exemple.fr',
        idle: null,
        messages: null,
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<MailboxesSection />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Tester la connexion à Support' }));
    const ok = await screen.findByText('Connexion à Support réussie.');
    const okLine = ok.closest('p')!;
    expect(okLine.getAttribute('role')).toBe('status');
    expect(okLine.textContent).toContain('12 messages dans le dossier.');
    expect(okLine.textContent).toContain('Le serveur gère IDLE : les nouveaux messages sont vus aussitôt.');

    await user.click(screen.getByRole('button', { name: 'Tester la connexion à Archive' }));
    const failed = await screen.findByText('Échec de la connexion à Archive :');
    const failedLine = failed.closest('p')!;
    expect(failedLine.getAttribute('role')).toBe('alert');
    const reason = within(failedLine).getByText('Authentication failed for user support@exemple.fr');
    expect(reason.getAttribute('lang')).toBe('en');
    // Both results stay next to their mailbox.
    expect(screen.getByText('Connexion à Support réussie.')).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/test')).map((c) => c.path)).toEqual([
      `/admin/mailboxes/${SUPPORT}/test`,
      `/admin/mailboxes/${ARCHIVE}/test`,
    ]);
  });

  it('deletes a mailbox after confirmation, and shows a refusal in the dialog', async () => {
    let boxes: unknown[] = [support, archive];
    let refuse = true;
    const calls = mockApi({
      'GET /admin/mailboxes': () => ({ data: boxes }),
      [`DELETE /admin/mailboxes/${ARCHIVE}`]: () => {
        if (refuse) return apiError(403, 'FORBIDDEN', 'You are not allowed to do this.');
        boxes = [support];
        return undefined;
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<MailboxesSection />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Supprimer la boîte Archive' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/rien n’est modifié sur le serveur IMAP/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Vous n’avez pas le droit d’effectuer cette action.');
    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    expect(await screen.findByText('Boîte Archive supprimée.')).toBeTruthy();
    await vi.waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Archive' })).toBeNull());
  });
});
