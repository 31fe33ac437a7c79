// Versioned schema migrations. The database's PRAGMA user_version is the number of migrations
// already applied; each pending one runs in its own transaction together with the version bump,
// so a crash leaves the database at a whole version.
import type Database from 'better-sqlite3';
import { schemaContactsV2 } from './schema-contacts-v2';
import { schemaDirtyFlagsV4 } from './schema-dirty-flags-v4';
import { schemaImportedV13 } from './schema-imported-v13';
import { schemaIngestV18 } from './schema-ingest-v18';
import { schemaIngestV19 } from './schema-ingest-v19';
import { schemaMissingNotifiedV15 } from './schema-missing-notified-v15';
import { schemaListOrderV5 } from './schema-list-order-v5';
import { schemaMessageDraftsV11 } from './schema-message-drafts-v11';
import { schemaOrganizeV12 } from './schema-organize-v12';
import { schemaSendTemplatesV6 } from './schema-send-templates-v6';
import { schemaSendTasksV14 } from './schema-send-tasks-v14';
import { schemaSentCopyV17 } from './schema-sent-copy-v17';
import { schemaProviderIndexV7 } from './schema-provider-index-v7';
import { schemaSearchV10 } from './schema-search-v10';
import { schemaCampaignStateV21 } from './schema-campaign-state-v21';
import { schemaSendFailureV20 } from './schema-send-failure-v20';
import { schemaSendV3 } from './schema-send-v3';
import { schemaTrustV8 } from './schema-trust-v8';
import { schemaRawPacksV9 } from './schema-raw-packs-v9';
import { schemaSentPacksV16 } from './schema-sent-packs-v16';
import { schemaV1 } from './schema';

/** The migrations in order; append only. Migration n (1-based) brings user_version to n. */
export const migrations: readonly string[] = [
  schemaV1, schemaContactsV2, schemaSendV3, schemaDirtyFlagsV4, schemaListOrderV5, schemaSendTemplatesV6,
  schemaProviderIndexV7, schemaTrustV8, schemaRawPacksV9, schemaSearchV10, schemaMessageDraftsV11, schemaOrganizeV12,
  schemaImportedV13, schemaSendTasksV14, schemaMissingNotifiedV15, schemaSentPacksV16, schemaSentCopyV17,
  schemaIngestV18, schemaIngestV19, schemaSendFailureV20, schemaCampaignStateV21,
];

/** Applies the pending migrations; returns the version the database is at afterwards. */
export function migrate(db: Database.Database): number {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening the
  // same store at once (the app and the CLI) cannot both run migration n.
  const step = db.transaction((n: number) => {
    if (userVersion(db) !== n) return;
    db.exec(migrations[n]);
    db.pragma(`user_version = ${n + 1}`);
  });
  const start = userVersion(db);
  if (start > migrations.length) {
    throw new Error(`the database is at schema version ${start}, newer than this PecDesk (${migrations.length}): update PecDesk`);
  }
  for (let n = start; n < migrations.length; n++) step.immediate(n);
  return userVersion(db);
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
