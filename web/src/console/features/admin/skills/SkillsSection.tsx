import { useState } from 'react';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../../shared/ui/Dialog';
import { blamedFields, useApiErrorText } from '../errors';
import { ConfirmDeleteDialog, Field, FormError, QueryStatus } from '../form';
import { SKILL_KINDS, useCreateSkill, useDeleteSkill, useSkills, useUpdateSkill, type Skill, type SkillKind } from './api';
import { skillName } from './names';
import { SkillForm, type SkillFormFailure } from './SkillForm';
import { SkillHoldersDialog } from './SkillHoldersDialog';

const isKind = (v: string): v is SkillKind => (SKILL_KINDS as readonly string[]).includes(v);

/**
 * The skill catalogue: every skill with its kind, both names, whether it is offered and how many active agents
 * hold it. Administrators create, rename, deactivate and delete skills (the server refuses to delete one in use);
 * managers read.
 */
export function SkillsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useApiErrorText();
  const [kind, setKind] = useState<SkillKind | null>(null);
  const skills = useSkills(kind);
  const create = useCreateSkill();
  const update = useUpdateSkill();
  const remove = useDeleteSkill();
  const [editing, setEditing] = useState<Skill | null>(null);
  const [deleting, setDeleting] = useState<Skill | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [toggleError, setToggleError] = useState<string | null>(null);
  const [holders, setHolders] = useState<Skill | null>(null);
  const name = (s: Skill) => skillName(s, locale);
  // The name in the interface language leads each row.
  const nameColumns = locale === 'fr' ? (['name_fr', 'name_en'] as const) : (['name_en', 'name_fr'] as const);
  const failure = (err: unknown): SkillFormFailure => ({ message: errorText(err), blamed: blamedFields(err) });

  async function toggle(s: Skill) {
    setToggleError(null);
    try {
      const saved = await update.mutateAsync({ id: s.id, body: { active: !s.active } });
      setNotice(t(saved.active ? 'skills.activated' : 'skills.deactivated', { name: name(saved) }));
    } catch (err) {
      setNotice('');
      setToggleError(errorText(err));
    }
  }

  async function confirmDelete(s: Skill) {
    setDeleteError(null);
    try {
      await remove.mutateAsync(s.id);
      setDeleting(null);
      setNotice(t('skills.deleted', { name: name(s) }));
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="admin-skills-title" className="admin-section">
      <h2 id="admin-skills-title">{t('admin.section.skills')}</h2>
      <p className="muted">{t('skills.intro')}</p>
      {!canEdit && <p className="muted">{t('admin.readOnly')}</p>}
      <form className="admin-filters" aria-label={t('skills.filter')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('skills.filter.kind')}>
          {(p) => (
            <select {...p} value={kind ?? ''} onChange={(e) => setKind(isKind(e.target.value) ? e.target.value : null)}>
              <option value="">{t('skills.filter.all')}</option>
              {SKILL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`skills.group.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <FormError message={toggleError} />
      <QueryStatus query={skills} />
      {skills.data && skills.data.length === 0 && <p>{kind ? t('skills.emptyKind') : t('skills.empty')}</p>}
      {skills.data && skills.data.length > 0 && (
        <div className="table-scroll">
          <p className="muted" aria-live="polite">
            {t('skills.count', { count: skills.data.length })}
          </p>
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.section.skills')}</caption>
            <thead>
              <tr>
                {nameColumns.map((c) => (
                  <th key={c} scope="col">
                    {t(c === 'name_fr' ? 'skills.col.nameFr' : 'skills.col.nameEn')}
                  </th>
                ))}
                <th scope="col">{t('skills.col.kind')}</th>
                <th scope="col">{t('skills.col.status')}</th>
                <th scope="col">{t('skills.col.agents')}</th>
                {canEdit && <th scope="col">{t('admin.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {skills.data.map((s) => (
                <tr key={s.id} className={s.active ? undefined : 'inactive'}>
                  <th scope="row" lang={nameColumns[0] === 'name_fr' ? 'fr' : 'en'}>
                    {s[nameColumns[0]]}
                  </th>
                  <td lang={nameColumns[1] === 'name_fr' ? 'fr' : 'en'}>{s[nameColumns[1]]}</td>
                  <td>{t(`skills.kind.${s.kind}`)}</td>
                  <td>
                    <span className={`badge ${s.active ? 'badge-ok' : 'badge-off'}`}>{s.active ? t('skills.active') : t('skills.inactive')}</span>
                  </td>
                  <td className="nowrap">
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setHolders(s)} aria-label={t('skills.showHolders', { name: name(s) })}>
                      {t('skills.agentCount', { count: s.agent_count })}
                    </button>
                  </td>
                  {canEdit && (
                    <td className="admin-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(s)} aria-label={t('skills.editNamed', { name: name(s) })}>
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={update.isPending}
                        onClick={() => void toggle(s)}
                        aria-label={t(s.active ? 'skills.deactivateNamed' : 'skills.activateNamed', { name: name(s) })}
                      >
                        {s.active ? t('skills.deactivate') : t('skills.activate')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(s);
                        }}
                        aria-label={t('skills.deleteNamed', { name: name(s) })}
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
        <section className="card admin-create" aria-labelledby="admin-skills-new">
          <h3 id="admin-skills-new">{t('skills.new')}</h3>
          <SkillForm
            busy={create.isPending}
            submitLabel={t('skills.create')}
            onSubmit={async (full) => {
              try {
                const skill = await create.mutateAsync(full);
                setNotice(t('skills.created', { name: name(skill) }));
                return null;
              } catch (err) {
                return failure(err);
              }
            }}
          />
        </section>
      )}
      {editing && (
        <Dialog title={t('skills.editNamed', { name: name(editing) })} onClose={() => setEditing(null)}>
          <SkillForm
            skill={editing}
            busy={update.isPending}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(null)}
            onSubmit={async (_full, changed) => {
              try {
                // Nothing changed: nothing to send.
                const skill = Object.keys(changed).length ? await update.mutateAsync({ id: editing.id, body: changed }) : editing;
                setEditing(null);
                setNotice(t('skills.updated', { name: name(skill) }));
                return null;
              } catch (err) {
                return failure(err);
              }
            }}
          />
        </Dialog>
      )}
      {holders && <SkillHoldersDialog skillId={holders.id} name={name(holders)} onClose={() => setHolders(null)} />}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('skills.deleteNamed', { name: name(deleting) })}
          message={t('skills.deleteConfirm', { name: name(deleting) })}
          error={deleteError}
          pending={remove.isPending}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
