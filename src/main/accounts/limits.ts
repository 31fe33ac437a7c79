// The sending limits in force for an account: what the user set, else what its provider's preset
// states (InfoCert Legalmail: 6 a minute), else conservative PEC defaults.
//
// The preset is looked up by providerId at the time of use rather than copied into the account
// when it is created: an account added or edited in the app is saved from its form, which holds
// only what the user sees, and a copy made once would be lost at the first save (a Legalmail box
// then paced at 30 a minute would meet "550 Too much traffic" after the sixth message).
import { findPreset } from './presets';
import type { AccountSettings } from './settings';

const PEC_LEGAL_MINIMUM_BYTES = 30_000_000;
// No published figure for most providers: 30 messages a minute stays well below anything
// seen to trigger throttling, except InfoCert's 6/min which its preset states.
const DEFAULT_PEC_PER_MINUTE = 30;

/** The limits to enforce for an account: its own, its provider's, or conservative PEC defaults. */
export interface EffectiveLimits {
  maxMessageBytes: number | null;
  maxRecipients: number | null;
  perMinute: number | null;
  perHour: number | null;
}

/** Limits in force for an account; PEC accounts without any figure get the legal minimum size and 30/min. */
export function effectiveLimits(settings: AccountSettings): EffectiveLimits {
  const pec = settings.kind === 'pec';
  const preset = settings.providerId ? findPreset(settings.providerId)?.limits : undefined;
  return {
    maxMessageBytes: settings.maxMessageBytes ?? preset?.maxMessageBytes ?? (pec ? PEC_LEGAL_MINIMUM_BYTES : null),
    maxRecipients: settings.maxRecipients ?? preset?.maxRecipients ?? null,
    perMinute: settings.rateLimit.perMinute ?? preset?.perMinute ?? (pec ? DEFAULT_PEC_PER_MINUTE : null),
    perHour: settings.rateLimit.perHour ?? preset?.perHour ?? null,
  };
}
