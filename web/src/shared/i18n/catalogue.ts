/**
 * A catalogue module is one feature's messages: `en` defines the keys, `fr` must have exactly the same ones
 * (the `Translation` type makes a missing French string a compile error). Messages use ICU syntax
 * (plurals: `{count, plural, one {# ticket} other {# tickets}}`).
 */
export type Translation<T extends Record<string, string>> = { readonly [K in keyof T]: string };

export interface CatalogueModule<T extends Record<string, string> = Record<string, string>> {
  readonly en: T;
  readonly fr: Translation<T>;
}

export type Messages = Record<string, string>;

/** Merges modules into one catalogue per locale; a key defined twice is a bug (one would hide the other). */
export function mergeCatalogues(modules: readonly CatalogueModule[]): { fr: Messages; en: Messages } {
  const fr: Messages = {};
  const en: Messages = {};
  for (const m of modules) {
    for (const key of Object.keys(m.en)) {
      if (key in en) throw new Error(`Message id defined twice: ${key}`);
      en[key] = m.en[key] as string;
      fr[key] = (m.fr as Messages)[key] as string;
    }
  }
  return { fr, en };
}
