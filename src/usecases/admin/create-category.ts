import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findCategory, findSiblingByName, insertCategory, lockCategoryTree } from '../../store/categories.js';
import type { Sql } from '../../store/db.js';
import type { Deps } from '../deps.js';
import { loadCategoryView, type CategoryView } from './list-categories.js';

export interface CreateCategoryInput {
  nameFr: string;
  nameEn: string;
  parentId?: string | null;
}

/** Adds a category, at the root or under a parent (administrators). */
export async function createCategory(deps: Deps, p: Principal, input: CreateCategoryInput): Promise<CategoryView> {
  requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await lockCategoryTree(sql);
    const parent = input.parentId ? await findCategory(sql, input.parentId) : null;
    if (input.parentId && !parent) {
      throw new DomainError('CATEGORY_NOT_FOUND', 'No such parent category.', [{ path: 'parent_id', message: 'unknown category' }]);
    }
    await assertNoSiblingNamed(sql, parent?.id ?? null, { fr: input.nameFr, en: input.nameEn }, null);
    const id = deps.newId();
    await insertCategory(sql, {
      id, parent_id: parent?.id ?? null, name_fr: input.nameFr, name_en: input.nameEn,
      path: `${parent?.path ?? '/'}${id}/`, created_at: now,
    });
    return loadCategoryView(sql, id);
  });
}

/** Two categories under the same parent cannot share a name: people pick them by name. */
export async function assertNoSiblingNamed(
  sql: Sql,
  parentId: string | null,
  names: { fr: string; en: string },
  exceptId: string | null,
): Promise<void> {
  const twin = await findSiblingByName(sql, parentId, names, exceptId);
  if (twin) {
    throw new DomainError('CONFLICT', `A category named ${twin.name_fr} / ${twin.name_en} already exists here.`, [
      { path: 'name', message: 'already used under this parent' },
    ]);
  }
}
