// What a user types in an address field, as an FTS5 query over contacts_fts. The table's
// tokenizer (unicode61, remove_diacritics 2) splits on everything but letters and digits and
// folds accents; the query is split and folded the same way, each word a prefix, all required:
// "nicolo ross" finds "Nicolò Rossi", "mario.rossi@pe" finds mario.rossi@pec.it.
import { foldText } from './normalize';

/** The FTS5 MATCH expression for a typed text, or null when it has no letter or digit. */
export function ftsQuery(text: string): string | null {
  const words = foldText(text).match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  // Only letters and digits remain, so quoting cannot be escaped from.
  return words.map((w) => `"${w}"*`).join(' ');
}
