import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findCategory, lockCategoryTree, moveCategory, renameCategory } from '../../store/categories.js';
import type { Deps } from '../deps.js';
import { assertNoSiblingNamed } from './create-category.js';
import { loadCategoryView, type CategoryView } from './list-categories.js';

export interface UpdateCategoryInput {
  nameFr?: string;
  nameEn?: string;
  /** null moves the category to the root. */
  parentId?: string | null;
}

/**
 * Renames and/or moves a category with its whole subtree (administrators). Moving a category under itself or
 * one of its descendants is refused: the tree would become a cycle.
 */
export async function updateCategory(deps: Deps, p: Principal, id: string, input: UpdateCategoryInput): Promise<CategoryView> {
  requireAgent(p, 'admin', 'admin');
  return deps.db.tx(async (sql) => {
    await lockCategoryTree(sql);
    const cat = await findCategory(sql, id);
    if (!cat) throw new DomainError('CATEGORY_NOT_FOUND', 'No such category.');
    const moving = input.parentId !== undefined && input.parentId !== cat.parent_id;
    const parentId = moving ? input.parentId! : cat.parent_id;
    const parent = parentId ? await findCategory(sql, parentId) : null;
    if (parentId && !parent) {
      throw new DomainError('CATEGORY_NOT_FOUND', 'No such parent category.', [{ path: 'parent_id', message: 'unknown category' }]);
    }
    if (moving && parent && parent.path.startsWith(cat.path)) {
      throw new DomainError('VALIDATION_FAILED', 'A category cannot move under itself or one of its subcategories.', [
        { path: 'parent_id', message: 'would make a cycle' },
      ]);
    }
    const names = { fr: input.nameFr ?? cat.name_fr, en: input.nameEn ?? cat.name_en };
    await assertNoSiblingNamed(sql, parentId, names, id);
    if (names.fr !== cat.name_fr || names.en !== cat.name_en) await renameCategory(sql, id, names);
    if (moving) await moveCategory(sql, id, parentId, cat.path, `${parent?.path ?? '/'}${id}/`);
    return loadCategoryView(sql, id);
  });
}
