import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importOk, own, ownSigned, real, sentOk, withStore } from './helpers';

const richiestaReceipts = [
  'richiesta-accettazione.eml',
  'richiesta-consegna-ufficio.eml',
  'richiesta-preavviso-protocollo.eml',
  'richiesta-errore-protocollo.eml',
  'richiesta-virus-segreteria.eml',
];

test('an Aruba accettazione and avvenuta-consegna of a one-recipient message give D/A/C/E 1/1/1/0', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('aruba-2018-sent.eml'));
    assert.deepEqual(store.dac(sent), { D: 1, A: 0, C: 0, E: 0 });
    await importOk(store, real('aruba-2018-accettazione.eml'));
    assert.deepEqual(store.dac(sent), { D: 1, A: 1, C: 0, E: 0 });
    await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml'));
    assert.deepEqual(store.dac(sent), { D: 1, A: 1, C: 1, E: 0 });
  });
});

test('the same receipt read twice counts once, also when re-downloaded with different bytes', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('aruba-2018-sent.eml'));
    const consegna = real('aruba-2018-avvenuta-consegna-completa.eml');
    await importOk(store, real('aruba-2018-accettazione.eml'));
    await importOk(store, consegna);
    await importOk(store, consegna);
    // A second copy of the receipt as another mailbox delivery would write it: the server adds
    // its own trace header on top of the provider's bytes.
    const redelivered = Buffer.concat([Buffer.from('Delivered-To: archivio@pec.it\n'), consegna]);
    await importOk(store, redelivered);
    assert.equal(store.receiptsOf(sent).length, 3, 'both copies are kept as evidence');
    assert.deepEqual(store.dac(sent), { D: 1, A: 1, C: 1, E: 0 });
  });
});

test('a consegna for one recipient, preavviso then errore for another, a virus for a Cc recipient', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('richiesta-sent.eml'));
    for (const name of richiestaReceipts.slice(0, 3)) await importOk(store, ownSigned(name));
    // The 12-hour preavviso is a warning, not an error…
    assert.deepEqual(store.dac(sent), { D: 3, A: 3, C: 1, E: 0 });
    assert.equal(store.deliveriesOf(sent).find((d) => d.address === 'protocollo@pec.gamma.example')?.status, 'warning');
    // …the errore-consegna 24 hours later for the same recipient is.
    await importOk(store, ownSigned('richiesta-errore-protocollo.eml'));
    assert.deepEqual(store.dac(sent), { D: 3, A: 3, C: 1, E: 1 });
    await importOk(store, ownSigned('richiesta-virus-segreteria.eml'));
    assert.deepEqual(store.dac(sent), { D: 3, A: 3, C: 1, E: 2 });
    const byAddress = Object.fromEntries(store.deliveriesOf(sent).map((d) => [d.address, d]));
    assert.equal(byAddress['ufficio@pec.beta.example'].status, 'delivered');
    assert.equal(byAddress['ufficio@pec.beta.example'].deliveredAt, '2024-05-15T10:15:03+02:00');
    assert.equal(byAddress['ufficio@pec.beta.example'].acceptedAt, '2024-05-15T10:15:00+02:00');
    assert.equal(byAddress['protocollo@pec.gamma.example'].status, 'error');
    assert.equal(byAddress['protocollo@pec.gamma.example'].errorType, 'errore-consegna', 'the final notice, not the preavviso');
    assert.match(byAddress['protocollo@pec.gamma.example'].errorDetail ?? '', /entro 24 ore/);
    assert.equal(byAddress['segreteria@pec.delta.example'].status, 'error');
    assert.equal(byAddress['segreteria@pec.delta.example'].errorType, 'rilevazione-virus');
  });
});

test('a preavviso alone leaves the recipient in warning, and a consegna after it wins', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('richiesta-sent.eml'));
    await importOk(store, ownSigned('richiesta-preavviso-protocollo.eml'));
    const protocollo = () => store.deliveriesOf(sent).find((d) => d.address === 'protocollo@pec.gamma.example')!;
    assert.equal(protocollo().status, 'warning');
    assert.ok(protocollo().warningAt, 'the warning carries its time');
    assert.equal(protocollo().errorAt, null, 'a preavviso is not the error');
    assert.deepEqual(store.dac(sent), { D: 3, A: 0, C: 0, E: 0 });
  });
});

test('a non-accettazione counts as an error for every recipient, To and Cc', async () => {
  await withStore(async (store) => {
    const sent = await sentOk(store, own('offerta-sent.eml'));
    await importOk(store, ownSigned('offerta-non-accettazione.eml'));
    assert.deepEqual(store.dac(sent), { D: 2, A: 0, C: 0, E: 2 });
    assert.equal(store.getSent(sent)?.status, 'not-accepted');
    for (const d of store.deliveriesOf(sent)) {
      assert.equal(d.status, 'error');
      assert.equal(d.errorType, 'non-accettazione');
      assert.equal(d.errorDetail, 'Dimensione del messaggio superiore al limite consentito');
    }
  });
});

test('a campaign adds up the recipients of its sent messages', async () => {
  await withStore(async (store) => {
    const campaign = store.createCampaign({ subject: 'Comunicazione ai fornitori' });
    // The two hand-written sent messages, as the bulk sender records them.
    const richiesta = store.recordSent({
      messageId: '<20240515.abc123@client.example>',
      campaignId: campaign,
      subject: 'Richiesta documenti',
      to: ['ufficio@pec.beta.example', 'protocollo@pec.gamma.example'],
      cc: ['segreteria@pec.delta.example'],
    });
    const offerta = store.recordSent({
      messageId: '<20240516.def456@client.example>',
      campaignId: campaign,
      subject: 'Offerta tecnica',
      to: ['ufficio@pec.beta.example'],
      cc: ['protocollo@pec.gamma.example'],
    });
    assert.ok(richiesta.ok && offerta.ok);
    for (const name of [...richiestaReceipts, 'offerta-non-accettazione.eml']) await importOk(store, ownSigned(name));
    assert.deepEqual(store.campaignDac(campaign), { D: 5, A: 3, C: 1, E: 4 });
    assert.deepEqual(store.campaignDac(campaign + 1), { D: 0, A: 0, C: 0, E: 0 });
  });
});

test('stats list every sent message with its counters, oldest first', async () => {
  await withStore(async (store) => {
    await sentOk(store, own('richiesta-sent.eml'));
    await sentOk(store, own('offerta-sent.eml'));
    for (const name of [...richiestaReceipts, 'offerta-non-accettazione.eml']) await importOk(store, ownSigned(name));
    assert.deepEqual(
      store.sentStats().map(({ messageId, D, A, C, E }) => ({ messageId, D, A, C, E })),
      [
        { messageId: '20240515.abc123@client.example', D: 3, A: 3, C: 1, E: 2 },
        { messageId: '20240516.def456@client.example', D: 2, A: 0, C: 0, E: 2 },
      ],
    );
  });
});
