// A pre-send finding in the window's language: its text, worded by the window's own translation
// (the checkFinding section, from src/shared/send-check-texts.ts). A finding without a text has
// only its message (Italian), shown as it came.
import type { TFunction } from 'i18next';
import type { Finding } from '../../../shared/api-send-values';

/** What the user reads for a finding. */
export function findingText(t: TFunction, finding: Finding): string {
  return finding.text ? t(`checkFinding.${finding.text}`, finding.params ?? {}) : finding.message;
}
