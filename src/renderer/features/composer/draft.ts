// Helpers to start a draft; the composer tab edits it.
import type { DraftView } from '../../../shared/api-values';

/** An empty draft, optionally prefilled. */
export function newDraft(fields: Partial<DraftView> = {}): DraftView {
  return { accountId: null, to: [], cc: [], subject: '', html: '', inReplyTo: null, references: [], attachments: [], ...fields };
}

/** The address of a mailto: link (RFC 6068), without its query. */
export function mailtoAddress(url: string): string {
  try {
    return decodeURIComponent(url.replace(/^mailto:/i, '').split('?')[0]);
  } catch {
    return '';
  }
}
