// The window's words in each language: its own dictionaries, and the catalogs the engine words its
// answers by (the API's failures as apiError.<reason>, the pre-send findings as checkFinding.<text>,
// the contacts import's row problems as importProblem.<text>, why a message was not submitted as
// sendFailure.<text>), so the window and the engine's
// Italian cannot word the same thing apart. Tests build their translators from this too.
import type { Resource } from 'i18next';
import { apiErrorTexts } from '../../shared/api-errors';
import { importProblemTexts } from '../../shared/import-problem-texts';
import { checkFindingTexts } from '../../shared/send-check-texts';
import { sendFailureTexts } from '../../shared/send-failure-texts';
import en from './en.json';
import it from './it.json';

function translation(language: 'it' | 'en', own: typeof it) {
  return { ...own, apiError: apiErrorTexts(language), checkFinding: checkFindingTexts(language), importProblem: importProblemTexts(language), sendFailure: sendFailureTexts(language) };
}

/** Both languages, as i18next resources. */
export const TRANSLATIONS = { it: { translation: translation('it', it) }, en: { translation: translation('en', en) } } satisfies Resource;
