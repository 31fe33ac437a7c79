// A window's translator for tests: the renderer's own resources (src/renderer/i18n/resources.ts),
// without the window's set-up (its saved language, its call to the shell); no fallback, so a key
// one language lacks shows up as the raw key.
import i18next, { type TFunction } from 'i18next';
import { TRANSLATIONS } from '../../src/renderer/i18n/resources';

/** The t() of a window in `lng`. */
export async function translator(lng: 'it' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: TRANSLATIONS, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}
