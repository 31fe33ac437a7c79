// Why a message was not submitted, in the window's language: a queue failure's text, worded by the
// window's own translation (the sendFailure section, from src/shared/send-failure-texts.ts), with
// the provider's reply inside as it came. A failure without a text (a receipt's error, or a row
// stored before failures had values) has only its words, shown as they came.
import type { TFunction } from 'i18next';
import type { SendTaskView } from '../../../shared/api-values';
import type { SendFailureParams, SendFailureText } from '../../../shared/send-failure-texts';

/** A recipient's failure as the views give it (RecipientView's error, errorText, errorParams). */
export interface FailureValues {
  error: string | null;
  errorText: SendFailureText | null;
  errorParams: SendFailureParams | null;
}

/** What the user reads for a recipient's failure, or null when it has none. */
export function failureText(t: TFunction, f: FailureValues): string | null {
  return f.errorText ? t(`sendFailure.${f.errorText}`, f.errorParams ?? {}) : f.error;
}

/** What the user reads for a single PEC's reason (SendTaskView), or null when it has none. */
export function submissionFailureText(t: TFunction, view: Pick<SendTaskView, 'reason' | 'reasonText' | 'reasonParams'>): string | null {
  return failureText(t, { error: view.reason, errorText: view.reasonText, errorParams: view.reasonParams });
}
