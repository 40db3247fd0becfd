import { useState, type FormEvent } from 'react';
import type { Team } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useAdminTeams, useCreateTeam, useDeleteTeam, useUpdateTeam } from './api';
import { blamedFields, useApiErrorText } from './errors';
import { Field, FormError, useFocusFirstError, QueryStatus } from './form';

const MAX_NAME = 100;
const MAX_DESCRIPTION = 2000;

/** Name and description of a team, for creating one or editing it. */
function TeamForm({
  team,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  team?: Team;
  busy: boolean;
  submitLabel: string;
  /** Resolves to the server's error message, or null when saved. */
  onSubmit: (body: { name: string; description: string }) => Promise<{ message: string; nameBlamed: boolean } | null>;
  onCancel?: () => void;
}) {
  const t = useT();
  const { ref, focusFirstError } = useFocusFirstError();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const [serverError, setServerError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const problem = !name.trim() ? t('common.required') : name.trim().length > MAX_NAME ? t('admin.form.tooLong', { max: MAX_NAME }) : undefined;
    setNameError(problem);
    if (problem) return focusFirstError();
    const failed = await onSubmit({ name: name.trim(), description: description.trim() });
    if (failed) {
      setNameError(failed.nameBlamed ? t('admin.error.nameTaken') : undefined);
      setServerError(failed.message);
      focusFirstError();
    } else if (!team) {
      setName('');
      setDescription('');
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={submitLabel}>
      <Field label={t('admin.teams.name')} error={nameError}>
        {(p) => <input {...p} value={name} maxLength={MAX_NAME} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('admin.teams.description')}>
        {(p) => (
          <textarea {...p} className="admin-short-text" value={description} maxLength={MAX_DESCRIPTION} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Teams: list; administrators create, rename, describe and delete them (the server refuses while tickets belong to one). */
export function TeamsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const errorText = useApiErrorText();
  const teams = useAdminTeams();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const remove = useDeleteTeam();
  const [editing, setEditing] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const failure = (err: unknown) => ({ message: errorText(err), nameBlamed: blamedFields(err).includes('name') });

  async function confirmDelete(team: Team) {
    setDeleteError(null);
    try {
      await remove.mutateAsync(team.id);
      setDeleting(null);
      setNotice(t('admin.teams.deleted', { name: team.name }));
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="admin-teams-title" className="admin-section">
      <h2 id="admin-teams-title">{t('admin.section.teams')}</h2>
      {!canEdit && <p className="muted">{t('admin.readOnly')}</p>}
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={teams} />
      {teams.data && teams.data.length === 0 && <p>{t('admin.teams.empty')}</p>}
      {teams.data && teams.data.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.section.teams')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.teams.name')}</th>
                <th scope="col">{t('admin.teams.description')}</th>
                <th scope="col">{t('admin.teams.members')}</th>
                {canEdit && <th scope="col">{t('admin.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>{team.description || <span className="muted">{t('admin.teams.noDescription')}</span>}</td>
                  <td className="nowrap">{t('admin.teams.memberCount', { count: team.member_count })}</td>
                  {canEdit && (
                    <td className="admin-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setEditing(team)}
                        aria-label={t('admin.teams.editNamed', { name: team.name })}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(team);
                        }}
                        aria-label={t('admin.teams.deleteNamed', { name: team.name })}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <section className="card admin-create" aria-labelledby="admin-teams-new">
          <h3 id="admin-teams-new">{t('admin.teams.new')}</h3>
          <TeamForm
            busy={create.isPending}
            submitLabel={t('admin.teams.create')}
            onSubmit={async (body) => {
              try {
                const team = await create.mutateAsync(body);
                setNotice(t('admin.teams.created', { name: team.name }));
                return null;
              } catch (err) {
                return failure(err);
              }
            }}
          />
        </section>
      )}
      {editing && (
        <Dialog title={t('admin.teams.editNamed', { name: editing.name })} onClose={() => setEditing(null)}>
          <TeamForm
            team={editing}
            busy={update.isPending}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(null)}
            onSubmit={async (body) => {
              try {
                const team = await update.mutateAsync({ id: editing.id, body });
                setEditing(null);
                setNotice(t('admin.teams.updated', { name: team.name }));
                return null;
              } catch (err) {
                return failure(err);
              }
            }}
          />
        </Dialog>
      )}
      {deleting && (
        <Dialog title={t('admin.teams.deleteNamed', { name: deleting.name })} onClose={() => setDeleting(null)}>
          <p>{t('admin.teams.deleteConfirm', { name: deleting.name, count: deleting.member_count })}</p>
          <FormError message={deleteError} />
          <div className="row admin-form-actions">
            <button type="button" className="btn btn-danger" disabled={remove.isPending} onClick={() => void confirmDelete(deleting)}>
              {t('common.delete')}
            </button>
            <button type="button" className="btn" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
