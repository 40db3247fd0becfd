import { useEffect, useState } from 'react';
import { ApiError } from '../../../shared/api/client';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import '../admin/admin.css';
import { ConfirmDeleteDialog, QueryStatus } from '../admin/form';
import { useActionText } from './action-text';
import { useCreateMacro, useDeleteMacro, useMacros, useUpdateMacro, type CreateMacroInput, type Macro } from './api';
import { failureOf, MacroEditor, type MacroFailure } from './MacroEditor';
import './macros.css';

/**
 * `/macros`: every agent manages their personal macros here; support managers and administrators the shared
 * ones too (the server decides, `can_edit` says what it will accept).
 */
export function MacrosPage() {
  const t = useT();
  const me = useCurrentUser();
  const canShare = me.role === 'manager' || me.role === 'admin';
  const [q, setQ] = useState('');
  const macros = useMacros(q);
  const create = useCreateMacro();
  const update = useUpdateMacro();
  const remove = useDeleteMacro();
  const describe = useActionText();
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Macro | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    document.title = `${t('macros.title')} · ${t('app.name')}`;
  }, [t]);

  const errorText = (err: unknown): string => {
    if (!(err instanceof ApiError)) return t('common.error', { message: err instanceof Error ? err.message : String(err) });
    switch (err.code) {
      case 'INVALID_TEMPLATE': return t('macros.form.invalidTemplate');
      case 'MACRO_NOT_FOUND': return t('macros.error.notFound');
      case 'FORBIDDEN': return t('macros.error.forbidden');
      case 'CONFLICT': return t('macros.error.nameTaken');
    }
    return t('common.error', { message: err.message });
  };

  async function save(body: CreateMacroInput): Promise<MacroFailure | null> {
    try {
      const saved = editing && editing !== 'new' ? await update.mutateAsync({ id: editing.id, body }) : await create.mutateAsync(body);
      setNotice(t(editing === 'new' ? 'macros.created' : 'macros.updated', { name: saved.name }));
      setEditing(null);
      return null;
    } catch (err) {
      const failure = failureOf(err, errorText(err), t);
      if (err instanceof ApiError && err.code === 'CONFLICT') failure.name = t('macros.error.nameTaken');
      return failure;
    }
  }

  async function confirmDelete(m: Macro) {
    setDeleteError(null);
    try {
      await remove.mutateAsync(m.id);
      setDeleting(null);
      setNotice(t('macros.deleted', { name: m.name }));
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  if (editing) {
    const title = editing === 'new' ? t('macros.new') : t('macros.editNamed', { name: editing.name });
    return (
      <section className="macros-page" aria-labelledby="macros-title">
        <h1 id="macros-title">{title}</h1>
        <MacroEditor
          macro={editing === 'new' ? undefined : editing}
          variables={macros.data?.variables ?? []}
          canShare={canShare}
          busy={create.isPending || update.isPending}
          submitLabel={editing === 'new' ? t('common.create') : t('common.save')}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      </section>
    );
  }

  const list = macros.data?.data ?? [];
  return (
    <section className="macros-page" aria-labelledby="macros-title">
      <h1 id="macros-title">{t('macros.title')}</h1>
      <p className="muted">{t('macros.intro')}</p>
      {!canShare && <p className="muted">{t('macros.readOnly')}</p>}
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <div className="row">
        <input type="search" aria-label={t('macros.search')} placeholder={t('macros.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('macros.new')}
        </button>
      </div>
      <QueryStatus query={macros} />
      {macros.data && list.length === 0 && <p>{t(q.trim() ? 'macros.noMatch' : 'macros.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('macros.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('macros.col.name')}</th>
                <th scope="col">{t('macros.col.scope')}</th>
                <th scope="col">{t('macros.col.languages')}</th>
                <th scope="col">{t('macros.col.changes')}</th>
                <th scope="col">{t('macros.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => {
                const languages = (['fr', 'en'] as const).filter((l) => m.body[l]).map((l) => t(`macros.language.${l}`));
                return (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>{t(m.shared ? 'macros.shared' : 'macros.personal')}</td>
                    <td>{languages.length ? languages.join(', ') : <span className="muted">{t('macros.noReply')}</span>}</td>
                    <td>{m.actions.length ? m.actions.map(describe).join(' · ') : <span className="muted">{t('macros.replyOnly')}</span>}</td>
                    <td className="admin-actions">
                      {m.can_edit && (
                        <>
                          <button type="button" className="btn btn-small" onClick={() => setEditing(m)} aria-label={t('macros.editNamed', { name: m.name })}>
                            {t('common.edit')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            onClick={() => {
                              setDeleteError(null);
                              setDeleting(m);
                            }}
                            aria-label={t('macros.deleteNamed', { name: m.name })}
                          >
                            {t('common.delete')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('macros.deleteNamed', { name: deleting.name })}
          message={t('macros.deleteConfirm', { name: deleting.name })}
          error={deleteError}
          pending={remove.isPending}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
