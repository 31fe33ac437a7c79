import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isKnownPecDomain } from '../../../src/main/contacts';
import { analyzeMessage } from '../../../src/main/pec';
import { recheckVerdicts } from '../../../src/main/trust';
import { receiptEml } from '../store/helpers';
import { testIndex } from '../trust/helpers';
import { ok, withContacts } from './helpers';

const pecReal = path.join(__dirname, '..', '..', 'fixtures', 'pec-real');

test('an address that received an attendibile avvenuta-consegna (real Aruba receipt, Aruba in the index) is confirmed PEC as soon as the receipt is stored', () =>
  withContacts(
    async (contacts, store) => {
      const c = ok(contacts.save({ name: 'L. Battistini', pec: 'l.battistini@pec.it' }));
      assert.equal(c.pecStatus, 'user');
      const stored = await store.importMessage(fs.readFileSync(path.join(pecReal, 'aruba-2018-avvenuta-consegna-completa.eml')));
      assert.ok(stored.ok && stored.receiptId !== null);
      assert.equal(store.getMessage(stored.messageRowId)?.trustLevel, 'attendibile');
      assert.equal(contacts.get(c.id)!.pecStatus, 'confirmed');
      assert.equal(contacts.pecStatus('L.Battistini@PEC.it'), 'confirmed');
    },
    { trustIndex: () => testIndex() },
  ));

test('the same real receipt without an index (integra), or unsigned, confirms nothing', () =>
  withContacts(async (contacts, store) => {
    const c = ok(contacts.save({ name: 'L. Battistini', pec: 'l.battistini@pec.it' }));
    const stored = await store.importMessage(fs.readFileSync(path.join(pecReal, 'aruba-2018-avvenuta-consegna-completa.eml')));
    assert.ok(stored.ok);
    assert.equal(store.getMessage(stored.messageRowId)?.trustLevel, 'integra');
    assert.equal(contacts.get(c.id)!.pecStatus, 'user');
    const forged = await store.importMessage(receiptEml({ type: 'avvenuta-consegna', msgid: 'x@y', consegna: 'falso@pec.it', sign: null }));
    assert.ok(forged.ok);
    assert.equal(contacts.pecStatus('falso@pec.it'), 'likely', 'a known PEC domain, never confirmed by a forgery');
  }));

test('a re-check that makes a stored consegna attendibile confirms its recipient then', () =>
  withContacts(async (contacts, store) => {
    const stored = await store.importMessage(fs.readFileSync(path.join(pecReal, 'aruba-2018-avvenuta-consegna-completa.eml')));
    assert.ok(stored.ok);
    assert.equal(contacts.pecStatus('l.battistini@pec.it'), 'likely');
    await recheckVerdicts(store, testIndex());
    assert.equal(contacts.pecStatus('l.battistini@pec.it'), 'confirmed');
  }));

test('daticert destinatari noted from a real accettazione confirm "certificato" and deny "esterno" addresses', () =>
  withContacts(async (contacts) => {
    const analyzed = await analyzeMessage(fs.readFileSync(path.join(pecReal, 'aruba-2018-accettazione.eml')));
    assert.ok(analyzed.ok && analyzed.analysis.receipt);
    const recipients = analyzed.analysis.receipt.recipients;
    assert.ok(recipients.length > 0);
    contacts.notePecAddresses(recipients, analyzed.analysis.receipt.timestamp, 'integra');
    for (const r of recipients) assert.notEqual(contacts.pecStatus(r.address), 'confirmed', 'only an attendibile receipt confirms');
    contacts.notePecAddresses(recipients, analyzed.analysis.receipt.timestamp, 'attendibile');
    for (const r of recipients) assert.equal(contacts.pecStatus(r.address), r.type === 'certificato' ? 'confirmed' : 'no');

    const ordinary = ok(contacts.save({ name: 'Ufficio', pec: 'ufficio@example.it' }));
    contacts.notePecAddresses([{ address: 'ufficio@example.it', type: 'esterno' }], '2026-01-01T10:00:00+01:00', 'attendibile');
    assert.equal(contacts.get(ordinary.id)!.pecStatus, 'no', 'a receipt outranks the user flag');
    contacts.notePecAddresses([{ address: 'ufficio@example.it', type: 'certificato' }], '2025-01-01T10:00:00+01:00', 'attendibile');
    assert.equal(contacts.pecStatus('ufficio@example.it'), 'no', 'older evidence does not replace newer');
  }));

test('without receipts, a known PEC domain makes an address likely PEC and any other unknown', () =>
  withContacts((contacts) => {
    assert.equal(contacts.pecStatus('protocollo@postacert.comune.milano.it'), 'likely');
    assert.equal(contacts.pecStatus('studio@legalmail.it'), 'likely');
    assert.equal(contacts.pecStatus('mario@gmail.com'), 'unknown');
    const c = ok(contacts.save({ name: 'Solo e-mail', email: 'segreteria@cert.legalmail.it' }));
    assert.equal(c.pecStatus, 'likely');
    assert.equal(isKnownPecDomain('x@pec.it.evil.com'), false);
    assert.equal(isKnownPecDomain('x@notpec.it'), false);
  }));

test('the real sender of a PEC envelope (postacert.eml From) is added as a PEC contact, once', () =>
  withContacts(async (contacts) => {
    const analyzed = await analyzeMessage(fs.readFileSync(path.join(pecReal, 'aruba-2023-posta-certificata-completa.eml')));
    assert.ok(analyzed.ok && analyzed.analysis.kind === 'envelope');
    const added = ok(contacts.addFromMessage(analyzed.analysis, 'attendibile'));
    const sender = analyzed.analysis.original!.from!;
    assert.ok(sender.toLowerCase().includes(added.pec), `${added.pec} from ${sender}`);
    assert.notEqual(added.pec.split('@')[0], 'posta-certificata', 'not the provider cover address');
    assert.equal(added.pecStatus, 'confirmed');
    assert.equal(ok(contacts.addFromMessage(analyzed.analysis, 'attendibile')).id, added.id);
    assert.equal(contacts.list().total, 1);
  }));

test('the sender of an envelope that is not attendibile is added with its PEC address but not confirmed', () =>
  withContacts(async (contacts) => {
    const analyzed = await analyzeMessage(fs.readFileSync(path.join(pecReal, 'aruba-2023-posta-certificata-completa.eml')));
    assert.ok(analyzed.ok);
    const added = ok(contacts.addFromMessage(analyzed.analysis, 'integra'));
    assert.notEqual(added.pecStatus, 'confirmed');
  }));
