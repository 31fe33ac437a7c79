// The mail domain: talks to the servers and writes to the store: server → mail → store (CONTRIBUTING.md
// "The store is the single writer, and the UI re-queries on change events").
// Other domains reach it only through this file.

/** IMAP sync: one engine per account keeps the store in step with the server. */
export * from './sync';
/** SMTP sending: prepare, submit, append to Sent (documented in smtp/index.ts). */
export * from './smtp';
/** Drafts: their MIME bytes and their copy in the server's Drafts folder (documented in drafts/index.ts). */
export * from './drafts';
/** The reader: a message parsed for display, its MessageView, its remote images (documented in reader/index.ts). */
export * from './reader';
