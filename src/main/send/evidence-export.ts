// The evidence archive of a campaign (layout and guarantees in evidence-archive.ts): a folder per
// recipient with the message sent to it and its receipts, the campaign and its D/A/C/E in the
// manifest.
import type { CampaignRepo, CampaignRow, Store } from '../store';
import { writeEvidenceArchive, type EvidenceResult } from './evidence-archive';
import type { CampaignViews } from './views';

/** What the export reads. */
export interface ExportInput {
  store: Store;
  repo: CampaignRepo;
  views: CampaignViews;
  campaign: CampaignRow;
  /** The overdue cutoff, for the report's "in ritardo". */
  cutoff: number;
  now: number;
}

/** Writes the campaign's evidence archive to `file`. */
export async function exportEvidence(input: ExportInput, file: string): Promise<EvidenceResult> {
  const { campaign, store, repo } = input;
  const views = input.views.recipients(campaign.id, { limit: Number.MAX_SAFE_INTEGER }, input.cutoff).rows;
  return writeEvidenceArchive(
    {
      store,
      about: {
        campaign: {
          id: campaign.id,
          subject: campaign.subject,
          state: campaign.state,
          receiptVariant: campaign.receiptVariant,
          createdAt: campaign.createdAt,
          startedAt: campaign.startedAt,
          finishedAt: campaign.finishedAt,
        },
        dac: store.campaignDac(campaign.id),
      },
      recipients: views.map((view) => ({
        line: view,
        sent: () => {
          return repo.sentMessage(view.id) ?? { ok: false, code: 'never-sent' };
        },
        receipts: view.receipts,
      })),
      now: input.now,
    },
    file,
  );
}
