// Searching stored messages as the message list does: typed text through the search domain, run by
// the store over real provider messages filed in folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchMessages } from '../../../src/main/search';
import type { MessagePage, Store } from '../../../src/main/store';
import { own, real, withStore } from './helpers';

type Mailbox = { store: Store; inbox: number; archive: number; ids: Record<string, number> };

// The inbox holds the envelopes of four senders, three of them the same SdI subject; the archive
// another envelope from thinkstudio@pec.it and a receipt.
const INBOX = {
  xdcr: real('aruba-2023-posta-certificata-completa.eml'),
  relazione: own('relazione-busta-allegato-accentato.eml'),
  archetipo: real('aruba-2014-posta-certificata-completa.eml'),
  sdi: real('sogei-2018-posta-certificata-breve-sdi-invio-file.eml'),
  sdiP7m: real('sogei-2018-posta-certificata-breve-sdi-invio-file-p7m.eml'),
  sdiBroken: real('sogei-2018-posta-certificata-breve-sdi-invio-file-broken-inner-xml.eml'),
};
const ARCHIVE = {
  test: real('aruba-2014-posta-certificata-no-tiporicevuta.eml'),
  accettazione: real('aruba-2018-accettazione.eml'),
};

async function withMailbox(fn: (mailbox: Mailbox) => void): Promise<void> {
  await withStore(async (store) => {
    const saved = store.saveAccount({ name: 'Studio Rossi', address: 'studio@pec.alfa.example', kind: 'pec' });
    assert.ok(saved.ok);
    const inbox = store.upsertFolder(saved.accountId, { path: 'INBOX', role: 'inbox' });
    const archive = store.upsertFolder(saved.accountId, { path: 'Archivio' });
    const ids: Record<string, number> = {};
    let uid = 1;
    for (const [folderId, messages] of [[inbox, INBOX], [archive, ARCHIVE]] as const) {
      for (const [name, raw] of Object.entries(messages)) {
        const result = await store.importMessage(raw, { location: { folderId, uid: uid++, flags: [] } });
        assert.ok(result.ok && !result.unreadable, name);
        ids[name] = result.messageRowId;
      }
    }
    fn({ store, inbox, archive, ids });
  });
}

function search(mailbox: Mailbox, query: string, folderId: number | null = null, page = { offset: 0, limit: 50 }): MessagePage {
  return searchMessages(mailbox.store, { query, folderId, ...page, sort: 'date', direction: 'desc' });
}

const idsOf = (page: MessagePage) => page.rows.map((r) => r.id).sort((a, b) => a - b);

test('an envelope is found by its real sender, the address inside postacert.eml, not only by the provider that carried it', async () => {
  await withMailbox((mailbox) => {
    const found = search(mailbox, 'sviluppo@pec.datamanagementitalia.it');
    assert.deepEqual(idsOf(found), [mailbox.ids.xdcr]);
    assert.equal(found.rows[0].kind, 'envelope');
    assert.equal(found.rows[0].displayFrom, 'sviluppo@pec.datamanagementitalia.it');
    assert.equal(found.rows[0].from, 'posta-certificata@pec.aruba.it', 'the cover came from the provider');
    assert.deepEqual(idsOf(search(mailbox, 'sviluppo')), [mailbox.ids.xdcr]);
    assert.ok(search(mailbox, 'posta-certificata@pec.aruba.it').rows.some((r) => r.id === mailbox.ids.xdcr), "the provider's cover address finds it too");
  });
});

test('a subject word typed without its accent, in any case, finds it: "attivita" finds "Relazione attività 2024"', async () => {
  await withMailbox((mailbox) => {
    for (const typed of ['attivita', 'ATTIVITA', 'attività', 'relazione attivita 2024']) {
      const found = search(mailbox, typed);
      assert.deepEqual(idsOf(found), [mailbox.ids.relazione], typed);
      assert.equal(found.rows[0].displaySubject, 'Relazione attività 2024');
    }
  });
});

test('the first letters of a word are enough: "archet" finds "Re: archetipo"', async () => {
  await withMailbox((mailbox) => {
    const found = search(mailbox, 'archet');
    assert.deepEqual(idsOf(found), [mailbox.ids.archetipo]);
    assert.equal(found.rows[0].displaySubject, 'Re: archetipo');
  });
});

test('an envelope is found by the name of an attachment of the original, typed whole or in part', async () => {
  await withMailbox((mailbox) => {
    // Three SdI envelopes share the subject; only one carries the signed invoice IT01234567890_FPR04.xml.p7m.
    for (const typed of ['FPR04', 'fpr0', 'IT01234567890_FPR04.xml.p7m', 'IT01234567890_FPR04']) {
      assert.deepEqual(idsOf(search(mailbox, typed)), [mailbox.ids.sdiP7m], typed);
    }
  });
});

test('words of the subject and of an attachment name together find the message that has both', async () => {
  await withMailbox((mailbox) => {
    assert.deepEqual(idsOf(search(mailbox, 'simulazione fpr04')), [mailbox.ids.sdiP7m]);
    assert.deepEqual(idsOf(search(mailbox, 'sdi03 fpr04')), [mailbox.ids.sdiP7m], 'the real sender and an attachment name');
    assert.equal(search(mailbox, 'archetipo fpr04').total, 0, 'every word must match');
  });
});

test('typing FTS5 syntax or stray punctuation never fails the search', async () => {
  await withMailbox((mailbox) => {
    for (const typed of ['"', '"atto', 'a OR', 'OR', 'AND', 'NOT simulazione', 'NEAR(', 'NEAR(a b, 2)', '*', 'simul*', '-x', '(a', 'a)', 'x:y', 'subject:archetipo', '^re', '\0', '\uD800']) {
      const found = search(mailbox, typed);
      assert.equal(found.rows.length, Math.min(found.total, 50), typed);
    }
    // As FTS5 these would find the archetipo envelope (and the SdI ones); as the words typed, nothing has them.
    assert.equal(search(mailbox, 'subject:archetipo').total, 0, 'a column filter is the phrase "subject archetipo", not obeyed');
    assert.equal(search(mailbox, 'archetipo OR simulazione').total, 0, 'OR is a word to find, not an alternative');
  });
});

test('typed text with no word in it finds nothing rather than everything', async () => {
  await withMailbox((mailbox) => {
    for (const typed of ['', '   ', '"', '*', '- ( ) :']) assert.deepEqual(search(mailbox, typed), { total: 0, offset: 0, rows: [] }, JSON.stringify(typed));
  });
});

test('a search in one folder finds only that folder\'s messages; in all folders, those of every folder', async () => {
  await withMailbox((mailbox) => {
    const all = search(mailbox, 'thinkstudio');
    assert.deepEqual(idsOf(all), [mailbox.ids.archetipo, mailbox.ids.test].sort((a, b) => a - b));
    assert.deepEqual(new Set(all.rows.map((r) => r.folderId)), new Set([mailbox.inbox, mailbox.archive]));
    assert.deepEqual(idsOf(search(mailbox, 'thinkstudio', mailbox.inbox)), [mailbox.ids.archetipo]);
    assert.deepEqual(idsOf(search(mailbox, 'thinkstudio', mailbox.archive)), [mailbox.ids.test]);
  });
});

test('results come newest first, a page at a time with the total, as the same rows the folder lists', async () => {
  await withMailbox((mailbox) => {
    const first = search(mailbox, 'pec', null, { offset: 0, limit: 3 });
    const rest = search(mailbox, 'pec', null, { offset: 3, limit: 50 });
    assert.equal(first.total, 8, 'every message filed has a sender at a pec. domain');
    assert.equal(first.rows.length, 3);
    assert.equal(rest.total, 8);
    assert.equal(rest.offset, 3);
    const rows = [...first.rows, ...rest.rows];
    assert.equal(new Set(rows.map((r) => r.id)).size, 8);
    const times = rows.map((r) => Date.parse(r.date ?? r.receivedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));

    const listed = mailbox.store.listMessages({ folderId: mailbox.inbox, offset: 0, limit: 50, sort: 'date', direction: 'desc' });
    const found = search(mailbox, 'archetipo', mailbox.inbox);
    assert.deepEqual(found.rows[0], listed.rows.find((r) => r.id === mailbox.ids.archetipo));
  });
});

test("an envelope is found by a word of the sender's text, while the provider's cover text and a receipt's finds nothing", async () => {
  await withMailbox((mailbox) => {
    // aruba-2023's postacert.eml says "Avviso. Questa è una casella di sviluppo/test".
    assert.deepEqual(idsOf(search(mailbox, 'casella')), [mailbox.ids.xdcr]);
    // Every Aruba cover says "Il giorno … il messaggio … è stato inviato da", the accettazione "è stato accettato dal sistema".
    assert.deepEqual(idsOf(search(mailbox, 'inviato')), []);
    assert.deepEqual(idsOf(search(mailbox, 'accettato sistema')), []);
  });
});

test("an envelope is found by its sender's name as written in postacert.eml, not by the provider's \"Per conto di\"", async () => {
  await withMailbox((mailbox) => {
    assert.deepEqual(idsOf(search(mailbox, 'dmit')), [mailbox.ids.xdcr]);
    assert.deepEqual(idsOf(search(mailbox, 'conto')), []);
  });
});
