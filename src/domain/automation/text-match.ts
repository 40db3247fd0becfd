/**
 * Text matching for automation conditions, the way people read French and English: case and accents do not
 * matter ("reseau" finds "Réseau", "BLOQUE" finds "bloqué"), and a word list matches whole words only ("down"
 * does not fire on "download"; "ne marche plus" matches the phrase, whatever the spacing or punctuation).
 */

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** Lower case, accents and other combining marks removed, ligatures spelled out, typographic quotes made plain. */
export function foldText(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[’‘ʼ]/g, "'");
}

/** The words of a text, folded: runs of letters and digits (an apostrophe or a hyphen separates words). */
export function wordsOf(s: string): string[] {
  return foldText(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Case- and accent-insensitive substring test ("reseau" in "Problème Réseau"). */
export function containsFolded(text: string, needle: string): boolean {
  const n = foldText(needle).trim();
  return n.length > 0 && foldText(text).includes(n);
}

/**
 * The first phrase of `phrases` found in `text` as whole words, in the phrase's original spelling; null when none
 * is. A phrase of several words matches the same words in a row.
 */
export function findAnyPhrase(text: string, phrases: readonly string[]): string | null {
  const haystack = ` ${wordsOf(text).join(' ')} `;
  for (const phrase of phrases) {
    const words = wordsOf(phrase);
    if (words.length > 0 && haystack.includes(` ${words.join(' ')} `)) return phrase;
  }
  return null;
}
