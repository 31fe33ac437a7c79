// Known PEC domains: an address there is "likely" a PEC mailbox, never "confirmed" (only a
// receipt confirms). AgID publishes the register of accredited providers (gestori), not the
// domains they host, so this list is gathered, not official. Sources:
// - provider domains seen in the real messages of test/fixtures/pec-real (pec.it,
//   pec.aruba.it, postecert.it, pcert.sogei.it, pec.fatturapa.it);
// - domains a mail relay routes as PEC by default (realsender.com, "gateway di posta certificata":
//   pec.it, legalmail.it, pec.poste.it);
// - provider domains that several public projects list alike (found with the code search while
//   writing this, November 2026): arubapec.it, cert.legalmail.it, sicurezzapostale.it (Namirial),
//   registerpec.it, pec.libero.it, pecimprese.it, ingpec.eu, asmepec.it, conafpec.it, pec.cgn.it,
//   postacert.it, impresa.italia.it (InfoCamere's mailbox per partita IVA, which refuses ordinary mail).
// A subdomain counts too (a-b.pec.it), and public bodies' own PEC hosts follow a naming habit:
// a label "pec", "postacert", "cert" or "legalmail" under .it (postacert.comune.milano.it,
// cert.provincia.xx.it).

/** Domains whose mailboxes are PEC mailboxes, and their subdomains. */
export const PEC_DOMAINS: readonly string[] = [
  'pec.it',
  'pec.aruba.it',
  'arubapec.it',
  'legalmail.it',
  'cert.legalmail.it',
  'postecert.it',
  'pec.poste.it',
  'postacert.it',
  'sicurezzapostale.it',
  'registerpec.it',
  'pec.libero.it',
  'pecimprese.it',
  'ingpec.eu',
  'asmepec.it',
  'conafpec.it',
  'pec.cgn.it',
  'pcert.sogei.it',
  'pec.fatturapa.it',
  'impresa.italia.it',
];

const pecLabels = new Set(['pec', 'postacert', 'cert', 'legalmail']);

/** True when the address's domain is a known PEC domain or follows the PEC naming habit of .it hosts. */
export function isKnownPecDomain(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  if (!domain || !address.includes('@')) return false;
  if (PEC_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return true;
  const labels = domain.split('.');
  return labels[labels.length - 1] === 'it' && labels.slice(0, -2).some((l) => pecLabels.has(l));
}
