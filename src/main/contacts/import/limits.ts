// How much a spreadsheet may hold before the import refuses it, and the one message a refused or
// hostile file gets. The caps are checked while the file is read (the zip's central directory
// first, then the bytes actually inflated), so a zip bomb is refused after a few kilobytes of work
// instead of after gigabytes. Real contact lists stay far below every cap: a 200,000-row sheet of
// ten columns is about 80 MB of XML.
import type { ContactsFailure } from '../types';

export interface ReadLimits {
  /** Entries in an .xlsx (Excel writes a dozen; hundreds of sheets or pictures are still fine). */
  maxZipEntries: number;
  /** Inflated bytes of one part of an .xlsx. */
  maxEntryBytes: number;
  /** Inflated bytes of all the parts together. */
  maxTotalBytes: number;
  /**
   * Characters of one run of XML text or one tag. Excel keeps at most 32,767 characters in a cell
   * (Excel specifications and limits), so a longer run is not a spreadsheet but padding meant to
   * make the XML parser hold it in memory.
   */
  maxXmlRun: number;
  /** Columns of a sheet: cells past this one are no contact list. */
  maxColumns: number;
  /** Bytes of a CSV file (it is decoded whole). */
  maxCsvBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxZipEntries: 1000,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxXmlRun: 1 * MiB,
  maxColumns: 1000,
  maxCsvBytes: 128 * MiB,
};

/** Thrown while reading when a cap is passed; table.ts turns it into the 'file-too-large' failure. */
export class LimitExceeded extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'LimitExceeded';
  }
}

/** The failure every refused file gets: what happened and what to do. */
export function tooLarge(why: string): ContactsFailure {
  return {
    ok: false,
    code: 'file-too-large',
    detail:
      `Il file è troppo grande o danneggiato per essere importato (${why}). ` +
      'Aprilo in Excel, copia solo le righe dei contatti in un file nuovo e salvalo come .xlsx o .csv; oppure dividi l\u2019elenco in più file.',
  };
}

/** Bytes in words ("512 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / MiB).toLocaleString('it-IT')} MB`;
}
