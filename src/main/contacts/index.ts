// The contacts domain: contacts, groups (liste), the PEC badge, autocomplete, duplicates and
// merge, spreadsheet import (wizard: preview → plan → commit) and export. Other domains reach it
// only through this file.

/** Contacts and groups over a store; build one per opened store. */
export { Contacts, type ContactsOptions } from './service';
/** Placeholder values of a contact for bulk sends ({{nome}}, {{ragione_sociale}}, free fields). */
export { placeholderFields, PLACEHOLDER_KEYS } from './placeholders';
/** The PEC badge from receipts evidence, the user's flag and the domain. */
export { pecStatusOf } from './pec-status';
/** Known PEC domains and the domain test behind the "likely" badge. */
export { PEC_DOMAINS, isKnownPecDomain } from './pec-domains';
/** Address cleaning and checking, as the import and the forms do it. */
export { normalizeAddress, addressProblem, normalizeFieldKey, foldText } from './normalize';
/** A problem's (or a choice of columns') words in Italian, as the import report and the CLI say them. */
export { italianProblemWords } from './problem-words';
/** Merging two contacts' data without losing any of it. */
export { mergeContactData } from './merge';
/** The import report as text (CLI) and as an .xlsx file. */
export { importReportLines, targetLabel } from './import/report-text';
/** The rows of an import plan under one of the report's filters. */
export { planRowsMatching } from './import/plan-rows';
/** Writes an import plan's report to .xlsx. */
export { writeReportXlsx } from './import/report-xlsx';
/** The largest sheet imported by default (rows). */
export { DEFAULT_MAX_ROWS } from './import/table';
/** Runs the import's steps (preview, plan, report pages, report file, commit) on a worker thread. */
export { ImportWorker, type WorkerRequest, type WorkerResults } from './run-in-worker';
/** Value types (plain data: they cross IPC and worker threads). */
export type * from './types';
/** The apostrophe before a CSV value a spreadsheet would run as a formula (OWASP CSV injection), shared by every CSV PecDesk writes. */
export { guardCsvCell } from './import/csv-read';
