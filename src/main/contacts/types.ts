// Value types of the contacts domain. Type-only and plain data (no Map, no class), so they cross
// IPC and worker_threads unchanged and can move to src/shared/ when the API contract needs them.

/**
 * How sure PecDesk is that an address is a PEC mailbox, for the badge:
 * confirmed = a receipt proved it (daticert "certificato", avvenuta-consegna);
 * no = a daticert listed it as "esterno" (an ordinary mailbox);
 * user = the user says so; likely = its domain is a known PEC domain; unknown = nothing known.
 */
export type PecStatus = 'confirmed' | 'likely' | 'user' | 'no' | 'unknown';

/** A stored contact. Empty text is '' (never null) so a form can bind it directly. */
export interface Contact {
  id: number;
  name: string;
  organization: string;
  /** Lowercased, trimmed. */
  pec: string;
  /** Ordinary e-mail, lowercased, trimmed. */
  email: string;
  /** Codice fiscale or partita IVA. */
  taxCode: string;
  /** Free fields for bulk-send placeholders, by normalized key ({{comune}} → fields.comune). */
  fields: Record<string, string>;
  tags: string[];
  notes: string;
  /** The user's own flag that the PEC field is a PEC mailbox. */
  isPec: boolean;
  pecStatus: PecStatus;
  groupIds: number[];
  createdAt: string;
  updatedAt: string;
}

/** A contact to create (no id) or to update (id); missing fields are empty. */
export interface ContactInput {
  id?: number;
  name?: string;
  organization?: string;
  pec?: string;
  email?: string;
  taxCode?: string;
  fields?: Record<string, string>;
  tags?: string[];
  notes?: string;
  /** Defaults to "has a PEC address". */
  isPec?: boolean;
}

/** A contact's data once checked and cleaned (what the database stores). */
export interface ContactData {
  name: string;
  organization: string;
  pec: string;
  email: string;
  taxCode: string;
  fields: Record<string, string>;
  tags: string[];
  notes: string;
  isPec: boolean;
}

/** One address to offer in an address field's autocomplete. */
export interface ContactSuggestion {
  contactId: number;
  name: string;
  organization: string;
  address: string;
  /** Which field of the contact the address is. */
  field: 'pec' | 'email';
  pecStatus: PecStatus;
}

export interface Group {
  id: number;
  name: string;
  memberCount: number;
  createdAt: string;
}

/** Contacts sharing one normalized address. */
export interface DuplicateSet {
  address: string;
  contactIds: number[];
}

export interface ContactPage {
  total: number;
  offset: number;
  rows: Contact[];
}

export interface ListContactsOptions {
  groupId?: number;
  /** Same matching as suggest(): words of name, organization, addresses, accents ignored. */
  query?: string;
  offset?: number;
  limit?: number;
}

/** Why an operation failed, in plain Italian words with what to do next. */
export interface ContactsFailure {
  ok: false;
  code: ContactsErrorCode;
  detail: string;
}

export type ContactsErrorCode =
  | 'not-found'
  | 'invalid-contact'
  | 'group-exists'
  | 'file-unreadable'
  | 'file-unwritable'
  | 'empty-file'
  | 'legacy-xls'
  | 'encrypted-xlsx'
  | 'ods-unsupported'
  | 'unsupported-format'
  | 'xlsx-unreadable'
  | 'too-many-rows'
  | 'sheet-not-found'
  | 'invalid-mapping'
  | 'plan-stale';

/** A value, or why there is none. */
export type ContactsResult<T> = { ok: true; value: T } | ContactsFailure;

// ---- Import wizard ----------------------------------------------------------------------------

/** What a spreadsheet column can become. `free:KEY` is a free field usable as {{KEY}}. */
export type ColumnTarget = ContactColumn | 'ignore' | `free:${string}`;

/** The contact fields a column can fill; firstName + lastName are joined into the name. */
export type ContactColumn = 'name' | 'firstName' | 'lastName' | 'organization' | 'pec' | 'email' | 'taxCode' | 'notes' | 'tags';

/** Which sheet, which row holds the headers, and what each column (by index) becomes. */
export interface ImportMapping {
  /** Index into ImportPreview.sheets (0 for CSV). */
  sheetIndex: number;
  /** 0-based index of the header row among the sheet's rows. */
  headerRowIndex: number;
  columns: ColumnTarget[];
}

export interface SheetInfo {
  index: number;
  name: string;
  /** Hidden or very hidden in Excel: skipped unless chosen. */
  hidden: boolean;
  /** Rows the sheet holds (or claims, when over the limit). */
  rows: number;
  /** Counting stopped past the limit: the sheet has at least `rows` rows. */
  rowsAtLeast: boolean;
  /** Over the import limit: choosing it gives 'too-many-rows'. */
  tooManyRows: boolean;
}

export interface PreviewColumn {
  index: number;
  /** The header cell's text, or "Colonna X" when the header row has none there. */
  header: string;
}

/** The wizard's first page: what the file holds and a mapping to start from. */
export interface ImportPreview {
  file: string;
  format: 'xlsx' | 'csv';
  sheets: SheetInfo[];
  sheetIndex: number;
  /** CSV only: the text encoding and the delimiter found. */
  encoding: 'utf-8' | 'utf-16le' | 'windows-1252' | null;
  delimiter: string | null;
  headerRowIndex: number;
  columns: PreviewColumn[];
  /** The first rows of the sheet from its top (header row included), as text. */
  rows: string[][];
  /** Data rows below the header row. */
  dataRowCount: number;
  suggestedMapping: ImportMapping;
  /** The mapping used last time for a file with the same header names, if any. */
  rememberedMapping: ImportMapping | null;
  /** Hash of the header names: the key mappings are remembered under. */
  layoutKey: string;
}

export type DuplicatePolicy = 'skip' | 'update' | 'keep-both';

export interface ImportOptions {
  /** The group every imported (or matched) contact joins; created if missing. */
  groupName?: string;
  duplicatePolicy: DuplicatePolicy;
}

/**
 * What happens to one row: create a contact; update an existing one (or one created from an
 * earlier row); link = leave an existing contact as it is, only add it to the group;
 * invalid and empty rows are not imported.
 */
export type RowOutcome = 'create' | 'update' | 'link' | 'invalid' | 'empty';

/** Why an address or a row is not usable, or what was corrected. */
export interface RowProblem {
  code:
    | 'address-syntax'
    | 'address-missing'
    | 'several-addresses'
    | 'csv-malformed'
    | 'duplicate-in-file'
    | 'duplicate-existing'
    | 'tax-code-padded'
    | 'tax-code-suspicious'
    | 'formula-without-value'
    | 'cell-error';
  /** The column concerned (header text), when there is one. */
  column: string | null;
  /** Plain Italian words for the report. */
  message: string;
}

export interface PlannedRow {
  /** Row number as the spreadsheet program shows it (CSV: record number, header included). */
  row: number;
  outcome: RowOutcome;
  contact: ContactData | null;
  /** The row's cells as read, for a row not imported (invalid), so the report can show it. */
  cells: string[] | null;
  problems: RowProblem[];
  /** For a duplicate inside the file: the row number it repeats. */
  duplicateOfRow: number | null;
  /** For a duplicate of a stored contact: its id. */
  existingContactId: number | null;
}

export interface ImportCounts {
  rows: number;
  create: number;
  update: number;
  link: number;
  invalid: number;
  empty: number;
  duplicatesInFile: number;
  duplicatesExisting: number;
}

/** The report shown before committing; commitImport applies exactly this. */
export interface ImportPlan {
  file: string;
  format: 'xlsx' | 'csv';
  sheetName: string;
  layoutKey: string;
  mapping: ImportMapping;
  headers: string[];
  options: ImportOptions;
  counts: ImportCounts;
  rows: PlannedRow[];
  createdAt: string;
}

/** What a committed import did. */
export interface ImportOutcome {
  /** Every contact the import created, updated or put in the group. */
  contactIds: number[];
  created: number;
  updated: number;
  linked: number;
  groupId: number | null;
}

/** Progress of long work, for a progress bar: done out of total in the current phase. */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'saving' | 'writing';
  done: number;
  total: number;
}

export type ProgressCallback = (progress: ImportProgress) => void;

/** A change the contacts domain committed (ids of contacts or groups). */
export interface ContactsChange {
  entity: 'contacts' | 'groups';
  ids: number[];
}
