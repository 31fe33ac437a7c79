// Under an address field: a warning for each address whose domain is not plain ASCII. A domain
// mixing writing systems ("pес.it" with Cyrillic letters) imitates another one and cannot be used;
// a real internationalized domain is shown in the punycode form it is sent with. The same verdict
// as the import, the contacts editor and the send checks (src/shared/address-domain.ts).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { checkAddressDomain, type DomainCheck } from '../../shared/address-domain';
import './address-domain-notes.css';

/** The addresses in a field's text (separated by commas, semicolons or spaces). */
export function addressesIn(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter((a) => a.includes('@'));
}

/** The addresses of text whose domain mixes writing systems: they must not be used. */
export function lookalikeAddresses(text: string): string[] {
  return addressesIn(text).filter((a) => checkAddressDomain(a)?.verdict === 'mixed');
}

/** The notes for the addresses in text; nothing when every domain is plain ASCII. */
export function AddressDomainNotes({ text }: { text: string }): ReactElement | null {
  const { t } = useTranslation();
  const notes = addressesIn(text)
    .map((address) => ({ address, check: checkAddressDomain(address) }))
    .filter((n): n is { address: string; check: DomainCheck } => n.check?.verdict === 'mixed' || n.check?.verdict === 'idn');
  if (!notes.length) return null;
  return (
    <ul className="address-domain-notes" data-testid="address-domain-notes">
      {notes.map(({ address, check }) => (
        <li key={address} className={check.verdict === 'mixed' ? 'notice notice-bad' : 'notice notice-warn'} role={check.verdict === 'mixed' ? 'alert' : undefined}>
          {check.verdict === 'mixed'
            ? t('addressCheck.mixed', { address, ascii: check.ascii, scripts: check.scripts.map((s) => t(`addressCheck.script.${s}`)).join(' + ') })
            : t('addressCheck.idn', { address, ascii: check.ascii })}
        </li>
      ))}
    </ul>
  );
}
