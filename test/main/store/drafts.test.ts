import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type DraftInput, type StoreChange } from '../../../src/main/store';
import { tempDir, withStore } from './helpers';

const PDF = Buffer.from('%PDF-1.4 diffida firmata\n');

function draft(over: Partial<DraftInput> = {}): DraftInput {
  return {
    accountId: null,
    to: ['ufficio@pec.beta.test'],
    cc: [],
    subject: 'Diffida ad adempiere',
    html: '<p>Gentile collega,</p>',
    receiptVariant: 'breve',
    inReplyTo: null,
    references: [],
    attachments: [{ filename: 'diffida.pdf', contentType: 'application/pdf', content: PDF }],
    ...over,
  };
}

test('a saved draft is read back with its fields and the bytes of its files, and saving it again replaces it in place', async () => {
  await withStore((store) => {
    const saved = store.drafts.save(null, draft());
    assert.ok(saved);
    assert.deepEqual(
      { to: saved.to, subject: saved.subject, variant: saved.receiptVariant, files: saved.attachments, server: saved.serverCopy },
      { to: ['ufficio@pec.beta.test'], subject: 'Diffida ad adempiere', variant: 'breve', files: [{ filename: 'diffida.pdf', contentType: 'application/pdf', size: PDF.length }], server: null },
    );
    assert.ok(store.drafts.files(saved.id)[0].content.equals(PDF));

    const again = store.drafts.save(saved.id, draft({ subject: 'Diffida ad adempiere (seconda stesura)', attachments: [] }));
    assert.equal(again?.id, saved.id);
    assert.equal(again?.subject, 'Diffida ad adempiere (seconda stesura)');
    assert.deepEqual(store.drafts.files(saved.id), [], 'the removed file is gone');
    assert.deepEqual(store.drafts.list().map((d) => d.id), [saved.id], 'one draft, not two');
  });
});

test('saving a draft that was discarded meanwhile answers null instead of bringing it back', async () => {
  await withStore((store) => {
    const saved = store.drafts.save(null, draft());
    assert.ok(saved);
    assert.equal(store.drafts.delete(saved.id)?.id, saved.id);
    assert.equal(store.drafts.save(saved.id, draft()), null);
    assert.equal(store.drafts.delete(saved.id), null);
    assert.deepEqual(store.drafts.list(), []);
  });
});

test('the server copy and the copies left to delete are remembered per draft, and every write is announced after commit', async () => {
  await withStore((store) => {
    const heard: StoreChange[][] = [];
    store.onChange((c) => heard.push(c));
    const saved = store.drafts.save(null, draft());
    assert.ok(saved);
    store.drafts.setServerCopy(saved.id, { accountId: 1, path: 'Drafts', uid: 7 }, [{ accountId: 1, path: 'Drafts', uid: 3 }]);
    const row = store.drafts.get(saved.id);
    assert.deepEqual(row?.serverCopy, { accountId: 1, path: 'Drafts', uid: 7 });
    assert.deepEqual(row?.staleCopies, [{ accountId: 1, path: 'Drafts', uid: 3 }]);
    assert.ok(row?.serverSavedAt);
    assert.deepEqual(heard, [[{ entity: 'message_drafts', ids: [saved.id] }], [{ entity: 'message_drafts', ids: [saved.id] }]]);
  });
});

test('drafts are listed per account, and removing the account removes its drafts with it', async () => {
  await withStore((store) => {
    const a = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
    const b = store.saveAccount({ name: 'Altro', address: 'altro@pec.alfa.test', kind: 'pec' });
    assert.ok(a.ok && b.ok);
    const mine = store.drafts.save(null, draft({ accountId: a.accountId }));
    const theirs = store.drafts.save(null, draft({ accountId: b.accountId, subject: 'Altro' }));
    assert.deepEqual(store.drafts.list(a.accountId).map((d) => d.id), [mine?.id]);
    store.removeAccount(b.accountId, 'delete');
    assert.equal(store.drafts.get(theirs!.id), null);
    assert.deepEqual(store.drafts.list().map((d) => d.id), [mine?.id]);
  });
});

test('a draft is on disk once save returns: a second handle on the same file reads it', () => {
  const { dir, cleanup } = tempDir();
  const writer = openStore(dir);
  try {
    const saved = writer.drafts.save(null, draft({ html: '<p>Testo scritto prima del crash</p>' }));
    assert.ok(saved);
    const reader = openStore(dir);
    try {
      assert.equal(reader.drafts.get(saved.id)?.html, '<p>Testo scritto prima del crash</p>');
      assert.ok(reader.drafts.files(saved.id)[0].content.equals(PDF));
    } finally {
      reader.close();
    }
  } finally {
    writer.close();
    cleanup();
  }
});
