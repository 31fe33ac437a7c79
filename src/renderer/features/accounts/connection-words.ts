// "Prova connessione" in the window's language: the engine reports why a step failed as values
// (ConnectionProblem), the words are the window's; what the server itself said follows as it came.
import type { TFunction } from 'i18next';
import type { ConnectionProblem, SecurityWarning } from '../../../shared/api-values';

/** Why a connection step failed, and what to check. */
export function connectionProblemText(t: TFunction, problem: ConnectionProblem): string {
  const { why, where, folder, said } = problem;
  const key = why === 'no-sent-folder' && folder ? 'no-sent-folder-named' : why;
  const text = t(`accounts.step.${key}`, { where, folder });
  return said ? t('accounts.stepSaid', { why: text, said }) : text;
}

/** A setting that works but sends the password in clear text. */
export function securityWarningText(t: TFunction, warning: SecurityWarning): string {
  return t('accounts.cleartext', { service: warning.service.toUpperCase(), host: warning.host });
}
