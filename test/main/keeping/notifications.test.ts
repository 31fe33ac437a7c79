// Which events notify: a new PEC from the server, a proven mancata consegna / non accettazione /
// virus, and sent PEC still without their consegne after the hours set; nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseNewPec, DEFAULT_NOTIFICATION_SETTINGS, noticeForArrival, noticesForMissing, type ArrivedMessage, type AwaitingDelivery } from '../../../src/main/keeping';

const envelope: ArrivedMessage = {
  messageRowId: 7, kind: 'envelope', receiptType: null, folderRole: 'inbox', ownSentCopy: false, seen: false,
  subject: 'Atto di citazione', from: 'avv.bianchi@pec.beta.test', proof: false, sentMessageId: null, sentSubject: null, recipient: null,
};
const failure: ArrivedMessage = {
  ...envelope, messageRowId: 8, kind: 'receipt', receiptType: 'errore-consegna', folderRole: 'receipts', proof: true,
  subject: 'AVVISO DI MANCATA CONSEGNA: Offerta', from: 'posta-certificata@pec.alfa.test', sentMessageId: 3, sentSubject: 'Offerta', recipient: 'inesistente@pec.beta.test',
};
const on = DEFAULT_NOTIFICATION_SETTINGS;

test('a new PEC from the server notifies with its real sender; the default wait for deliveries is 24 hours', () => {
  const notice = noticeForArrival(envelope, on);
  assert.equal(notice?.kind, 'new-pec');
  assert.equal(notice?.who, 'avv.bianchi@pec.beta.test');
  assert.equal(notice?.body, 'avv.bianchi@pec.beta.test: «Atto di citazione»');
  assert.equal(noticeForArrival({ ...envelope, kind: 'anomaly' }, on)?.kind, 'new-pec');
  assert.equal(on.missingAfterHours, 24);
});

test('no notice for a file imported or kept, the user\'s own sent copy, mail already read, quiet folders, ordinary mail, or when turned off', () => {
  assert.equal(noticeForArrival({ ...envelope, folderRole: null }, on), null);
  assert.equal(noticeForArrival({ ...envelope, ownSentCopy: true }, on), null);
  assert.equal(noticeForArrival({ ...envelope, seen: true }, on), null);
  for (const role of ['sent', 'drafts', 'trash', 'junk']) assert.equal(noticeForArrival({ ...envelope, folderRole: role }, on), null, role);
  assert.equal(noticeForArrival({ ...envelope, kind: 'ordinary' }, on), null);
  assert.equal(noticeForArrival(envelope, { ...on, newPec: false }), null);
});

test('a proven mancata consegna, non accettazione or virus notifies with the sent subject and the recipient; other receipts do not', () => {
  const notice = noticeForArrival(failure, on);
  assert.deepEqual([notice?.kind, notice?.title, notice?.body, notice?.sentMessageId], ['delivery-failed', 'PecDesk: mancata consegna', '«Offerta» a inesistente@pec.beta.test', 3]);
  assert.equal(noticeForArrival({ ...failure, receiptType: 'non-accettazione' }, on)?.title, 'PecDesk: non accettata dal gestore');
  assert.equal(noticeForArrival({ ...failure, receiptType: 'rilevazione-virus' }, on)?.kind, 'delivery-failed');
  for (const type of ['accettazione', 'avvenuta-consegna', 'presa-in-carico', 'preavviso-errore-consegna'] as const) {
    assert.equal(noticeForArrival({ ...failure, receiptType: type }, on), null, type);
  }
  assert.equal(noticeForArrival({ ...failure, proof: false }, on), null, 'a receipt that is not proof goes to Da verificare instead');
  assert.equal(noticeForArrival(failure, { ...on, deliveryFailed: false }), null);
});

test('a sent PEC without its consegne notifies once, after the hours set and not before', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const hours = (h: number) => now - h * 3_600_000;
  const awaiting: AwaitingDelivery[] = [
    { sentMessageId: 1, subject: 'Vecchia', sentAtMs: hours(25), missing: 2 },
    { sentMessageId: 2, subject: 'Recente', sentAtMs: hours(23), missing: 1 },
    { sentMessageId: 3, subject: 'Già detta', sentAtMs: hours(48), missing: 1 },
  ];
  const notices = noticesForMissing(awaiting, now, on, new Set([3]));
  assert.deepEqual(notices.map((n) => [n.kind, n.sentMessageId, n.count]), [['deliveries-missing', 1, 2]]);
  assert.match(notices[0].body, /2 destinatari non hanno ancora la ricevuta di consegna dopo 24 ore/);
  assert.deepEqual(noticesForMissing(awaiting, now, { ...on, missingAfterHours: 2 }, new Set()).map((n) => n.sentMessageId), [1, 2, 3]);
  assert.deepEqual(noticesForMissing(awaiting, now, { ...on, missingDeliveries: false }, new Set()), []);
});

test('a first sync of hundreds of PEC gives one "N nuove PEC", not a flood; failures stay one by one', () => {
  const many = Array.from({ length: 50 }, (_, i) => noticeForArrival({ ...envelope, messageRowId: i + 1 }, on)!);
  const failed = noticeForArrival(failure, on)!;
  const collapsed = collapseNewPec([...many, failed]);
  assert.deepEqual(collapsed.map((n) => [n.kind, n.count, n.body]), [['new-pec', 50, '50 nuove PEC'], ['delivery-failed', 0, failed.body]]);
  assert.equal(collapseNewPec(many.slice(0, 3)).length, 3);
});
