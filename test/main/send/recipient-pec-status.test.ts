// The PEC status the pre-send checks use: the contacts' evidence wins, then a real providers'
// index (its managed domains), then the domain guess when no index was imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PecStatus } from '../../../src/shared/api-contacts';
import { recipientPecStatus } from '../../../src/main/send';
import { buildSnapshot } from '../../../src/main/proof';

const evidence: Record<string, PecStatus> = {
  'certa@pec.esempio.it': 'confirmed',
  'detta@altro.it': 'user',
  'esterna@pec.esempio.it': 'no',
};
const fromContacts = (address: string): PecStatus => evidence[address] ?? (address.endsWith('@pec.esempio.it') ? 'likely' : 'unknown');

test('evidence and the user first, then the index decides; without an index the domain guess stays', () => {
  const index = buildSnapshot(1, '2024-01-01T00:00:00Z', [{ name: 'Gestore Esempio', certificateSha1: [], certificatesDer: [], managedDomains: ['pec.esempio.it'], mailReceipt: null }]);
  const withIndex = recipientPecStatus(fromContacts, index);
  assert.equal(withIndex('certa@pec.esempio.it'), 'confirmed');
  assert.equal(withIndex('detta@altro.it'), 'user');
  assert.equal(withIndex('esterna@pec.esempio.it'), 'no');
  assert.equal(withIndex('nuova@pec.esempio.it'), 'likely', 'a domain the index manages');
  assert.equal(withIndex('qualcuno@gmail.com'), 'no', 'a domain no provider manages');
  const without = recipientPecStatus(fromContacts, null);
  assert.equal(without('nuova@pec.esempio.it'), 'likely');
  assert.equal(without('qualcuno@gmail.com'), 'unknown');
});
