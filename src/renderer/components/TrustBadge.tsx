// The verdict on a signed PEC object (receipt, busta di trasporto, anomalia) in words and color,
// the same everywhere: green only for attendibile (proof), amber for integra (the signature holds
// but the provider is not verified), red for alterata and non firmata. See README "Ricevute attendibili".
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureVerdict } from '../../shared/pec';
import type { TrustLevel } from '../../shared/trust';
import { Icon, type IconName } from './Icon';
import './trust-badge.css';

/** The tone of each level. */
export const TRUST_TONE: Record<TrustLevel, 'ok' | 'warn' | 'bad'> = {
  attendibile: 'ok',
  integra: 'warn',
  alterata: 'bad',
  'non-firmata': 'bad',
};

const ICON: Record<TrustLevel, IconName> = { attendibile: 'shield', integra: 'shield', alterata: 'cross', 'non-firmata': 'warning' };

/**
 * The level a bare signature verdict amounts to, for an object without a stored verdict yet (a
 * file opened from disk before it is judged): trusted only when the signer was recognized.
 */
export function levelOfSignature(sig: SignatureVerdict): TrustLevel {
  if (!sig.present) return 'non-firmata';
  if (sig.valid === false) return 'alterata';
  return sig.valid && sig.trusted ? 'attendibile' : 'integra';
}

/** The level in words, colored: "firma del gestore attendibile", "integra, gestore non verificato"… */
export function TrustBadge({ level, testId = 'trust-badge' }: { level: TrustLevel; testId?: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className={`trust trust-${TRUST_TONE[level]}`} data-trust={level} data-testid={testId} title={t(`trust.hint.${level}`)}>
      <Icon name={ICON[level]} /> {t(`trust.level.${level}`)}
    </span>
  );
}

/** The level as a small colored icon with the words as its tooltip (message list, search results). */
export function TrustMark({ level }: { level: TrustLevel | null }): ReactElement | null {
  const { t } = useTranslation();
  if (!level) return null;
  const words = `${t(`trust.level.${level}`)}: ${t(`trust.hint.${level}`)}`;
  return (
    <span className={`trust-mark trust-${TRUST_TONE[level]}`} data-trust={level} title={words} role="img" aria-label={words}>
      <Icon name={ICON[level]} />
    </span>
  );
}
