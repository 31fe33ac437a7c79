// The shape of the catalogs the engine and the window word the same things by (api-errors.ts,
// send-check-texts.ts, import-problem-texts.ts): each text in Italian and English side by side, so
// a text cannot be added in one language only.

/** One text's words in Italian and English (i18next {{name}} interpolation). */
export interface Bilingual {
  it: string;
  en: string;
}

/** A catalog's texts in one language, as an i18next resource section. */
export function textsIn<K extends string>(catalog: Record<K, Bilingual>, language: 'it' | 'en'): Record<K, string> {
  return Object.fromEntries(Object.entries<Bilingual>(catalog).map(([key, text]) => [key, text[language]])) as Record<K, string>;
}
