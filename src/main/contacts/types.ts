// Value types of the contacts domain. The plain-data ones the API contract shows as they are live
// in src/shared/api-contacts.ts and are named here in the domain's words, so the contract and the
// domain cannot drift; what stays here is the domain's own (inputs, the import plan, failures).
import type {
  ContactDetail, ContactPageView, ContactSuggestionView, DuplicatePolicy, GroupView, ImportCountsView, ImportMappingView, ImportPreviewView, SheetView,
} from '../../shared/api-contacts';
import type { ImportProblemParams, ImportProblemText, ImportProblemWording } from '../../shared/import-problem-texts';

export type { ColumnTarget, ContactColumn, DuplicatePolicy, PecStatus } from '../../shared/api-contacts';

/** A stored contact. Empty text is '' (never null) so a form can bind it directly. */
export type Contact = ContactDetail;

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

/** A contact's data once checked and cleaned (what the database stores): pec and email lowercased, trimmed. */
export type ContactData = Omit<Contact, 'id' | 'pecStatus' | 'groupIds' | 'createdAt' | 'updatedAt'>;

/** One address to offer in an address field's autocomplete. */
export type ContactSuggestion = ContactSuggestionView;

export type Group = GroupView;

/** Contacts sharing one normalized address. */
export interface DuplicateSet {
  address: string;
  contactIds: number[];
}

export type ContactPage = ContactPageView;

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
  /** invalid-contact, invalid-mapping: what is wrong, as the import report words a row's problems. */
  problems?: ImportProblemWording[];
  /** The values the failure's words name (too-many-rows: the sheet and the limit). */
  values?: Record<string, string | number>;
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
  | 'file-too-large'
  | 'sheet-not-found'
  | 'invalid-mapping'
  | 'plan-stale'
  /** The import's thread was closed with the engine before the step ended, or could not start. */
  | 'import-stopped';

/** A value, or why there is none. */
export type ContactsResult<T> = { ok: true; value: T } | ContactsFailure;

// ---- Import wizard ----------------------------------------------------------------------------

/** Which sheet (index into ImportPreview.sheets, 0 for CSV), which 0-based row holds the headers, and what each column (by index) becomes. */
export type ImportMapping = ImportMappingView;

/** A sheet of the file: hidden ones are skipped unless chosen; one over the import limit gives 'too-many-rows'. */
export type SheetInfo = SheetView;

/** The wizard's first page: what the file holds and a mapping to start from (the contract's view, by file path). */
export type ImportPreview = Omit<ImportPreviewView, 'fileId' | 'name'> & { file: string };

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
    | 'formula-ignored'
    | 'cell-error'
    | 'address-mixed-script'
    | 'address-idn'
    | 'text-cleaned';
  /** The column concerned (header text), when there is one. */
  column: string | null;
  /** Plain Italian words for the report file, the CLI and the logs. */
  message: string;
  /** The same words as a catalog text (src/shared/import-problem-texts.ts), for the window to word in its language. */
  text: ImportProblemText;
  /** The text's values, when it has any. */
  params?: ImportProblemParams;
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

export type ImportCounts = ImportCountsView;

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

/**
 * A plan as the engine holds it while the user reads the report: everything but its rows, which
 * stay on the import thread that made them (run-in-worker.ts) and are asked for a page at a time.
 */
export type ImportPlanSummary = Omit<ImportPlan, 'rows'>;

/** A page of a plan's rows under one of the report's filters. */
export interface PlannedRowPage {
  /** Rows under the filter, in all. */
  total: number;
  rows: PlannedRow[];
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
