// Checking and cleaning a campaign draft once, where it enters the domain (CONTRIBUTING.md "Validate
// and clean once, at the edge"): addresses normalized like the contacts domain does, repeats dropped
// (and remembered for the checks), attachment names made safe. An address that is not valid is kept,
// so the draft can be saved and the pre-send check can list it: sending stays blocked until the user
// fixes it.
import { z } from 'zod';
import { normalizeAddress } from '../contacts';
import type { CampaignDraft, CampaignResult } from './types';
import { sanitizeFileName } from '../attachments';

const draftSchema = z.object({
  accountId: z.number().int().positive(),
  subject: z.string(),
  text: z.string().optional(),
  html: z.string().optional(),
  attachments: z
    .array(z.object({ filename: z.string().trim().min(1), content: z.instanceof(Buffer), contentType: z.string().trim().min(1).optional() }))
    .default([]),
  receiptVariant: z.enum(['completa', 'breve', 'sintetica']).default('completa'),
  zipAttachments: z.boolean().default(false),
  cc: z.array(z.string()).default([]),
  recipients: z
    .array(
      z.object({
        address: z.string(),
        name: z.string().optional(),
        contactId: z.number().int().positive().nullable().optional(),
        fields: z.record(z.string(), z.string()).optional(),
      }),
    )
    .optional(),
});

/** A draft once checked: addresses normalized, each recipient once. */
export interface CleanDraft {
  accountId: number;
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; content: Buffer; contentType: string | null }[];
  receiptVariant: 'completa' | 'breve' | 'sintetica';
  zipAttachments: boolean;
  cc: string[];
  /** null: the draft's list stays as kept (edited apart, draft-recipients.ts). */
  recipients: { address: string; name: string | null; contactId: number | null; fields: Record<string, string> }[] | null;
  /** Addresses given more than once (null with the list). */
  duplicates: string[] | null;
}

/** Validates and cleans a draft from the composer (IPC, CLI, tests). */
export function cleanDraft(input: CampaignDraft): CampaignResult<CleanDraft> {
  const parsed = draftSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'invalid-draft', detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(draft)'}: ${i.message}`).join('; ') };
  }
  const d = parsed.data;
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const recipients: CleanDraft['recipients'] = [];
  for (const r of d.recipients ?? []) {
    const address = normalizeAddress(r.address);
    if (!address) continue;
    if (seen.has(address)) {
      duplicates.add(address);
      continue;
    }
    seen.add(address);
    recipients.push({ address, name: r.name?.trim() || null, contactId: r.contactId ?? null, fields: r.fields ?? {} });
  }
  const cc = [...new Set(d.cc.map(normalizeAddress).filter((a) => a && !seen.has(a)))];
  return {
    ok: true,
    value: {
      accountId: d.accountId,
      subject: d.subject,
      text: d.text ?? null,
      html: d.html ?? null,
      attachments: d.attachments.map((a) => ({ filename: sanitizeFileName(a.filename, 'allegato'), content: a.content, contentType: a.contentType ?? null })),
      receiptVariant: d.receiptVariant,
      zipAttachments: d.zipAttachments,
      cc,
      recipients: d.recipients ? recipients : null,
      duplicates: d.recipients ? [...duplicates] : null,
    },
  };
}
