// Migration 14: one way in for sending. A single PEC is a send task: a campaigns row of kind
// 'single' with exactly one queue row (campaign_recipients), already built ('preparing') when it is
// enqueued, sent by the same runner with the same guarantees as a bulk send's recipient (the claim
// committed before SMTP, reconciliation after a crash, retries, pacing). Its message goes to every
// To and Cc in one SMTP transaction: the envelope is kept on the task. Bulk sends keep kind
// 'campaign' and no envelope (one recipient plus the campaign's Cc per message). The draft
// recipient lists kept in the store (store/campaign-drafts.ts) get an index to page them in order.
export const schemaSendTasksV14 = `
ALTER TABLE campaigns ADD COLUMN kind TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign', 'single'));
ALTER TABLE campaigns ADD COLUMN envelope TEXT CHECK (envelope IS NULL OR json_valid(envelope));
CREATE INDEX campaigns_kind ON campaigns(kind, id);
-- The task of a sent message (the deliveries view shows where its sending stands).
CREATE INDEX campaign_recipients_sent_message ON campaign_recipients(sent_message_id) WHERE sent_message_id IS NOT NULL;
-- A draft's list (up to 100,000) paged in the order it was made, without sorting it per page.
CREATE INDEX campaign_recipients_campaign_order ON campaign_recipients(campaign_id, id);
`;
