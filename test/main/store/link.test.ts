import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoreChange } from '../../../src/main/store';
import { importOk, own, real, receiptEml, sentOk, withStore } from './helpers';

const arubaMessageId = '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550';

test('receipts of a message sent before they arrive link to it as they are imported', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('aruba-2018-sent.eml'));
    await importOk(store, real('aruba-2018-accettazione.eml'));
    await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml'));
    assert.deepEqual(store.receiptsOf(sent).map((r) => r.type), ['accettazione', 'avvenuta-consegna']);
    assert.equal(store.unlinkedReceiptsCount(), 0);
    assert.equal(store.getSent(sent)?.status, 'accepted');
    assert.equal(store.getSent(sent)?.identificativo, 'opec288.20181113163926.01838.310.1.63@pec.aruba.it');
  });
});

test('receipts that arrive before their sent message is known link as soon as it is recorded', async () => {
  await withStore(async (store) => {
    await importOk(store, real('aruba-2018-accettazione.eml'));
    await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml'));
    assert.equal(store.unlinkedReceiptsCount(), 2);
    const sent = await sentOk(store, own('aruba-2018-sent.eml'));
    assert.equal(store.unlinkedReceiptsCount(), 0);
    assert.equal(store.receiptsOf(sent).length, 2);
    assert.deepEqual(store.dac(sent), { D: 1, A: 1, C: 1, E: 0 });
  });
});

test('a receipt links by the signed daticert msgid even when the outer header rewrote the domain', async () => {
  await withStore(async (store) => {
    // The sent message says …@fakepec.it; the errore-consegna's X-Riferimento-Message-ID says
    // …@pec.it, its daticert.xml …@fakepec.it: the signed daticert decides.
    const sent = await sentOk(store, own('fakepec-2024-sent.eml'));
    assert.equal(store.getSent(sent)?.messageId, 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it');
    const receiptMessage = await importOk(store, receiptEml({
      type: 'errore-consegna', msgid: 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it', headerRef: 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@pec.it', consegna: 'rec@fakepec.it',
    }));
    assert.equal(store.getMessage(receiptMessage)?.refMessageId, 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it');
    assert.equal(store.findSentForMessage(receiptMessage), sent);
    assert.equal(store.unlinkedReceiptsCount(), 0);
    // Same local part on both sides: a rewritten domain, not a disagreement.
    assert.deepEqual(store.receiptsOf(sent)[0].problems, []);
    // Its daticert also names the recipient rec@fakepec.it for rec@pec.it: same local part, one recipient.
    const [delivery] = store.deliveriesOf(sent);
    assert.equal(delivery.address, 'rec@pec.it');
    assert.equal(delivery.status, 'error');
    assert.equal(delivery.errorType, 'errore-consegna');
    assert.deepEqual(store.dac(sent), { D: 1, A: 0, C: 0, E: 1 });
  });
});

test('the real unsigned receipt links for display but counts nowhere', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('fakepec-2024-sent.eml'));
    const receiptMessage = await importOk(store, real('fakepec-2024-errore-consegna-no-dest-anonymized.eml'));
    assert.equal(store.findSentForMessage(receiptMessage), sent);
    const [delivery] = store.deliveriesOf(sent);
    assert.equal(delivery.status, 'pending');
    assert.deepEqual(delivery.unproven.map((u) => [u.type, u.level]), [['errore-consegna', 'non-firmata']]);
    assert.deepEqual(store.dac(sent), { D: 1, A: 0, C: 0, E: 0 });
  });
});

test('a receipt naming neither id nor local part of a known message links by the identificativo of its accettazione', async () => {
  await withStore(async (store) => {
    const sent = store.recordSent({ messageId: '<SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it>', subject: 'Test PEC', to: ['rec@pec.it'] });
    assert.ok(sent.ok);
    // An errore-consegna whose signed daticert names an id PecDesk never sent (a provider that
    // rewrote it): only the identificativo, learned from the accettazione, can tie them.
    const identificativo = 'opec.fakepec.20240101.1@fakepec.it';
    const errore = await importOk(store, receiptEml({ type: 'errore-consegna', msgid: 'riscritto.1@altrove.example', consegna: 'rec@pec.it', identificativo }));
    assert.equal(store.findSentForMessage(errore), null, 'unknown id: not guessed');
    await importOk(store, receiptEml({ type: 'accettazione', msgid: 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it', identificativo }));
    assert.equal(store.findSentForMessage(errore), sent.sentMessageId);
    assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 1, C: 0, E: 1 });
  });
});

test('recording the same sent message twice keeps one record', async () => {
  await withStore(async (store) => {
    const first = await store.importSentMessage(own('aruba-2018-sent.eml'));
    const second = await store.importSentMessage(own('aruba-2018-sent.eml'));
    assert.ok(first.ok && second.ok);
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.sentMessageId, first.sentMessageId);
    assert.equal(store.findSentByMessageId(`<${arubaMessageId}>`)?.id, first.sentMessageId);
  });
});

test('recordSent refuses a recipient that is not an address, and stores the sent bytes when given', async () => {
  await withStore(async (store) => {
    const bad = store.recordSent({ messageId: 'a@b', subject: 's', to: ['not an address'] });
    assert.deepEqual(bad.ok ? null : bad.code, 'invalid-recipient');
    const raw = own('richiesta-sent.eml');
    const result = await store.importSentMessage(raw);
    assert.ok(result.ok);
    const sent = store.getSent(result.sentMessageId)!;
    assert.ok(sent.rawSha256);
    assert.equal(sent.from, 'mario@pec.alfa.example');
    assert.deepEqual(
      store.deliveriesOf(result.sentMessageId).map((d) => [d.address, d.field]),
      [['ufficio@pec.beta.example', 'to'], ['protocollo@pec.gamma.example', 'to'], ['segreteria@pec.delta.example', 'cc']],
    );
  });
});

test('the sending side moves a message to submitted, but never back over what a receipt said', async () => {
  await withStore(async (store) => {
    const sent = store.recordSent({ messageId: arubaMessageId, subject: 'IT03339130126_00009.xml', to: ['l.battistini@pec.it'] });
    assert.ok(sent.ok);
    assert.equal(store.getSent(sent.sentMessageId)?.status, 'queued');
    assert.equal(store.setSentStatus(sent.sentMessageId, 'submitted'), true);
    await importOk(store, real('aruba-2018-accettazione.eml'));
    assert.equal(store.setSentStatus(sent.sentMessageId, 'submitted'), false);
    assert.equal(store.getSent(sent.sentMessageId)?.status, 'accepted');
  });
});

test('an accettazione and a consegna filed in the same batch both link to their sent message', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('aruba-2018-sent.eml'));
    const results = await store.importMessages([{ raw: real('aruba-2018-avvenuta-consegna-completa.eml') }, { raw: real('aruba-2018-accettazione.eml') }]);
    assert.ok(results.every((r) => r.ok));
    assert.equal(store.unlinkedReceiptsCount(), 0);
    assert.equal(store.getSent(sent)?.status, 'accepted');
    assert.deepEqual(store.dac(sent), { D: 1, A: 1, C: 1, E: 0 });
  });
});

test('a receipt linked later is the only receipt reported changed: the ones already judged are not rewritten', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('aruba-2018-sent.eml'));
    const accettazione = store.receiptOfMessage(await importOk(store, real('aruba-2018-accettazione.eml')))!;
    const changed: StoreChange[] = [];
    store.onChange((changes) => changed.push(...changes));
    const consegna = store.receiptOfMessage(await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml')))!;
    const receipts = new Set(changed.filter((c) => c.entity === 'receipts').flatMap((c) => c.ids));
    assert.deepEqual([...receipts], [consegna.id]);
    assert.equal(store.receiptOfMessage(accettazione.messageRowId)?.proof, true);
    assert.deepEqual(store.dac(sent), { D: 1, A: 1, C: 1, E: 0 });
  });
});

test('receipts of the same second are listed in the order of the PEC process, whatever order they arrived in', async () => {
  await withStore(async (store) => {
    // Aruba stamped this accettazione and its consegna with the same second, 18:26:32.
    const recorded = store.recordSent({
      messageId: '1415985992.182905912399292.346704098667155-openerp-private@elbati-Vostro-3550',
      subject: 'Test',
      from: 'thinkstudio@pec.it',
      to: ['l.battistini@pec.it'],
    });
    assert.ok(recorded.ok);
    await importOk(store, real('aruba-2014-avvenuta-consegna-completa.eml'));
    await importOk(store, real('aruba-2014-accettazione.eml'));
    const receipts = store.receiptsOf(recorded.sentMessageId);
    assert.equal(receipts[0].timestamp, receipts[1].timestamp);
    assert.deepEqual(receipts.map((r) => r.type), ['accettazione', 'avvenuta-consegna']);
  });
});
