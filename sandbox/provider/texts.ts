// The human-readable part of provider messages: subject prefixes (pec-format.md §3) and Italian text
// modelled on Aruba's (fixtures aruba-2018-*, aruba-2023-*). Clients must never parse this text.
import type { PecErrorCode, PecRecipient, ReceiptVariant } from '../../src/shared/pec';
import type { ItalianTime } from './time';

/** What a provider message says about its subject message, enough to write its text. */
export interface TextFacts {
  mittente: string;
  destinatari: PecRecipient[];
  oggetto: string;
  identificativo: string;
}

/** The kinds of provider message, with the details that change their wording. */
export type TextKind =
  | { type: 'accettazione' }
  | { type: 'non-accettazione'; errore: PecErrorCode; erroreEsteso: string }
  | { type: 'presa-in-carico'; ricezione: string[] }
  | { type: 'avvenuta-consegna'; consegna: string; variant: ReceiptVariant }
  | { type: 'errore-consegna'; consegna: string; erroreEsteso: string; cause: 'virus' | 'timeout' | null }
  | { type: 'preavviso-errore-consegna'; consegna: string; erroreEsteso: string }
  | { type: 'rilevazione-virus'; consegna: string; erroreEsteso: string }
  | { type: 'posta-certificata' }
  | { type: 'anomalia'; motivo: string };

/** Subject prefix, HTML title and body lines of one provider message. */
export interface MessageText {
  subjectPrefix: string;
  title: string;
  lines: string[];
}

const recipientLabel = (r: PecRecipient): string => `${r.address} ("${r.type === 'certificato' ? 'posta certificata' : 'posta ordinaria'}")`;

const VARIANT_NOTE: Record<ReceiptVariant, string> = {
  completa: 'Il messaggio originale è incluso in allegato (file "postacert.eml").',
  breve: 'Il messaggio originale è incluso in allegato (file "postacert.eml"); gli allegati sono sostituiti dai rispettivi hash.',
  sintetica: 'Ricevuta sintetica: il messaggio originale non è allegato.',
};

/** Writes the subject prefix and the text of one provider message. */
export function messageText(kind: TextKind, f: TextFacts, t: ItalianTime): MessageText {
  const when = `Il giorno ${t.giorno} alle ore ${t.ora} (${t.zona})`;
  const about = `il messaggio con Oggetto\n"${f.oggetto}" inviato da "${f.mittente}"`;
  const idLine = `Identificativo del messaggio: ${f.identificativo}`;
  const daticertLine = "L'allegato daticert.xml contiene informazioni di servizio sulla trasmissione";
  const lines = (...text: string[]): string[] => text.join('\n').split('\n');
  switch (kind.type) {
    case 'accettazione':
      return {
        subjectPrefix: 'ACCETTAZIONE:',
        title: 'Ricevuta di accettazione',
        lines: lines(
          `-- Ricevuta di accettazione del messaggio indirizzato a ${f.destinatari.map(recipientLabel).join(', ')} --`,
          '',
          `${when} ${about}`,
          'ed indirizzato a:',
          ...f.destinatari.map(recipientLabel),
          'è stato accettato dal sistema ed inoltrato.',
          idLine,
          daticertLine,
        ),
      };
    case 'non-accettazione': {
      const virus = kind.errore === 'virus';
      return {
        subjectPrefix: virus ? 'AVVISO DI NON ACCETTAZIONE PER VIRUS:' : 'AVVISO DI NON ACCETTAZIONE:',
        title: virus ? 'Avviso di non accettazione per virus' : 'Avviso di non accettazione',
        lines: lines(
          virus ? '-- Avviso di non accettazione per virus --' : '-- Avviso di non accettazione --',
          '',
          `${when} ${about}`,
          virus ? 'non è stato accettato perché contiene un virus informatico:' : 'non è stato accettato per il seguente errore:',
          kind.erroreEsteso,
          'Il messaggio non è stato inoltrato.',
          idLine,
          daticertLine,
        ),
      };
    }
    case 'presa-in-carico':
      return {
        subjectPrefix: 'PRESA IN CARICO:',
        title: 'Ricevuta di presa in carico',
        lines: lines(
          '-- Ricevuta di presa in carico --',
          '',
          `${when} ${about}`,
          'ed indirizzato a:',
          ...kind.ricezione,
          'è stato preso in carico dal gestore di posta certificata del destinatario.',
          idLine,
          daticertLine,
        ),
      };
    case 'avvenuta-consegna':
      return {
        subjectPrefix: 'CONSEGNA:',
        title: 'Ricevuta di avvenuta consegna',
        lines: lines(
          `-- Ricevuta di avvenuta consegna del messaggio indirizzato a ${kind.consegna} "posta certificata" --`,
          '',
          `${when} ${about}`,
          `ed indirizzato a "${kind.consegna}"`,
          'è stato correttamente consegnato al destinatario.',
          idLine,
          VARIANT_NOTE[kind.variant],
          daticertLine,
        ),
      };
    case 'errore-consegna': {
      const prefix = { virus: 'AVVISO DI MANCATA CONSEGNA PER VIRUS:', timeout: 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO:' };
      const reason = {
        virus: 'contiene un virus informatico e non è stato consegnato.',
        timeout: 'non è stato consegnato entro 24 ore dall\'invio.',
      };
      return {
        subjectPrefix: kind.cause ? prefix[kind.cause] : 'AVVISO DI MANCATA CONSEGNA:',
        title: 'Avviso di mancata consegna',
        lines: lines(
          `-- Avviso di mancata consegna del messaggio indirizzato a ${kind.consegna} --`,
          '',
          `${when} ${about}`,
          `ed indirizzato a "${kind.consegna}"`,
          kind.cause ? reason[kind.cause] : 'non è stato consegnato per il seguente errore:',
          kind.erroreEsteso,
          idLine,
          daticertLine,
        ),
      };
    }
    case 'preavviso-errore-consegna':
      return {
        subjectPrefix: 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO:',
        title: 'Preavviso di mancata consegna',
        lines: lines(
          `-- Preavviso di mancata consegna del messaggio indirizzato a ${kind.consegna} --`,
          '',
          `${when} ${about}`,
          `ed indirizzato a "${kind.consegna}"`,
          'non risulta ancora consegnato entro le prime 12 ore dall\'invio.',
          'Il sistema continua a tentare la consegna: potrebbe ancora arrivare una ricevuta di consegna.',
          kind.erroreEsteso,
          idLine,
          daticertLine,
        ),
      };
    case 'rilevazione-virus':
      return {
        subjectPrefix: 'PROBLEMA DI SICUREZZA:',
        title: 'Rilevazione virus',
        lines: lines(
          '-- Rilevazione virus informatico --',
          '',
          `${when} ${about}`,
          `ed indirizzato a "${kind.consegna}"`,
          'contiene un virus informatico e non è stato consegnato:',
          kind.erroreEsteso,
          idLine,
          daticertLine,
        ),
      };
    case 'posta-certificata':
      return {
        subjectPrefix: 'POSTA CERTIFICATA:',
        title: 'Messaggio di posta certificata',
        lines: lines(
          '--Questo è un Messaggio di Posta Certificata--',
          '',
          `${when} il messaggio con Oggetto`,
          `"${f.oggetto}" è stato inviato dal mittente "${f.mittente}"`,
          'e indirizzato a:',
          ...f.destinatari.map((r) => r.address),
          'Il messaggio originale è incluso in allegato, per aprirlo cliccare sul file "postacert.eml".',
          daticertLine,
          `L'identificativo univoco di questo messaggio è: ${f.identificativo}`,
        ),
      };
    case 'anomalia':
      return {
        subjectPrefix: 'ANOMALIA MESSAGGIO:',
        title: 'Anomalia messaggio',
        lines: lines(
          '-- Anomalia nel messaggio --',
          '',
          `${when} è stato ricevuto il messaggio con Oggetto`,
          `"${f.oggetto}" inviato da "${f.mittente}"`,
          'e indirizzato a:',
          ...f.destinatari.map((r) => r.address),
          'Tali dati non sono stati certificati per il seguente errore:',
          kind.motivo,
          'Il messaggio originale è incluso in allegato.',
        ),
      };
  }
}

const htmlEscape = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The text/html twin of the plain text, in Aruba's skeleton (title, rule, one line per `<br>`). */
export function htmlOf(text: MessageText): string {
  return [
    '<html>',
    `<head><title>${htmlEscape(text.title)}</title></head>`,
    '<body>',
    `<h3>${htmlEscape(text.title)}</h3>`,
    '<hr><br>',
    ...text.lines.map((l) => `${htmlEscape(l)}<br>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
