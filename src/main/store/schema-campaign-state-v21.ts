// Migration 21: why a campaign is paused, as values as well as words, as migration 20 did for a
// recipient's failure. state_values holds the catalog text and its values (JSON {text, params},
// src/shared/send-failure-texts.ts) the window words in its own language; state_detail keeps the
// Italian words for the CLI and the logs. Campaigns paused before have NULL and keep their words.
export const schemaCampaignStateV21 = `
ALTER TABLE campaigns ADD COLUMN state_values TEXT;
`;
