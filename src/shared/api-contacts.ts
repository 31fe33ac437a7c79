// The contacts part of the API contract: method names, response values and the import-progress
// event of the contacts pane and the spreadsheet import wizard (issue #7); the request schemas are
// in api-contacts-requests.ts. Kept apart from api.ts / api-values.ts so the contacts work and
// the bulk-send work each add methods in files of their own; api.ts merges the lists. No zod here:
// the preload and the renderer import the method names without pulling in the schemas.
import type { ImportProblemParams, ImportProblemText } from './import-problem-texts';

/** The contacts methods, in the order the API lists them. */
export const CONTACTS_API_METHODS = [
  'contactsList',
  'contactsSuggest',
  'contactGet',
  'contactSave',
  'contactsRemove',
  'contactsDuplicates',
  'contactsMerge',
  'pecStatuses',
  'groupsList',
  'groupCreate',
  'groupRename',
  'groupRemove',
  'groupAddMembers',
  'groupRemoveMembers',
  'contactsExport',
  'chooseSpreadsheetFile',
  'uploadImportFile',
  'importPreview',
  'importPlan',
  'importPlanRows',
  'importCommit',
  'importSaveReport',
] as const;

/** Name of a contacts method. */
export type ContactsApiMethod = (typeof CONTACTS_API_METHODS)[number];

// ---- Values -----------------------------------------------------------------------------------

/**
 * How sure PecDesk is that an address is a PEC mailbox (the badge): confirmed by a receipt,
 * likely from its domain, user = the user's flag, no = a daticert called it "esterno".
 */
export type PecStatus = 'confirmed' | 'likely' | 'user' | 'no' | 'unknown';

/** A contact with every field the edit dialog shows. Empty text is ''. */
export interface ContactDetail {
  id: number;
  name: string;
  organization: string;
  pec: string;
  email: string;
  /** Codice fiscale or partita IVA. */
  taxCode: string;
  /** Free fields for bulk-send placeholders ({{comune}} → fields.comune). */
  fields: Record<string, string>;
  tags: string[];
  notes: string;
  /** The user's own flag that the PEC address is a PEC mailbox. */
  isPec: boolean;
  pecStatus: PecStatus;
  groupIds: number[];
  createdAt: string;
  updatedAt: string;
}

/** A page of the contacts list. */
export interface ContactPageView {
  total: number;
  offset: number;
  rows: ContactDetail[];
}

/** One address offered by an address field's autocomplete. */
export interface ContactSuggestionView {
  contactId: number;
  name: string;
  organization: string;
  address: string;
  field: 'pec' | 'email';
  pecStatus: PecStatus;
}

/** A group (lista) of contacts. */
export interface GroupView {
  id: number;
  name: string;
  memberCount: number;
  createdAt: string;
}

/** Contacts sharing one address, for the duplicates view. */
export interface DuplicateSetView {
  address: string;
  contacts: ContactDetail[];
}

/** A spreadsheet chosen or uploaded for import, known to the main process by fileId. */
export interface ImportFileView {
  fileId: string;
  name: string;
}

/** What a spreadsheet column becomes: a contact field, nothing, or the free field {{KEY}}. */
export type ColumnTarget = ContactColumn | 'ignore' | `free:${string}`;

/** The contact fields a column can fill; firstName + lastName are joined into the name. */
export type ContactColumn = 'name' | 'firstName' | 'lastName' | 'organization' | 'pec' | 'email' | 'taxCode' | 'notes' | 'tags';

/** Every ContactColumn, in the order the wizard offers them. */
export const CONTACT_COLUMNS = ['name', 'firstName', 'lastName', 'organization', 'pec', 'email', 'taxCode', 'notes', 'tags'] as const satisfies readonly ContactColumn[];

/** Which sheet, which row holds the headers (-1: none), and what each column becomes. */
export interface ImportMappingView {
  sheetIndex: number;
  headerRowIndex: number;
  columns: ColumnTarget[];
}

/** A sheet of the file. */
export interface SheetView {
  index: number;
  name: string;
  hidden: boolean;
  rows: number;
  rowsAtLeast: boolean;
  tooManyRows: boolean;
}

/** The wizard's first page: the top rows, the header row found, a mapping to start from. */
export interface ImportPreviewView {
  fileId: string;
  name: string;
  format: 'xlsx' | 'csv';
  sheets: SheetView[];
  sheetIndex: number;
  encoding: 'utf-8' | 'utf-16le' | 'windows-1252' | null;
  delimiter: string | null;
  headerRowIndex: number;
  columns: { index: number; header: string }[];
  /** The first rows from the top of the sheet (header row included), as text. */
  rows: string[][];
  dataRowCount: number;
  suggestedMapping: ImportMappingView;
  /** The mapping last used for a file with the same header names. */
  rememberedMapping: ImportMappingView | null;
  layoutKey: string;
}

/** What the import does with contacts already in the address book or repeated in the file. */
export type DuplicatePolicy = 'skip' | 'update' | 'keep-both';

/** How many rows end how. */
export interface ImportCountsView {
  rows: number;
  create: number;
  update: number;
  link: number;
  invalid: number;
  empty: number;
  duplicatesInFile: number;
  duplicatesExisting: number;
}

/** The report before committing; its rows are paged with importPlanRows. */
export interface ImportPlanView {
  planId: string;
  fileId: string;
  name: string;
  sheetName: string;
  headers: string[];
  mapping: ImportMappingView;
  groupName: string | null;
  duplicatePolicy: DuplicatePolicy;
  counts: ImportCountsView;
}

/** Why a row or an address is not usable, or what was corrected. */
export interface RowProblemView {
  code: string;
  column: string | null;
  /** Italian words, as the report file and the CLI give them. */
  message: string;
  /** The same words as a catalog text (import-problem-texts.ts) with its values, for the window's language; a problem without one shows its message. */
  text?: ImportProblemText;
  params?: ImportProblemParams;
}

/** One row of the report. */
export interface PlannedRowView {
  /** Row number as the spreadsheet program shows it. */
  row: number;
  outcome: 'create' | 'update' | 'link' | 'invalid' | 'empty';
  contact: { name: string; organization: string; pec: string; email: string } | null;
  /** The cells as read, for a row not imported. */
  cells: string[] | null;
  problems: RowProblemView[];
  duplicateOfRow: number | null;
  existingContactId: number | null;
}

/** Which rows of the report to page through. */
export type PlanRowFilter = 'all' | 'problems' | 'valid' | 'invalid' | 'duplicates' | 'empty';

/** A page of report rows. */
export interface PlanRowsPage {
  total: number;
  offset: number;
  rows: PlannedRowView[];
}

/** What a committed import did. */
export interface ImportOutcomeView {
  created: number;
  updated: number;
  linked: number;
  /** Contacts the import touched (created, updated or put in the group). */
  contacts: number;
  groupId: number | null;
}

/**
 * A file the main process produced (report, export): saved where the user chose in the desktop
 * app, or handed over as bytes for the browser to download in the web build.
 */
export type FileOutput =
  | { kind: 'saved'; path: string }
  | { kind: 'cancelled' }
  | { kind: 'download'; filename: string; contentType: string; dataBase64: string };

/** Progress of an import step (reading the file, checking rows, saving contacts) for the progress bar. */
export interface ImportProgressEvent {
  type: 'import-progress';
  fileId: string;
  /** Set once a plan exists (commit); null while the report is being made. */
  planId: string | null;
  phase: 'reading' | 'checking' | 'saving' | 'writing';
  done: number;
  total: number;
}

/** What each contacts method resolves to. */
export interface ContactsApiResponses {
  contactsList: ContactPageView;
  /** Addresses matching name, organization or address words, accents ignored. */
  contactsSuggest: ContactSuggestionView[];
  contactGet: ContactDetail;
  /** The saved contact (id assigned when new). */
  contactSave: ContactDetail;
  contactsRemove: { removed: number };
  contactsDuplicates: DuplicateSetView[];
  /** The surviving contact, holding every field and group of both. */
  contactsMerge: ContactDetail;
  /** The PEC badge of each address (contacts or not). */
  pecStatuses: Record<string, PecStatus>;
  groupsList: GroupView[];
  groupCreate: GroupView;
  groupRename: GroupView;
  groupRemove: null;
  groupAddMembers: { added: number };
  groupRemoveMembers: { removed: number };
  /** Writes all contacts or a group to .xlsx/.csv (save dialog, or a download in the browser). */
  contactsExport: FileOutput & { count: number };
  /** Native "Open" dialog (desktop app); null when cancelled. */
  chooseSpreadsheetFile: ImportFileView | null;
  /** A spreadsheet sent by the browser, kept in a private temporary folder. */
  uploadImportFile: ImportFileView;
  importPreview: ImportPreviewView;
  /** The report: what every row would do; nothing written yet. */
  importPlan: ImportPlanView;
  importPlanRows: PlanRowsPage;
  /** Applies the plan in one transaction; 'stale' if the address book changed since the report. */
  importCommit: ImportOutcomeView;
  /** The report as .xlsx. */
  importSaveReport: FileOutput;
}

// Letters that Unicode does not decompose into a base letter and an accent.
const UNACCENTED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/** Lowercase without accents: the key for matching names and headers ("Nicolò" → "nicolo"). */
export function foldText(text: string): string {
  const unmarked = LATIN_ONLY.test(text) ? text.replace(/[\u0080-\u017f]/g, (ch) => LATIN_BASE[ch.charCodeAt(0) - 0x80]) : withoutMarks(text);
  return unmarked.toLowerCase().replace(/[ßæœøłđı]/g, (ch) => UNACCENTED[ch]);
}

/** The general path: decomposed (NFD), combining marks dropped. */
function withoutMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

// Text of ASCII, Latin-1 and Latin Extended-A (Italian names and addresses, nearly always) folds by
// one table lookup per letter instead of the NFD pass, four times slower (a 50,000-row contacts
// import folds each row's names and addresses for the search column). The table is
// made by the general path itself, one letter at a time, so both give the same text: without its
// marks, NFD's reordering of them does not matter.
// Control characters included: they fold to themselves either way.
// eslint-disable-next-line no-control-regex
const LATIN_ONLY = /^[\u0000-\u017f]*$/;
const LATIN_BASE = Array.from({ length: 0x180 - 0x80 }, (_, i) => withoutMarks(String.fromCharCode(0x80 + i)));

/**
 * The key of a free field named by a column header ("Comune di nascita" → comune_di_nascita), as
 * placeholders use it: accents folded, lowercase, runs of anything else as one "_", no "_" at
 * either end (so "__proto__" can never become a key). The main process applies it again
 * (normalizeFieldKey in src/main/contacts) to whatever it is sent.
 */
export function fieldKeyOf(label: string): string {
  return foldText(label).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
