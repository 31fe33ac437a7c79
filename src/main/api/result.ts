// Building Result values: handlers return these instead of throwing (errors cross IPC as data).
import type { ApiError, ApiErrorCode, Result } from '../../shared/api';

/** A success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failure with a code the renderer switches on and a message it can show. */
export function fail(code: ApiErrorCode, message: string, items?: string[]): { ok: false; error: ApiError } {
  return { ok: false, error: items ? { code, message, items } : { code, message } };
}
