// Migration 4: every sync asks which flag changes made in PecDesk still wait for the server
// (flagChangesToPush, also in the quick check that lets a sync skip an unchanged folder). Almost
// no row is dirty, so a partial index answers that without reading every location.
export const schemaDirtyFlagsV4 = `
CREATE INDEX message_locations_dirty ON message_locations(flags_dirty) WHERE flags_dirty = 1;
`;
