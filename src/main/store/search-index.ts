// What search finds a filed message by beyond messages_fts: every address it was exchanged with
// (message_addresses, `con:`) and its recipients as words (message_recipients_fts, `a:`). Computed
// here from the values the ingest is about to store, exactly as migration 10's SQL computes them
// for the rows stored before migration 18 (which wrote them from a trigger): SQLite's trim() takes
// off spaces only and its lower() folds ASCII letters only, so the old rows and the new ones hold
// the same keys for the same addresses.

/** The address-bearing columns of a messages row, before they are stored as JSON. */
export interface AddressColumns {
  fromAddr: string | null;
  origFrom: string | null;
  pecSender: string | null;
  pecDeliveredTo: string | null;
  to: readonly string[];
  origTo: readonly string[];
  origCc: readonly string[];
}

/** The distinct address keys of a row: the part in angle brackets of "Name <a@b>" (else all of it), trimmed, lowercased. */
export function addressKeys(row: AddressColumns): string[] {
  const keys = new Set<string>();
  for (const value of [row.fromAddr, row.origFrom, row.pecSender, row.pecDeliveredTo, ...row.to, ...row.origTo, ...row.origCc]) {
    if (value === null) continue;
    const key = asciiLower(trimSpaces(bracketed(value)));
    if (key !== '') keys.add(key);
  }
  return [...keys];
}

/** The recipients' words: the cover's To, postacert.eml's To and Cc, the recipient a consegna certifies. */
export function recipientsText(row: AddressColumns): string {
  return trimSpaces(`${[...row.to, ...row.origTo, ...row.origCc].join(' ')} ${row.pecDeliveredTo ?? ''}`);
}

/** The text between the first '<' and the first '>' when that '>' comes after it (SQL instr/substr). */
function bracketed(value: string): string {
  const open = value.indexOf('<');
  const close = value.indexOf('>');
  return open >= 0 && close > open ? value.slice(open + 1, close) : value;
}

function trimSpaces(value: string): string {
  return value.replace(/^ +| +$/g, '');
}

function asciiLower(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
