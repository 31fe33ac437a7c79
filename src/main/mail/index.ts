// The mail domain: talks to the servers and writes to the store (CONTRIBUTING.md: server → mail → store).
// Other domains reach it only through this file.

/** IMAP sync: one engine per account keeps the store in step with the server. */
export * from './sync';
/** SMTP sending: prepare, submit, append to Sent (documented in smtp/index.ts). */
export * from './smtp';
