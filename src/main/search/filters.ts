// The names a search filter answers to (Italian first, English beside), the PEC kinds `tipo:` knows,
// and the dates `prima:`/`dopo:` read. Kept apart from the parser so the help popover's list and
// the parser cannot disagree: the renderer's help names exactly these (test/main/search/syntax.test.ts).
import type { PecKind, ReceiptType } from '../../shared/pec';

/** What a filter restricts. */
export type FilterField =
  | 'from'
  | 'to'
  | 'subject'
  | 'attachment'
  | 'note'
  | 'has'
  | 'type'
  | 'folder'
  | 'account'
  | 'tag'
  | 'before'
  | 'after'
  | 'with';

/** Every name typed before the colon, lowercased, and the field it restricts. */
export const FILTER_NAMES: Readonly<Record<string, FilterField>> = {
  da: 'from',
  from: 'from',
  a: 'to',
  to: 'to',
  oggetto: 'subject',
  subject: 'subject',
  allegato: 'attachment',
  attachment: 'attachment',
  nota: 'note',
  note: 'note',
  ha: 'has',
  has: 'has',
  tipo: 'type',
  type: 'type',
  cartella: 'folder',
  folder: 'folder',
  account: 'account',
  casella: 'account',
  tag: 'tag',
  etichetta: 'tag',
  prima: 'before',
  before: 'before',
  dopo: 'after',
  after: 'after',
  con: 'with',
  with: 'with',
};

/** What `ha:`/`has:` accepts: only attachments for now. */
export const HAS_ATTACHMENT = new Set(['allegato', 'allegati', 'attachment', 'attachments']);

/** A PEC kind a `tipo:` value names: a whole class of messages, or one receipt type. */
export type PecTypeFilter = { kind: PecKind } | { receiptType: ReceiptType };

/** Every `tipo:` value (lowercase, words joined by "-", accents removed) and what it names. */
export const PEC_TYPE_NAMES: Readonly<Record<string, PecTypeFilter>> = {
  'posta-certificata': { kind: 'envelope' },
  busta: { kind: 'envelope' },
  pec: { kind: 'envelope' },
  envelope: { kind: 'envelope' },
  certified: { kind: 'envelope' },
  anomalia: { kind: 'anomaly' },
  anomaly: { kind: 'anomaly' },
  ricevuta: { kind: 'receipt' },
  ricevute: { kind: 'receipt' },
  receipt: { kind: 'receipt' },
  ordinaria: { kind: 'ordinary' },
  ordinary: { kind: 'ordinary' },
  accettazione: { receiptType: 'accettazione' },
  acceptance: { receiptType: 'accettazione' },
  'non-accettazione': { receiptType: 'non-accettazione' },
  'non-acceptance': { receiptType: 'non-accettazione' },
  'presa-in-carico': { receiptType: 'presa-in-carico' },
  'taken-in-charge': { receiptType: 'presa-in-carico' },
  consegna: { receiptType: 'avvenuta-consegna' },
  'avvenuta-consegna': { receiptType: 'avvenuta-consegna' },
  delivery: { receiptType: 'avvenuta-consegna' },
  'mancata-consegna': { receiptType: 'errore-consegna' },
  'errore-consegna': { receiptType: 'errore-consegna' },
  'non-delivery': { receiptType: 'errore-consegna' },
  'delivery-error': { receiptType: 'errore-consegna' },
  preavviso: { receiptType: 'preavviso-errore-consegna' },
  'preavviso-mancata-consegna': { receiptType: 'preavviso-errore-consegna' },
  'preavviso-errore-consegna': { receiptType: 'preavviso-errore-consegna' },
  'delivery-warning': { receiptType: 'preavviso-errore-consegna' },
  virus: { receiptType: 'rilevazione-virus' },
  'rilevazione-virus': { receiptType: 'rilevazione-virus' },
};

/** A `tipo:` value as the table above spells it: "Mancata consegna" → "mancata-consegna". */
export function pecTypeKey(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/[\s_]+/g, '-');
}

/** A calendar day. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** `2026-12-01` or `1/12/2026` (day first, as in Italy; also `1.12.2026`, `1-12-2026`); null when it is not a real day. */
export function parseDay(text: string): Day | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const italian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : italian ? [italian[3], italian[2], italian[1]] : [];
  if (year === undefined) return null;
  const d = { year: Number(year), month: Number(month), day: Number(day) };
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const real = check.getUTCFullYear() === d.year && check.getUTCMonth() === d.month - 1 && check.getUTCDate() === d.day;
  return real && d.year >= 1970 ? d : null;
}
