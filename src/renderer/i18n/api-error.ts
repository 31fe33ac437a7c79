// An API failure in the window's language: the reason the engine gave, worded by the window's own
// translation (the apiError section, from src/shared/api-errors.ts). Every failure the engine and
// the host send has a reason; one without (the web bridge's client, when it cannot reach the bridge:
// src/renderer/api.ts) shows its message.
import type { TFunction } from 'i18next';
import type { ApiError } from '../../shared/api';
import { wordImportProblem } from '../../shared/import-problem-texts';

/** What the user reads for a failed call. */
export function apiErrorText(t: TFunction, error: ApiError): string {
  if (!error.reason) return error.message;
  // A contact's problems replace their Italian words (params.problems) with the window's.
  const problems = error.problems?.map((wording) => wordImportProblem((key, values) => t(key, values), wording)).join('; ');
  return t(`apiError.${error.reason}`, problems === undefined ? (error.params ?? {}) : { ...error.params, problems });
}
