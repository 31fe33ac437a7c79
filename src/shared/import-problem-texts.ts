// Every wording of the contacts import's row problems and notes, in both UI languages. The import
// (src/main/contacts) gives a problem a text and its values (RowProblemView.text, .params) beside
// an Italian message for the CLI, the logs and the report file; the window words the same text in
// its own language (src/renderer/features/contacts-import/problem-text.ts), so an English window
// never shows an Italian row. Texts use i18next's {{name}} interpolation; {{scripts, list}} joins a
// list the way the language does ("latino e cirillico", "Latin and Cyrillic").
// A value may itself be a wording: the column a problem is about is the sheet's own header (the
// user's words, shown as written) or, when the sheet has none, "Colonna D" (a text here); an
// address problem is one text inside "{{column}}: {{problem}} («{{address}}»)". Each language
// words the inner text too, so a line is never half in one language.

import { textsIn, type Bilingual } from './bilingual';

export const IMPORT_PROBLEM_TEXTS = {
  // Why a choice of columns cannot be used (the API's import-mapping-invalid says it).
  'mapping-other-sheet': { it: 'la mappatura è di un altro foglio', en: 'the mapping is of another sheet' },
  'mapping-no-header-row': { it: 'la riga di intestazione scelta non esiste', en: 'the header row chosen does not exist' },
  'mapping-unknown-target': { it: 'destinazione di colonna sconosciuta «{{target}}»', en: 'unknown column destination “{{target}}”' },
  'mapping-same-field': { it: 'due colonne vanno nello stesso campo «{{target}}»', en: 'two columns go into the same field “{{target}}”' },
  'mapping-no-address': { it: 'nessuna colonna è indicata come PEC o e-mail', en: 'no column is marked as PEC or e-mail' },
  // Why an address cannot be used: the inner words of 'address-in-column'.
  'address-missing': { it: 'indirizzo mancante', en: 'address missing' },
  'several-addresses': { it: 'più indirizzi nella stessa cella: lasciane uno per riga', en: 'several addresses in the same cell: leave one per row' },
  'address-no-at': { it: 'manca la @', en: 'the @ is missing' },
  'address-local-part': { it: 'la parte prima della @ non è valida', en: 'the part before the @ is not valid' },
  'address-domain': { it: 'il dominio dopo la @ non è valido', en: 'the domain after the @ is not valid' },
  // {{scripts}}: a list of script-* texts; {{ascii}}: the domain as the mail servers read it.
  'address-mixed-script': {
    it: 'il dominio mescola alfabeti diversi ({{scripts, list}}) e può imitare un altro indirizzo: scritto in punycode è «{{ascii}}». Controlla l\u2019indirizzo con il destinatario',
    en: 'the domain mixes different alphabets ({{scripts, list}}) and may imitate another address: written in punycode it is “{{ascii}}”. Check the address with the recipient',
  },
  'script-Latin': { it: 'latino', en: 'Latin' },
  'script-Greek': { it: 'greco', en: 'Greek' },
  'script-Cyrillic': { it: 'cirillico', en: 'Cyrillic' },
  'script-Armenian': { it: 'armeno', en: 'Armenian' },
  'script-Georgian': { it: 'georgiano', en: 'Georgian' },
  'script-Hebrew': { it: 'ebraico', en: 'Hebrew' },
  'script-Arabic': { it: 'arabo', en: 'Arabic' },
  'script-Cherokee': { it: 'cherokee', en: 'Cherokee' },
  'script-Han': { it: 'cinese', en: 'Chinese' },
  'script-Hiragana': { it: 'hiragana', en: 'Hiragana' },
  'script-Katakana': { it: 'katakana', en: 'Katakana' },
  'script-Hangul': { it: 'coreano', en: 'Korean' },
  'script-Thai': { it: 'thai', en: 'Thai' },
  'script-Devanagari': { it: 'devanagari', en: 'Devanagari' },
  'script-Other': { it: 'altro', en: 'other' },

  // The column a problem is about, when it is not the sheet's own header text.
  'column-letter': { it: 'Colonna {{letter}}', en: 'Column {{letter}}' },
  'cell-in-column': { it: '{{column}} (cella {{cell}})', en: '{{column}} (cell {{cell}})' },
  // The fields' names where no column was given (a contact saved from a form).
  'label-pec': { it: 'PEC', en: 'PEC' },
  'label-email': { it: 'E-mail', en: 'E-mail' },
  'label-name': { it: 'Nominativo', en: 'Name' },
  'label-organization': { it: 'Ragione sociale', en: 'Company name' },
  'label-tax-code': { it: 'Codice fiscale / P.IVA', en: 'Tax code / VAT number' },

  // A problem with its column: {{problem}} is one of the texts above or a cell's problem below.
  'address-in-column': { it: '{{column}}: {{problem}} («{{address}}»)', en: '{{column}}: {{problem}} (“{{address}}”)' },
  'in-column': { it: '{{column}}: {{problem}}', en: '{{column}}: {{problem}}' },
  'no-address': { it: 'nessun indirizzo PEC o e-mail', en: 'no PEC or e-mail address' },

  // What was corrected, or looks odd, in a row that is imported.
  'address-idn': {
    it: '{{column}}: dominio internazionale, salvato come «{{ascii}}» (scritto «{{address}}»)',
    en: '{{column}}: international domain, saved as “{{ascii}}” (written “{{address}}”)',
  },
  'tax-code-padded': {
    it: '{{column}}: completata a 11 cifre con gli zeri iniziali persi dal foglio ({{taxCode}})',
    en: '{{column}}: completed to 11 digits with the leading zeros the spreadsheet lost ({{taxCode}})',
  },
  'tax-code-suspicious': {
    it: '{{column}}: «{{taxCode}}» non sembra né un codice fiscale né una partita IVA (importato così)',
    en: '{{column}}: “{{taxCode}}” looks like neither a tax code nor a VAT number (imported as it is)',
  },
  'text-cleaned': {
    it: '{{column}}: tabulazioni e a capo sostituiti da uno spazio («{{text}}»)',
    en: '{{column}}: tabs and line breaks replaced by a space (“{{text}}”)',
  },

  // What went wrong reading a cell or the file; {{error}} is the spreadsheet's own code (#N/A, #REF!).
  'cell-error': { it: 'cella con errore {{error}}', en: 'cell with error {{error}}' },
  'formula-without-value': {
    it: 'formula senza valore salvato: aprila in Excel e salva di nuovo il file',
    en: 'formula without a saved value: open the file in Excel and save it again',
  },
  'formula-ignored-result': {
    it: 'la formula dà «{{result}}», che non è un indirizzo e-mail: cella lasciata vuota, importata la sola PEC',
    en: 'the formula gives “{{result}}”, which is not an e-mail address: cell left empty, only the PEC imported',
  },
  'formula-ignored-no-value': {
    it: 'la cella contiene la formula «{{formula}}» senza un valore calcolato: cella lasciata vuota, importata la sola PEC',
    en: 'the cell holds the formula “{{formula}}” without a computed value: cell left empty, only the PEC imported',
  },
  'csv-malformed': {
    it: 'virgolette non chiuse: questa riga e le seguenti potrebbero essere unite; correggi il file',
    en: 'unclosed quotes: this row and the following ones may have been merged; correct the file',
  },

  // Duplicates, one text per duplicate policy; {{row}} is the earlier row, {{contact}} the stored contact's number.
  'duplicate-in-file-skip': {
    it: 'stesso indirizzo della riga {{row}}: ignorata (resta il contatto di quella riga)',
    en: 'same address as row {{row}}: skipped (the contact of that row stays)',
  },
  'duplicate-in-file-update': { it: 'stesso indirizzo della riga {{row}}: unita al contatto di quella riga', en: 'same address as row {{row}}: merged into the contact of that row' },
  'duplicate-in-file-keep-both': { it: 'stesso indirizzo della riga {{row}}: importata come contatto a parte', en: 'same address as row {{row}}: imported as a separate contact' },
  'duplicate-existing-skip': {
    it: 'indirizzo già in rubrica (contatto n. {{contact}}): lasciato com\'è',
    en: 'address already in the address book (contact no. {{contact}}): left as it is',
  },
  'duplicate-existing-skip-group': {
    it: 'indirizzo già in rubrica (contatto n. {{contact}}): lasciato com\'è e aggiunto al gruppo «{{group}}»',
    en: 'address already in the address book (contact no. {{contact}}): left as it is and added to the group “{{group}}”',
  },
  'duplicate-existing-update': {
    it: 'indirizzo già in rubrica (contatto n. {{contact}}): aggiornato con i dati di questa riga',
    en: 'address already in the address book (contact no. {{contact}}): updated with the data of this row',
  },
  'duplicate-existing-update-group': {
    it: 'indirizzo già in rubrica (contatto n. {{contact}}): aggiornato con i dati di questa riga e aggiunto al gruppo «{{group}}»',
    en: 'address already in the address book (contact no. {{contact}}): updated with the data of this row and added to the group “{{group}}”',
  },
  'duplicate-existing-keep-both': {
    it: 'indirizzo già in rubrica (contatto n. {{contact}}): creato comunque un secondo contatto',
    en: 'address already in the address book (contact no. {{contact}}): a second contact created anyway',
  },
} satisfies Record<string, Bilingual>;

/** A text of the catalog. */
export type ImportProblemText = keyof typeof IMPORT_PROBLEM_TEXTS;

/** A value filled into a text: plain (a header, an address, a row number), a wording, or a list of wordings. */
export type ImportProblemValue = string | number | ImportProblemWording | ImportProblemWording[];

/** A text's values by name. */
export type ImportProblemParams = Record<string, ImportProblemValue>;

/** A text with its values: what a problem carries, and what a value can be. */
export interface ImportProblemWording {
  text: ImportProblemText;
  params?: ImportProblemParams;
}

/** The catalog in one language, for i18next resources (the importProblem section). */
export function importProblemTexts(language: 'it' | 'en'): Record<ImportProblemText, string> {
  return textsIn(IMPORT_PROBLEM_TEXTS, language);
}

/** Looks a text up with its values filled in: i18next's t in one language, bound by the caller. */
export type ImportProblemTranslate = (key: string, values: Record<string, string | number | string[]>) => string;

/**
 * A wording's words: its values' wordings first, each in the same language, then the text.
 * Shared by the engine's Italian and the window's translation, so the two cannot nest apart.
 */
export function wordImportProblem(translate: ImportProblemTranslate, wording: ImportProblemWording): string {
  const values: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(wording.params ?? {})) {
    if (Array.isArray(value)) values[name] = value.map((inner) => wordImportProblem(translate, inner));
    else values[name] = typeof value === 'object' ? wordImportProblem(translate, value) : value;
  }
  return translate(`importProblem.${wording.text}`, values);
}
