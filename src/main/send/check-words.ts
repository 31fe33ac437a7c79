// Wording the pre-send findings: a finding carries its catalog text and values, for the window to
// word in its own language, and the same words in Italian as its message, for logs and the CLI.
// Italian is filled in by i18next, as the window does, so the two cannot word a finding apart.
import i18next from 'i18next';
import { checkFindingTexts, type CheckFindingParams, type CheckFindingText } from '../../shared/send-check-texts';
import type { Finding } from './types';

const italian = i18next.createInstance();
void italian.init({ lng: 'it', resources: { it: { translation: { checkFinding: checkFindingTexts('it') } } }, interpolation: { escapeValue: false }, initAsync: false });

/** A text in Italian, with its values filled in. */
export function italianCheckWords(text: CheckFindingText, params: CheckFindingParams = {}): string {
  return italian.t(`checkFinding.${text}`, params);
}

/** A finding's words: its Italian message, its text and (when it has any) its values. */
export function worded(text: CheckFindingText, params: CheckFindingParams = {}): Pick<Finding, 'message' | 'text' | 'params'> {
  return Object.keys(params).length ? { message: italianCheckWords(text, params), text, params } : { message: italianCheckWords(text), text };
}
