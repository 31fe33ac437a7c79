// daticert.xml, the certification data every PEC receipt and envelope carries (DM 2/11/2005 annex
// §7.3.3; schema and examples in pec-format.md §6). Layout as Aruba writes it: 4-space indents, one
// element per line, UTF-8, plus the DOCTYPE line that other providers put before the root.
import type { PecErrorCode, PecRecipient, ReceiptType, ReceiptVariant } from '../../src/shared/pec';
import { italianTime } from './time';

/** daticert `tipo`: the seven receipt types plus posta-certificata (the busta di trasporto). */
export type DaticertTipo = ReceiptType | 'posta-certificata';

/** The facts one daticert.xml states. Element names follow the DTD. */
export interface DaticertData {
  tipo: DaticertTipo;
  errore?: PecErrorCode;
  /** intestazione: the original message's From, To+Cc (typed), Reply-To and Subject. */
  mittente: string;
  destinatari: PecRecipient[];
  risposte: string;
  oggetto?: string | null;
  /** dati */
  gestoreEmittente: string;
  data: Date;
  identificativo: string;
  /** The original Message-ID with its angle brackets, e.g. `<abc@client>`. */
  msgid?: string | null;
  ricevuta?: ReceiptVariant;
  consegna?: string;
  ricezione?: string[];
  erroreEsteso?: string;
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Renders daticert.xml as a UTF-8 string (LF line endings, as in the real files). */
export function renderDaticert(d: DaticertData): string {
  const el = (indent: number, name: string, value: string): string => `${' '.repeat(indent)}<${name}>${xmlEscape(value)}</${name}>`;
  const when = italianTime(d.data);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE postacert SYSTEM "postacert.dtd">',
    `<postacert tipo="${d.tipo}" errore="${d.errore ?? 'nessuno'}">`,
    '    <intestazione>',
    el(8, 'mittente', d.mittente),
    ...d.destinatari.map((r) => `        <destinatari tipo="${r.type}">${xmlEscape(r.address)}</destinatari>`),
    el(8, 'risposte', d.risposte),
    ...(d.oggetto != null ? [el(8, 'oggetto', d.oggetto)] : []),
    '    </intestazione>',
    '    <dati>',
    el(8, 'gestore-emittente', d.gestoreEmittente),
    `        <data zona="${when.zona}">`,
    el(12, 'giorno', when.giorno),
    el(12, 'ora', when.ora),
    '        </data>',
    el(8, 'identificativo', d.identificativo),
    ...(d.msgid ? [el(8, 'msgid', d.msgid)] : []),
    ...(d.ricevuta ? [`        <ricevuta tipo="${d.ricevuta}" />`] : []),
    ...(d.consegna ? [el(8, 'consegna', d.consegna)] : []),
    ...(d.ricezione ?? []).map((r) => el(8, 'ricezione', r)),
    ...(d.erroreEsteso ? [el(8, 'errore-esteso', d.erroreEsteso)] : []),
    '    </dati>',
    '</postacert>',
  ];
  return lines.join('\n') + '\n';
}
