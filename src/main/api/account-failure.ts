// An accounts-service failure (settings, the SecretStore) as an API failure: its code names the
// reason the window words. The service's detail (English) is passed on only where it is technical
// words no translation would improve: the settings' issues, a file's error, a storage refusal.
import type { ApiErrorCode } from '../../shared/api';
import type { ApiErrorParams, ApiErrorReason } from '../../shared/api-errors';
import { MASTER_PASSWORD_MIN_LENGTH, type AccountErrorCode } from '../accounts';
import { fail } from './result';

/** A failed AccountResult. */
export interface AccountFailure {
  code: AccountErrorCode;
  detail: string;
}

/** What the failure was about, for the reasons that name it. */
export interface AccountFailureContext {
  accountId?: string;
  address?: string;
  /** The address is kept by a removed account's archive (address-taken). */
  archived?: boolean;
}

function reasonOf(failure: AccountFailure, context: AccountFailureContext): [ApiErrorReason, ApiErrorParams?] {
  switch (failure.code) {
    case 'invalid-settings':
      return ['account-settings-invalid', { issues: failure.detail }];
    case 'not-found':
      return ['account-missing', { accountId: context.accountId ?? '' }];
    case 'no-password':
      return ['account-no-saved-password'];
    case 'password-required':
      return ['account-password-again'];
    case 'address-taken':
      return [context.archived ? 'account-address-archived' : 'account-address-taken', { address: context.address ?? '' }];
    case 'storage':
      return ['account-not-saved', { detail: failure.detail }];
    case 'encryption-unavailable':
      return ['keychain-unavailable'];
    case 'decrypt-failed':
      return ['saved-password-unreadable'];
    case 'io':
      return ['passwords-file-io', { detail: failure.detail }];
    case 'corrupt':
      return ['passwords-file-damaged', { detail: failure.detail }];
    case 'locked':
      return ['passwords-locked'];
    case 'weak-password':
      return ['master-password-too-short', { min: MASTER_PASSWORD_MIN_LENGTH }];
    case 'already-set':
      return ['master-password-already-set'];
  }
}

/** The API failure of an accounts-service failure. */
export function accountFailure(code: ApiErrorCode, failure: AccountFailure, context: AccountFailureContext = {}) {
  const [reason, params] = reasonOf(failure, context);
  return fail(code, reason, params);
}
