// Migration 20: why a queue row was not submitted, as values as well as words. error_values holds
// the failure's catalog text and its values (JSON {text, params}, src/shared/send-failure-texts.ts),
// which the window words in its own language; error keeps the Italian words for logs, the CLI and
// the evidence report. A new nullable column rather than values packed into error: every reader of
// error (the report, the service log, the CLI) keeps reading words, and the rows stored before have
// NULL here, so they are recognized without guessing and keep showing the words stored with them
// (English from the SMTP module, Italian from the runner). Nothing to backfill: the old words are
// not parsed back into values.
export const schemaSendFailureV20 = `
ALTER TABLE campaign_recipients ADD COLUMN error_values TEXT;
`;
