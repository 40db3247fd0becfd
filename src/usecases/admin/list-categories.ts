import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { listCategories, type CategoryRow } from '../../store/categories.js';
import type { Sql } from '../../store/db.js';
import type { Deps } from '../deps.js';

/** A category with the names of its ancestors and itself, root first (Réseau › VPN). */
export interface CategoryView extends CategoryRow {
  depth: number;
  pathNames: { fr: string[]; en: string[] };
}

/** Resolves every category's materialized path into names. */
export function withPathNames(rows: readonly CategoryRow[]): CategoryView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => {
    const chain = r.path.split('/').filter(Boolean).map((id) => byId.get(id)).filter((c): c is CategoryRow => c !== undefined);
    return { ...r, depth: chain.length - 1, pathNames: { fr: chain.map((c) => c.name_fr), en: chain.map((c) => c.name_en) } };
  });
}

export async function loadCategoryView(sql: Sql, id: string): Promise<CategoryView> {
  const view = withPathNames(await listCategories(sql)).find((c) => c.id === id);
  if (!view) throw new DomainError('CATEGORY_NOT_FOUND', 'No such category.');
  return view;
}

/**
 * The category tree, depth-first (each parent before its children). Every signed-in user may read it: the portal
 * offers it to requesters when they open a ticket.
 */
export async function listCategoriesFor(deps: Deps, _p: Principal): Promise<CategoryView[]> {
  const views = withPathNames(await listCategories(deps.db));
  const key = (c: CategoryView) => c.pathNames.fr.map((n) => n.toLocaleLowerCase('fr')).join('\u0000');
  return views.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
  });
}
