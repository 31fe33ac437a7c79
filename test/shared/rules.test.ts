// The rules' own logic, shared by the editor and the sync: which tags are one tag, which rules are
// refused and why (field by field), and when a rule applies to a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTag, ruleErrors, ruleMatches, type RuleDraft, type RuleFacts } from '../../src/shared/rules';

const consegna: RuleFacts = {
  accountId: '1',
  from: ['posta-certificata@pec.aruba.it'],
  to: ['studio@pec.alfa.test'],
  subject: ['CONSEGNA: Fattura n. 12'],
  pecType: 'avvenuta-consegna',
};
const rule = (patch: Partial<RuleDraft>): RuleDraft => ({ name: 'r', accountId: null, enabled: true, conditions: [], actions: [{ kind: 'notify' }], ...patch });

test('"Urgente", " urgente " and "URGENTE" are one tag; commas, quotes and empty names are refused', () => {
  assert.deepEqual(['Urgente', ' urgente ', 'URGENTE', 'Cliente   Rossi'].map(normalizeTag), ['urgente', 'urgente', 'urgente', 'cliente rossi']);
  assert.deepEqual(['', '   ', 'a,b', 'say "hi"', 'x'.repeat(41), 'a\u0007b'].map(normalizeTag), [null, null, null, null, null, null]);
});

test('a rule holds only when every condition does, case-insensitively, in the cover or the original', () => {
  assert.equal(ruleMatches(rule({ conditions: [{ field: 'subject', contains: 'fattura' }, { field: 'pecType', is: 'avvenuta-consegna' }] }), consegna), true);
  assert.equal(ruleMatches(rule({ conditions: [{ field: 'subject', contains: 'fattura' }, { field: 'pecType', is: 'errore-consegna' }] }), consegna), false);
  assert.equal(ruleMatches(rule({ conditions: [{ field: 'to', contains: 'STUDIO@' }] }), consegna), true);
  assert.equal(ruleMatches(rule({ conditions: [{ field: 'from', contains: 'beta' }] }), consegna), false);
});

test('a rule of another account, a disabled one and one without conditions never apply', () => {
  const when = [{ field: 'subject' as const, contains: 'fattura' }];
  assert.equal(ruleMatches(rule({ conditions: when, accountId: '2' }), consegna), false);
  assert.equal(ruleMatches(rule({ conditions: when, accountId: '1' }), consegna), true);
  assert.equal(ruleMatches(rule({ conditions: when, enabled: false }), consegna), false);
  assert.equal(ruleMatches(rule({ conditions: [] }), consegna), false);
});

test('the editor\'s errors name each field: empty name and text, no actions, two moves, a bad tag', () => {
  assert.deepEqual(ruleErrors(rule({ name: '', conditions: [{ field: 'from', contains: ' ' }], actions: [] })), { name: 'required', 'conditions.0': 'required', actions: 'no-actions' });
  assert.deepEqual(
    ruleErrors(rule({ conditions: [{ field: 'pecType', is: 'anomalia' }], actions: [{ kind: 'move', folderPath: 'A' }, { kind: 'move', folderPath: '' }, { kind: 'tag', tag: 'a,b' }] })),
    { actions: 'duplicate-move', 'actions.1': 'required', 'actions.2': 'bad-tag' },
  );
  assert.deepEqual(ruleErrors(rule({ conditions: [{ field: 'subject', contains: 'x' }] })), {});
});
