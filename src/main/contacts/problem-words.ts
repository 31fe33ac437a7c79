// Wording the import's row problems and notes: a problem carries its catalog text and values, for
// the window to word in its own language, and the same words in Italian as its message, for the
// CLI, the logs and the report file. Italian is filled in by i18next, as the window does, so the
// two cannot word a problem apart. Only rows with a problem get here: a clean row costs nothing.
import i18next from 'i18next';
import {
  importProblemTexts, wordImportProblem, type ImportProblemParams, type ImportProblemText, type ImportProblemWording,
} from '../../shared/import-problem-texts';
import type { RowProblem } from './types';

const italian = i18next.createInstance();
void italian.init({ lng: 'it', resources: { it: { translation: { importProblem: importProblemTexts('it') } } }, interpolation: { escapeValue: false }, initAsync: false });

const translate = (key: string, values: Record<string, string | number | string[]>) => italian.t(key, values);

/** A wording in Italian, its inner wordings included. */
export function italianProblemWords(wording: ImportProblemWording): string {
  return wordImportProblem(translate, wording);
}

/** A text with its values, as a problem or a value carries it (no params when it has none). */
export function wording(text: ImportProblemText, params?: ImportProblemParams): ImportProblemWording {
  return params ? { text, params } : { text };
}

/** A problem's words: its Italian message, its text and (when it has any) its values. */
export function worded(text: ImportProblemText, params?: ImportProblemParams): Pick<RowProblem, 'message' | 'text' | 'params'> {
  const words = wording(text, params);
  return { ...words, message: italianProblemWords(words) };
}
