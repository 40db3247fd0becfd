import { useState, type FormEvent } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useCreateView, useDeleteView, useUpdateView, type SavedView } from './api';

function ErrorLine({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  return (
    <p role="alert" className="form-error">
      {t('common.error', { message: error instanceof Error ? error.message : String(error) })}
    </p>
  );
}

/** "Save as view": a name and whether every agent sees it; the query is the list as it is filtered now. */
export function SaveViewDialog({
  query,
  onClose,
  onSaved,
}: {
  query: Record<string, string>;
  onClose: () => void;
  onSaved: (view: SavedView) => void;
}) {
  const t = useT();
  const create = useCreateView();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), query, shared }, { onSuccess: onSaved });
  };
  return (
    <Dialog title={t('queues.saveAsView')} onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('queues.view.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('queues.view.shared')}
        </label>
        <ErrorLine error={create.error} />
        <div className="row dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RenameViewDialog({ view, onClose }: { view: SavedView; onClose: () => void }) {
  const t = useT();
  const update = useUpdateView();
  const [name, setName] = useState(view.name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    update.mutate({ id: view.id, name: name.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t('queues.view.renameTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('queues.view.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
        </label>
        <ErrorLine error={update.error} />
        <div className="row dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteViewDialog({
  view,
  onClose,
  onDeleted,
}: {
  view: SavedView;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const remove = useDeleteView();
  return (
    <Dialog title={t('queues.view.deleteTitle')} onClose={onClose}>
      <p>{t('queues.view.deleteConfirm', { name: view.name })}</p>
      <ErrorLine error={remove.error} />
      <div className="row dialog-actions">
        <button
          type="button"
          className="btn btn-danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(view.id, { onSuccess: onDeleted })}
        >
          {t('common.delete')}
        </button>
        <button type="button" className="btn" autoFocus onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
