import { useState, type FormEvent } from 'react';
import type { CreateMailboxInput, Mailbox, MailboxTestResult, UpdateMailboxInput } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useFormat } from '../../../shared/i18n/format';
import { Dialog } from '../../../shared/ui/Dialog';
import { useCreateMailbox, useDeleteMailbox, useMailboxes, useTestMailbox, useUpdateMailbox } from './api';
import { blamedFields, useApiErrorText } from './errors';
import { ConfirmDeleteDialog, Field, FormError, hasErrors, useFocusFirstError, type FieldErrors, QueryStatus } from './form';

type Tls = Mailbox['tls'];
type AfterImport = Mailbox['after_import'];
const TLS_MODES = ['implicit', 'starttls', 'none'] as const satisfies readonly Tls[];
const AFTER_IMPORT = ['flag', 'move'] as const satisfies readonly AfterImport[];

/** The port the server picks when none is given (src/http/routes/mailboxes.ts). */
export const defaultPort = (tls: Tls): number => (tls === 'implicit' ? 993 : 143);

// The limits of src/http/schemas/mailboxes.ts, checked here so the usual mistakes are caught before a round trip.
const MAX = { name: 100, host: 253, username: 320, password: 1000, folder: 200 } as const;
const CONTROL = /[\u0000-\u001f\u007f]/;

type MailboxField = 'name' | 'host' | 'port' | 'username' | 'password' | 'folder' | 'move_to';

interface Draft {
  name: string;
  host: string;
  port: string;
  tls: Tls;
  username: string;
  /** Typed by the administrator; never filled from the server (it never sends the password back). */
  password: string;
  folder: string;
  afterImport: AfterImport;
  moveTo: string;
  enabled: boolean;
}

const emptyDraft: Draft = {
  name: '',
  host: '',
  port: '',
  tls: 'implicit',
  username: '',
  password: '',
  folder: 'INBOX',
  afterImport: 'flag',
  moveTo: '',
  enabled: true,
};

const draftOf = (m: Mailbox): Draft => ({
  name: m.name,
  host: m.host,
  port: String(m.port),
  tls: m.tls,
  username: m.username,
  password: '',
  folder: m.folder,
  afterImport: m.after_import,
  moveTo: m.move_to ?? '',
  enabled: m.enabled,
});

/** The body of a new mailbox: an empty port lets the server pick the usual one for the security mode. */
export function createBody(d: Draft): CreateMailboxInput {
  return {
    name: d.name.trim(),
    host: d.host.trim(),
    ...(d.port.trim() ? { port: Number(d.port) } : {}),
    tls: d.tls,
    username: d.username,
    password: d.password,
    folder: d.folder.trim(),
    after_import: d.afterImport,
    ...(d.afterImport === 'move' ? { move_to: d.moveTo.trim() } : {}),
    enabled: d.enabled,
  };
}

/** Only what changed; an empty password keeps the stored one, so it is left out. */
export function updateBody(m: Mailbox, d: Draft): UpdateMailboxInput {
  const body: UpdateMailboxInput = {};
  const next = createBody(d);
  if (next.name !== m.name) body.name = next.name;
  if (next.host !== m.host) body.host = next.host;
  if (next.port !== undefined && next.port !== m.port) body.port = next.port;
  if (d.tls !== m.tls) body.tls = d.tls;
  if (d.username !== m.username) body.username = d.username;
  if (d.password) body.password = d.password;
  if (next.folder !== m.folder) body.folder = next.folder;
  if (d.afterImport !== m.after_import) body.after_import = d.afterImport;
  const moveTo = d.afterImport === 'move' ? d.moveTo.trim() : null;
  if (d.afterImport === 'move' && moveTo !== m.move_to) body.move_to = moveTo;
  if (d.enabled !== m.enabled) body.enabled = d.enabled;
  return body;
}

function MailboxForm({ mailbox, onDone, onCancel }: { mailbox: Mailbox | null; onDone: (m: Mailbox) => void; onCancel: () => void }) {
  const t = useT();
  const errorText = useApiErrorText();
  const create = useCreateMailbox();
  const update = useUpdateMailbox();
  const { ref, focusFirstError } = useFocusFirstError();
  const [draft, setDraft] = useState<Draft>(mailbox ? draftOf(mailbox) : emptyDraft);
  const [errors, setErrors] = useState<FieldErrors<MailboxField>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const busy = create.isPending || update.isPending;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function changeTls(tls: Tls) {
    // A port left at the old mode's usual value follows the mode; a custom port stays.
    setDraft((d) => ({ ...d, tls, port: d.port === String(defaultPort(d.tls)) ? String(defaultPort(tls)) : d.port }));
  }

  const text = (v: string, max: number, required = true) =>
    !v.trim() ? (required ? t('common.required') : undefined) : v.length > max ? t('admin.form.tooLong', { max }) : undefined;

  function check(d: Draft): FieldErrors<MailboxField> {
    const port = d.port.trim();
    return {
      name: text(d.name, MAX.name),
      host: text(d.host, MAX.host) ?? (/\s/.test(d.host.trim()) ? t('admin.mailboxes.invalid.host') : undefined),
      port: port && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535) ? t('admin.mailboxes.portInvalid') : undefined,
      username: text(d.username, MAX.username) ?? (CONTROL.test(d.username) ? t('admin.mailboxes.invalid.text') : undefined),
      password: mailbox && !d.password ? undefined : text(d.password, MAX.password),
      folder: text(d.folder, MAX.folder) ?? (CONTROL.test(d.folder) ? t('admin.mailboxes.invalid.text') : undefined),
      move_to:
        d.afterImport !== 'move'
          ? undefined
          : (text(d.moveTo, MAX.folder) ??
            (CONTROL.test(d.moveTo) ? t('admin.mailboxes.invalid.text') : d.moveTo.trim() === d.folder.trim() ? t('admin.mailboxes.moveToSame') : undefined)),
    };
  }

  /** The server's reasons, field by field (VALIDATION_FAILED details, or CONFLICT on the name). */
  function serverFieldErrors(err: unknown): FieldErrors<MailboxField> {
    const blamed = new Set(blamedFields(err));
    return {
      name: blamed.has('name') ? t('admin.error.nameTaken') : undefined,
      host: blamed.has('host') ? t('admin.mailboxes.invalid.host') : undefined,
      port: blamed.has('port') ? t('admin.mailboxes.portInvalid') : undefined,
      username: blamed.has('username') ? t('admin.mailboxes.invalid.text') : undefined,
      password: blamed.has('password') ? t('admin.mailboxes.invalid.password') : undefined,
      folder: blamed.has('folder') ? t('admin.mailboxes.invalid.text') : undefined,
      move_to: blamed.has('move_to') ? t('admin.mailboxes.moveToSame') : undefined,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const found = check(draft);
    setErrors(found);
    if (hasErrors(found)) return focusFirstError();
    try {
      if (!mailbox) {
        onDone(await create.mutateAsync(createBody(draft)));
      } else {
        const body = updateBody(mailbox, draft);
        onDone(Object.keys(body).length ? await update.mutateAsync({ id: mailbox.id, body }) : mailbox);
      }
    } catch (err) {
      setErrors(serverFieldErrors(err));
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={mailbox ? t('admin.mailboxes.editNamed', { name: mailbox.name }) : t('admin.mailboxes.new')}>
      <Field label={t('admin.mailboxes.name')} error={errors.name} hint={t('admin.mailboxes.nameHint')}>
        {(p) => <input {...p} value={draft.name} maxLength={MAX.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <div className="row admin-row-fields">
        <Field label={t('admin.mailboxes.host')} error={errors.host} hint={t('admin.mailboxes.hostHint')}>
          {(p) => (
            <input {...p} value={draft.host} maxLength={MAX.host} autoComplete="off" spellCheck={false} onChange={(e) => set('host', e.target.value)} />
          )}
        </Field>
        <Field label={t('admin.mailboxes.tls')}>
          {(p) => (
            <select {...p} value={draft.tls} onChange={(e) => changeTls(e.target.value as Tls)}>
              {TLS_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`admin.mailboxes.tls.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          className="mailbox-port"
          label={t('admin.mailboxes.port')}
          error={errors.port}
          hint={t('admin.mailboxes.portHint', { port: defaultPort(draft.tls) })}
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.port}
              placeholder={String(defaultPort(draft.tls))}
              maxLength={5}
              onChange={(e) => set('port', e.target.value)}
            />
          )}
        </Field>
      </div>
      {draft.tls === 'none' && <p className="banner banner-warn">{t('admin.mailboxes.tlsNoneWarning')}</p>}
      <div className="row admin-row-fields">
        <Field label={t('admin.mailboxes.username')} error={errors.username}>
          {(p) => (
            <input
              {...p}
              value={draft.username}
              maxLength={MAX.username}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set('username', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('admin.mailboxes.password')}
          error={errors.password}
          hint={mailbox?.has_password ? t('admin.mailboxes.passwordKeep') : t('admin.mailboxes.passwordHint')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              value={draft.password}
              maxLength={MAX.password}
              // Not the administrator's own password: keep the browser from filling or saving theirs here.
              autoComplete="new-password"
              onChange={(e) => set('password', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('admin.mailboxes.folder')} error={errors.folder} hint={t('admin.mailboxes.folderHint')}>
        {(p) => <input {...p} value={draft.folder} maxLength={MAX.folder} spellCheck={false} onChange={(e) => set('folder', e.target.value)} />}
      </Field>
      <fieldset className="field admin-checks">
        <legend>{t('admin.mailboxes.afterImport')}</legend>
        {AFTER_IMPORT.map((a) => (
          <label key={a} className="check">
            <input type="radio" name="after_import" value={a} checked={draft.afterImport === a} onChange={() => set('afterImport', a)} />
            {t(`admin.mailboxes.afterImport.${a}`)}
          </label>
        ))}
        <span className="field-hint">{t('admin.mailboxes.afterImportHint')}</span>
      </fieldset>
      {draft.afterImport === 'move' && (
        <Field label={t('admin.mailboxes.moveTo')} error={errors.move_to} hint={t('admin.mailboxes.moveToHint')}>
          {(p) => <input {...p} value={draft.moveTo} maxLength={MAX.folder} spellCheck={false} onChange={(e) => set('moveTo', e.target.value)} />}
        </Field>
      )}
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} aria-describedby="admin-mailbox-enabled-hint" />
        {t('admin.mailboxes.enabledLabel')}
      </label>
      <span id="admin-mailbox-enabled-hint" className="field-hint">
        {t('admin.mailboxes.enabledHint')}
      </span>
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {mailbox ? t('common.save') : t('admin.mailboxes.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type TestState = { status: 'running' } | { status: 'done'; result: MailboxTestResult } | { status: 'error'; message: string };

/** The outcome of "Test the connection", in words (the server's reason stays in English, marked as such). */
function TestOutcome({ name, state }: { name: string; state: TestState }) {
  const t = useT();
  if (state.status === 'running') return <p role="status">{t('admin.mailboxes.testing', { name })}</p>;
  if (state.status === 'error') {
    return (
      <p role="alert" className="mailbox-test mailbox-test-failed">
        {state.message}
      </p>
    );
  }
  const r = state.result;
  if (!r.ok) {
    return (
      <p role="alert" className="mailbox-test mailbox-test-failed">
        <strong>{t('admin.mailboxes.testFailed', { name })}</strong> <span lang="en">{r.error ?? ''}</span>
      </p>
    );
  }
  return (
    <p role="status" className="mailbox-test mailbox-test-ok">
      <strong>{t('admin.mailboxes.testOk', { name })}</strong>
      {r.messages !== null && <> {t('admin.mailboxes.testMessages', { count: r.messages })}</>}
      {r.idle !== null && <> {r.idle ? t('admin.mailboxes.testIdle') : t('admin.mailboxes.testNoIdle')}</>}
    </p>
  );
}

/** IMAP mailboxes Relais fetches mail from (administrators): list, add, change, delete, test the connection. */
export function MailboxesSection() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useApiErrorText();
  const mailboxes = useMailboxes();
  const remove = useDeleteMailbox();
  const test = useTestMailbox();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Mailbox | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [notice, setNotice] = useState('');
  const list = mailboxes.data ?? [];
  const COLUMNS = 8;

  async function runTest(m: Mailbox) {
    setTests((s) => ({ ...s, [m.id]: { status: 'running' } }));
    try {
      const result = await test.mutateAsync(m.id);
      setTests((s) => ({ ...s, [m.id]: { status: 'done', result } }));
    } catch (err) {
      setTests((s) => ({ ...s, [m.id]: { status: 'error', message: errorText(err) } }));
    }
  }

  async function confirmDelete(m: Mailbox) {
    setDeleteError(null);
    try {
      await remove.mutateAsync(m.id);
      setDeleting(null);
      setNotice(t('admin.mailboxes.deleted', { name: m.name }));
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="admin-mailboxes-title" className="admin-section">
      <div className="admin-section-header">
        <h2 id="admin-mailboxes-title">{t('admin.section.mailboxes')}</h2>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('admin.mailboxes.new')}
        </button>
      </div>
      <p>{t('admin.mailboxes.intro')}</p>
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={mailboxes} />
      {mailboxes.data && list.length === 0 && <p>{t('admin.mailboxes.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table mailbox-table">
            <caption className="visually-hidden">{t('admin.section.mailboxes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.mailboxes.name')}</th>
                <th scope="col">{t('admin.mailboxes.server')}</th>
                <th scope="col">{t('admin.mailboxes.username')}</th>
                <th scope="col">{t('admin.mailboxes.folder')}</th>
                <th scope="col">{t('admin.mailboxes.afterImport')}</th>
                <th scope="col">{t('admin.mailboxes.status')}</th>
                <th scope="col">{t('admin.mailboxes.lastPoll')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => {
                const testState = tests[m.id];
                return [
                  <tr key={m.id} className={m.enabled ? undefined : 'inactive'}>
                    <th scope="row">{m.name}</th>
                    <td className="wrap-anywhere">
                      <code>
                        {m.host}:{m.port}
                      </code>
                      <br />
                      <span className="muted">{t(`admin.mailboxes.tls.${m.tls}`)}</span>
                    </td>
                    <td className="wrap-anywhere">{m.username}</td>
                    <td>
                      <code>{m.folder}</code>
                    </td>
                    <td>
                      {m.after_import === 'move' && m.move_to
                        ? t('admin.mailboxes.movedTo', { folder: m.move_to })
                        : t(`admin.mailboxes.afterImport.${m.after_import}`)}
                    </td>
                    <td>
                      <span className={`badge ${m.enabled ? 'badge-ok' : 'badge-off'}`}>
                        {m.enabled ? t('admin.mailboxes.enabled') : t('admin.mailboxes.disabled')}
                      </span>
                    </td>
                    <td>
                      {m.last_polled_at ? <time dateTime={m.last_polled_at}>{fmt.dateTime(m.last_polled_at)}</time> : t('admin.mailboxes.neverPolled')}
                      {m.last_error && (
                        <p className="mailbox-warning">
                          <strong>{t('admin.mailboxes.lastError')}</strong> <span lang="en">{m.last_error}</span>
                        </p>
                      )}
                    </td>
                    <td className="admin-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={testState?.status === 'running'}
                        onClick={() => void runTest(m)}
                        aria-label={t('admin.mailboxes.testNamed', { name: m.name })}
                      >
                        {t('admin.mailboxes.test')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setEditing(m)}
                        aria-label={t('admin.mailboxes.editNamed', { name: m.name })}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(m);
                        }}
                        aria-label={t('admin.mailboxes.deleteNamed', { name: m.name })}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  </tr>,
                  testState && (
                    <tr key={`${m.id}-test`} className="mailbox-test-row">
                      <td colSpan={COLUMNS}>
                        <TestOutcome name={m.name} state={testState} />
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <Dialog
          title={editing === 'new' ? t('admin.mailboxes.new') : t('admin.mailboxes.editNamed', { name: editing.name })}
          onClose={() => setEditing(null)}
        >
          <MailboxForm
            mailbox={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onDone={(m) => {
              setNotice(editing === 'new' ? t('admin.mailboxes.created', { name: m.name }) : t('admin.mailboxes.updated', { name: m.name }));
              // Settings changed: an earlier test result may no longer hold.
              setTests((s) => {
                const next = { ...s };
                delete next[m.id];
                return next;
              });
              setEditing(null);
            }}
          />
        </Dialog>
      )}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('admin.mailboxes.deleteNamed', { name: deleting.name })}
          message={t('admin.mailboxes.deleteConfirm', { name: deleting.name })}
          error={deleteError}
          pending={remove.isPending}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
