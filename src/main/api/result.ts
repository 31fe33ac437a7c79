// Building Result values: handlers return these instead of throwing (errors cross IPC as data).
import i18next from 'i18next';
import type { ApiError, ApiErrorCode, Result } from '../../shared/api';
import { apiErrorTexts, type ApiErrorParams, type ApiErrorReason } from '../../shared/api-errors';

/** A success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

// The Italian words of every reason, by the same interpolation the window uses for its language.
const italian = i18next.createInstance();
void italian.init({ lng: 'it', resources: { it: { translation: { apiError: apiErrorTexts('it') } } }, interpolation: { escapeValue: false }, initAsync: false });

/** A reason's text in Italian, with its values filled in. */
export function italianWords(reason: ApiErrorReason, params: ApiErrorParams = {}): string {
  return italian.t(`apiError.${reason}`, params);
}

/**
 * A failure with a code the renderer switches on and a reason it words in the window's language
 * (the message carries the same words in Italian, for logs and the CLI).
 */
export function fail(code: ApiErrorCode, reason: ApiErrorReason, params?: ApiErrorParams, items?: string[]): { ok: false; error: ApiError } {
  const error: ApiError = { code, message: italianWords(reason, params), reason };
  if (params && Object.keys(params).length) error.params = params;
  if (items) error.items = items;
  return { ok: false, error };
}
