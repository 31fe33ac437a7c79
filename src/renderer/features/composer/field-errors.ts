// Errors shown next to the composer's fields, in words: the check's invalid addresses placed under
// To or Cc, and a payload the main process refused (zod issues such as "to.0: Invalid input")
// mapped back to the field and the address they name. The raw issue text never reaches the user.
import type { TFunction } from 'i18next';
import type { CheckReport } from '../../../shared/api-send-values';

/** A composer field that can carry an error. */
export type ComposerField = 'to' | 'cc' | 'subject' | 'attachments';

/** The error text of each field that has one. */
export type FieldErrors = Partial<Record<ComposerField, string>>;

/** The addresses as the composer sends them. */
export interface TypedAddresses {
  to: string[];
  cc: string[];
}

function addressErrors(bad: Set<string>, typed: TypedAddresses, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ['to', 'cc'] as const) {
    const wrong = typed[field].filter((a) => bad.has(a));
    if (wrong.length) errors[field] = t('sendCheck.invalidAddress', { count: wrong.length, addresses: wrong.join(', ') });
  }
  return errors;
}

/** The invalid addresses of a check report, under the field where each was typed. */
export function fieldErrorsOfReport(report: CheckReport, typed: TypedAddresses, t: TFunction): FieldErrors {
  const bad = new Set(report.findings.filter((f) => f.code === 'invalid-address').flatMap((f) => f.addresses ?? []));
  const errors = addressErrors(bad, typed, t);
  if (typed.to.length === 0) errors.to = t('sendCheck.noRecipient');
  return errors;
}

// "Richiesta non valida per sendMessage: to.0: Invalid input; subject: Too big": the dispatcher's
// words (the issues are zod's, the same in either language).
const ISSUE = /(?:^|[:;]\s*)(to|cc|subject|attachments)(?:\.(\d+))?(?:\.[\w.]+)?:\s/g;

/** A refused payload's issues as field errors; null when the message names no field we know. */
export function fieldErrorsOfRefusal(message: string, typed: TypedAddresses, t: TFunction): FieldErrors | null {
  const errors: FieldErrors = {};
  const badAddresses = new Set<string>();
  for (const [, field, index] of message.matchAll(ISSUE)) {
    if (field === 'to' || field === 'cc') {
      const address = index === undefined ? undefined : typed[field][Number(index)];
      if (address !== undefined) badAddresses.add(address);
      else if (field === 'to') errors.to = t('sendCheck.noRecipient');
      else errors.cc = t('sendCheck.fieldRefused');
    } else if (field === 'subject') errors.subject = t('sendCheck.subjectTooLong');
    else errors.attachments = t('sendCheck.attachmentRefused');
  }
  Object.assign(errors, addressErrors(badAddresses, typed, t));
  return Object.keys(errors).length ? errors : null;
}
