/**
 * The SQL of full-text search, in one place so that what is indexed and what is searched always agree.
 * French and English configurations (relais_fr, relais_en: unaccent + stemming, see migration 0001) are both
 * applied: a word matches in either language.
 */

/**
 * Typographic apostrophes (l’imprimante, as French mail clients type it) become spaces before parsing: under
 * a C locale the parser would otherwise keep "l’imprimante" as one word and never match "imprimante".
 */
const normalized = (expr: string) => `translate(coalesce(${expr}, ''), '’‘ʼ', '   ')`;

/** French and English vectors of one text at a weight (A subject, B description, C timeline text). */
export const vectorSql = (expr: string, weight: 'A' | 'B' | 'C'): string =>
  `setweight(to_tsvector('relais_fr', ${normalized(expr)}) || to_tsvector('relais_en', ${normalized(expr)}), '${weight}')`;

/** The French and English queries of a search text, OR'ed. */
export const tsquerySql = (param: string): string =>
  `(websearch_to_tsquery('relais_fr', ${normalized(param)}) || websearch_to_tsquery('relais_en', ${normalized(param)}))`;
