// Migration 7, for the trust domain: every imported version of the providers' index (RFC 6109
// LDIF) is kept, because a verdict names the version it was checked against and that version is
// evidence too. The LDIF bytes are on disk byte-exact (provider-index/<sha256>.ldif); the row
// holds what the index view and the verdict need without reading them again.
export const schemaProviderIndexV7 = `
CREATE TABLE provider_index_versions (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  -- The URL it was downloaded from, or the name of the file imported.
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  provider_count INTEGER NOT NULL,
  domain_count INTEGER NOT NULL,
  -- The parsed providers: [{name, certificateSha1[], certificatesDer[] (base64), managedDomains[], mailReceipt}].
  providers TEXT NOT NULL CHECK (json_valid(providers))
);

-- Where the index comes from and how the last automatic or manual update went (one row per key).
CREATE TABLE provider_index_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
