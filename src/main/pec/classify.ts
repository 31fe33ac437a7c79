// What a message is, from its top-level headers only (RFC 6109 §3, regole tecniche DM 2/11/2005):
// X-Ricevuta marks a receipt, X-Trasporto an envelope. Never from the subject: "CONSEGNA: …"
// is something anyone can type, and a receipt forwarded inside an ordinary message keeps its
// headers only in the attached part.
import { type PecKind, RECEIPT_TYPES, type ReceiptType, type ReceiptVariant } from '../../shared/pec';
import { type HeaderMap } from './mime';

/** The kind of a message and, for a receipt, its type, plus anything odd about those headers. */
export interface Classification {
  kind: PecKind;
  receiptType: ReceiptType | null;
  problems: string[];
}

const RECEIPTS: readonly string[] = RECEIPT_TYPES;

// Values are tokens compared whole: "non-accettazione" contains "accettazione".
function tokens(headers: HeaderMap, name: string): string[] {
  return [...new Set((headers.get(name) ?? []).map((v) => v.trim().toLowerCase()))];
}

/** Classifies a message from X-Ricevuta / X-Trasporto (names case-insensitive, values whole, trimmed, lowercased). */
export function classifyHeaders(headers: HeaderMap): Classification {
  const problems: string[] = [];
  const ricevuta = tokens(headers, 'x-ricevuta');
  const trasporto = tokens(headers, 'x-trasporto');
  if (ricevuta.length > 1) problems.push(`several different X-Ricevuta values (${ricevuta.join(', ')}); the first decides`);
  if (trasporto.length > 1) problems.push(`several different X-Trasporto values (${trasporto.join(', ')}); the first decides`);
  const receiptType = ricevuta.length > 0 && RECEIPTS.includes(ricevuta[0]) ? (ricevuta[0] as ReceiptType) : null;
  if (ricevuta.length > 0 && !receiptType) problems.push(`unknown X-Ricevuta value "${ricevuta[0]}"`);
  if (receiptType) {
    if (trasporto.length > 0) problems.push('both X-Ricevuta and X-Trasporto are set; read as a receipt');
    return { kind: 'receipt', receiptType, problems };
  }
  if (trasporto[0] === 'posta-certificata') return { kind: 'envelope', receiptType: null, problems };
  if (trasporto[0] === 'errore') return { kind: 'anomaly', receiptType: null, problems };
  if (trasporto.length > 0) problems.push(`unknown X-Trasporto value "${trasporto[0]}"`);
  return { kind: 'ordinary', receiptType: null, problems };
}

const VARIANTS: readonly string[] = ['completa', 'breve', 'sintetica'];

/** The receipt variant named by X-TipoRicevuta (RFC 6109 §3.1.2), or null. */
export function headerVariant(headers: HeaderMap): ReceiptVariant | null {
  const value = tokens(headers, 'x-tiporicevuta')[0];
  return value && VARIANTS.includes(value) ? (value as ReceiptVariant) : null;
}
