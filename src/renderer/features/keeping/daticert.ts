// The facts of a daticert.xml worth printing, read with the browser's own XML parser (the main
// process already checked it: size, depth, no entities; see pec/daticert.ts).

/** What the provider certified. */
export interface DaticertFacts {
  tipo: string | null;
  mittente: string | null;
  destinatari: string[];
  oggetto: string | null;
  gestore: string | null;
  dataOra: string | null;
  identificativo: string | null;
  msgid: string | null;
}

/** The facts of `xml`; null when there is none or it does not parse. */
export function daticertFacts(xml: string | null): DaticertFacts | null {
  if (!xml) return null;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return null;
  const text = (tag: string) => doc.getElementsByTagName(tag)[0]?.textContent?.trim() || null;
  const data = doc.getElementsByTagName('data')[0];
  const day = data?.getElementsByTagName('giorno')[0]?.textContent?.trim();
  const time = data?.getElementsByTagName('ora')[0]?.textContent?.trim();
  return {
    tipo: doc.documentElement.getAttribute('tipo'),
    mittente: text('mittente'),
    destinatari: [...doc.getElementsByTagName('destinatari')].map((d) => `${d.textContent?.trim() ?? ''} (${d.getAttribute('tipo') ?? ''})`),
    oggetto: text('oggetto'),
    gestore: text('gestore-emittente'),
    dataOra: day && time ? `${day} ${time}${data?.getAttribute('zona') ? ` ${data.getAttribute('zona')}` : ''}` : null,
    identificativo: text('identificativo'),
    msgid: text('msgid'),
  };
}
