import { useState, type FormEvent } from 'react';
import type { Category } from '../../../shared/api/types';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useAdminCategories, useCreateCategory, useUpdateCategory, type CategoryBody } from './api';
import { blamedFields, useApiErrorText } from './errors';
import { Field, FormError, hasErrors, useFocusFirstError, type FieldErrors, QueryStatus } from './form';

const MAX_NAME = 100;

/** Ids of a category and everything under it: none of them can become its parent. */
export function subtreeOf(categories: readonly Category[], id: string): Set<string> {
  const parent = new Map(categories.map((c) => [c.id, c.parent_id]));
  const inside = new Set<string>();
  for (const c of categories) {
    for (let cur: string | null | undefined = c.id; cur; cur = parent.get(cur)) {
      if (cur === id) {
        inside.add(c.id);
        break;
      }
    }
  }
  return inside;
}

type Mode = { kind: 'create'; parentId: string | null } | { kind: 'edit'; category: Category };

function CategoryForm({ mode, categories, onDone, onCancel }: { mode: Mode; categories: Category[]; onDone: (c: Category) => void; onCancel: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useApiErrorText();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const { ref, focusFirstError } = useFocusFirstError();
  const editing = mode.kind === 'edit' ? mode.category : null;
  const [nameFr, setNameFr] = useState(editing?.name_fr ?? '');
  const [nameEn, setNameEn] = useState(editing?.name_en ?? '');
  const [parentId, setParentId] = useState<string>((mode.kind === 'edit' ? mode.category.parent_id : mode.parentId) ?? '');
  const [errors, setErrors] = useState<FieldErrors<'name_fr' | 'name_en'>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const excluded = editing ? subtreeOf(categories, editing.id) : new Set<string>();
  const busy = create.isPending || update.isPending;

  const check = (v: string) => (!v.trim() ? t('common.required') : v.trim().length > MAX_NAME ? t('admin.form.tooLong', { max: MAX_NAME }) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const found = { name_fr: check(nameFr), name_en: check(nameEn) };
    setErrors(found);
    if (hasErrors(found)) return focusFirstError();
    const parent = parentId || null;
    try {
      if (!editing) {
        onDone(await create.mutateAsync({ name_fr: nameFr.trim(), name_en: nameEn.trim(), parent_id: parent }));
        return;
      }
      const body: CategoryBody = {};
      if (nameFr.trim() !== editing.name_fr) body.name_fr = nameFr.trim();
      if (nameEn.trim() !== editing.name_en) body.name_en = nameEn.trim();
      if (parent !== editing.parent_id) body.parent_id = parent;
      onDone(Object.keys(body).length ? await update.mutateAsync({ id: editing.id, body }) : editing);
    } catch (err) {
      const taken = blamedFields(err).includes('name') ? t('admin.error.nameTaken') : undefined;
      setErrors({ name_fr: taken, name_en: taken });
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={editing ? t('common.edit') : t('admin.categories.new')}>
      <div className="row admin-row-fields">
        <Field label={t('admin.categories.nameFr')} error={errors.name_fr}>
          {(p) => <input {...p} lang="fr" value={nameFr} maxLength={MAX_NAME} onChange={(e) => setNameFr(e.target.value)} />}
        </Field>
        <Field label={t('admin.categories.nameEn')} error={errors.name_en}>
          {(p) => <input {...p} lang="en" value={nameEn} maxLength={MAX_NAME} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('admin.categories.parent')} hint={editing ? t('admin.categories.moveHint') : undefined}>
        {(p) => (
          <select {...p} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('admin.categories.root')}</option>
            {categories
              .filter((c) => !excluded.has(c.id))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.full_name[locale]}
                </option>
              ))}
          </select>
        )}
      </Field>
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {editing ? t('common.save') : t('common.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Categories: the tree in the current language; administrators create, rename (both languages) and move. */
export function CategoriesSection() {
  const t = useT();
  const { locale } = useLocale();
  const categories = useAdminCategories();
  const [mode, setMode] = useState<Mode | null>(null);
  const [notice, setNotice] = useState('');
  const list = categories.data ?? [];
  const byId = new Map(list.map((c) => [c.id, c]));

  const title = (m: Mode) =>
    m.kind === 'edit'
      ? t('admin.categories.editNamed', { name: m.category.full_name[locale] })
      : m.parentId
        ? t('admin.categories.newUnder', { name: byId.get(m.parentId)?.full_name[locale] ?? '' })
        : t('admin.categories.new');

  return (
    <section aria-labelledby="admin-categories-title" className="admin-section">
      <div className="admin-section-header">
        <h2 id="admin-categories-title">{t('admin.section.categories')}</h2>
        <button type="button" className="btn btn-primary" onClick={() => setMode({ kind: 'create', parentId: null })}>
          {t('admin.categories.new')}
        </button>
      </div>
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={categories} />
      {categories.data && list.length === 0 && <p>{t('admin.categories.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table category-tree">
            <caption className="visually-hidden">{t('admin.section.categories')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.categories.fullName')}</th>
                <th scope="col">{t('admin.categories.nameFr')}</th>
                <th scope="col">{t('admin.categories.nameEn')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} data-depth={c.depth}>
                  <th scope="row" style={{ paddingInlineStart: `${0.6 + c.depth * 1.25}rem` }}>
                    {c.depth > 0 && (
                      <span aria-hidden="true" className="tree-branch">
                        └{' '}
                      </span>
                    )}
                    {c.full_name[locale]}
                  </th>
                  <td lang="fr">{c.name_fr}</td>
                  <td lang="en">{c.name_en}</td>
                  <td className="admin-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setMode({ kind: 'edit', category: c })}
                      aria-label={t('admin.categories.editNamed', { name: c.full_name[locale] })}
                    >
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setMode({ kind: 'create', parentId: c.id })}
                      aria-label={t('admin.categories.newUnder', { name: c.full_name[locale] })}
                    >
                      {t('admin.categories.addChild')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mode && (
        <Dialog title={title(mode)} onClose={() => setMode(null)}>
          <CategoryForm
            mode={mode}
            categories={list}
            onCancel={() => setMode(null)}
            onDone={(c) => {
              setNotice(
                mode.kind === 'edit'
                  ? t('admin.categories.updated', { name: c.full_name[locale] })
                  : t('admin.categories.created', { name: c.full_name[locale] }),
              );
              setMode(null);
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
