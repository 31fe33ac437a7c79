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
  const found = searchMessages(mailbox.store, { query, folderId, ...page, sort: 'date', direction: 'desc' });
  if (!found.ok) assert.fail(`${query}: ${found.error.problem} ${found.error.token}`);
  return found.page;
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

test('what a lawyer pastes, FTS5 operators and stray punctuation included, is searched for as words or named as a problem, never a failure', async () => {
  await withMailbox((mailbox) => {
    for (const typed of ['a OR b', 'AND', 'NOT simulazione', 'NEAR(', 'NEAR(a b, 2)', '*', 'simul*', '(a', 'a)', 'Re: archetipo', '^re', '\0', '\uD800', '"atto" - citazione (NEAR)']) {
      const found = search(mailbox, typed);
      assert.equal(found.rows.length, Math.min(found.total, 50), typed);
    }
    assert.deepEqual(idsOf(search(mailbox, 'Re: archetipo')), [mailbox.ids.archetipo], 'a pasted "Re:" is a word of the subject');
    for (const [typed, problem] of [['"', 'unclosed-quote'], ['x:y', 'unknown-filter'], ['a OR', 'dangling-or'], ['-x', 'only-negated']]) {
      const found = searchMessages(mailbox.store, { query: typed, folderId: null, offset: 0, limit: 50, sort: 'date', direction: 'desc' });
      assert.equal(found.ok ? 'ok' : found.error.problem, problem, typed);
    }
  });
});

test('typed text with no word in it finds nothing rather than everything', async () => {
  await withMailbox((mailbox) => {
    for (const typed of ['', '   ', '""', '*', '- ( ) :']) assert.deepEqual(search(mailbox, typed), { total: 0, offset: 0, rows: [] }, JSON.stringify(typed));
  });
});

test('OR finds either, a dash leaves a word out, a quoted phrase needs its words together and in order', async () => {
  await withMailbox((mailbox) => {
    assert.deepEqual(idsOf(search(mailbox, 'archetipo OR attivita')), [mailbox.ids.relazione, mailbox.ids.archetipo].sort((a, b) => a - b));
    const simulazione = idsOf(search(mailbox, 'simulazione'));
    assert.equal(simulazione.length, 3, 'the three SdI envelopes');
    assert.deepEqual(idsOf(search(mailbox, 'simulazione -fpr04')), simulazione.filter((id) => id !== mailbox.ids.sdiP7m));
    assert.deepEqual(idsOf(search(mailbox, '"relazione attività 2024"')), [mailbox.ids.relazione]);
    assert.equal(search(mailbox, '"2024 attività relazione"').total, 0, 'the same words in another order are not the phrase');
    assert.equal(search(mailbox, '"relaz"').total, 0, 'a phrase is whole words');
    assert.deepEqual(idsOf(search(mailbox, '"relaz"*')), [mailbox.ids.relazione]);
  });
});

test('da: is the real sender of an envelope (postacert.eml), oggetto: only the subject, allegato: only attachment names', async () => {
  await withMailbox((mailbox) => {
    assert.deepEqual(idsOf(search(mailbox, 'da:sviluppo@pec.datamanagementitalia.it')), [mailbox.ids.xdcr]);
    assert.deepEqual(idsOf(search(mailbox, 'from:dmit')), [mailbox.ids.xdcr], "the sender's name");
    assert.equal(search(mailbox, 'da:casella').total, 0, 'a word of the body is not the sender');
    assert.deepEqual(idsOf(search(mailbox, 'casella')), [mailbox.ids.xdcr]);
    assert.deepEqual(idsOf(search(mailbox, 'oggetto:archetipo')), [mailbox.ids.archetipo]);
    assert.equal(search(mailbox, 'oggetto:fpr04').total, 0, 'an attachment name is not the subject');
    assert.deepEqual(idsOf(search(mailbox, 'allegato:fpr04')), [mailbox.ids.sdiP7m]);
    assert.deepEqual(idsOf(search(mailbox, 'allegato:"Relazione attività 2024.pdf"')), [mailbox.ids.relazione]);
    assert.equal(search(mailbox, 'allegato:archetipo').total, 0);
  });
});

test('words no attachment name has are looked for together in one full-text query, with the same results', async () => {
  await withMailbox((mailbox) => {
    assert.deepEqual(idsOf(search(mailbox, 'archetipo thinkstudio')), [mailbox.ids.archetipo]);
    assert.deepEqual(idsOf(search(mailbox, 'oggetto:archetipo da:thinkstudio')), [mailbox.ids.archetipo]);
    assert.deepEqual(idsOf(search(mailbox, 'oggetto:archetipo da:thinkstudio cartella:archivio')), []);
    assert.equal(search(mailbox, 'archetipo casella').total, 0, 'every word, each in the same message');
    assert.deepEqual(idsOf(search(mailbox, 'simulazione sdi03 fpr04')), [mailbox.ids.sdiP7m], 'an attachment word beside them still counts');
  });
});

test('a: finds the recipients of the cover and of postacert.eml', async () => {
  await withMailbox((mailbox) => {
    const detail = mailbox.store.getMessage(mailbox.ids.archetipo)!;
    const recipient = [...detail.originalTo, ...detail.to][0];
    assert.ok(recipient, 'the fixture names a recipient');
    const address = /<([^>]+)>/.exec(recipient)?.[1] ?? recipient;
    assert.ok(idsOf(search(mailbox, `a:"${address}"`)).includes(mailbox.ids.archetipo), address);
    assert.equal(search(mailbox, 'to:thinkstudio').total, 0, 'the sender is not a recipient');
  });
});

test('tipo:, ha:allegato, cartella:, account: and dates narrow the results', async () => {
  await withMailbox((mailbox) => {
    assert.deepEqual(idsOf(search(mailbox, 'pec tipo:accettazione')), [mailbox.ids.accettazione]);
    assert.deepEqual(idsOf(search(mailbox, 'pec type:receipt')), [mailbox.ids.accettazione]);
    assert.equal(search(mailbox, 'pec tipo:consegna').total, 0);
    assert.equal(search(mailbox, 'pec tipo:posta-certificata').total, 7, 'every envelope');
    assert.equal(search(mailbox, 'pec -tipo:posta-certificata').total, 1, 'all but the envelopes');
    const withAttachments = search(mailbox, 'pec ha:allegato');
    assert.ok(withAttachments.total > 0 && withAttachments.rows.every((r) => r.hasAttachments));
    assert.ok(withAttachments.rows.some((r) => r.id === mailbox.ids.sdiP7m));
    assert.deepEqual(idsOf(search(mailbox, 'thinkstudio cartella:archivio')), [mailbox.ids.test]);
    assert.deepEqual(idsOf(search(mailbox, 'thinkstudio folder:inbox')), [mailbox.ids.archetipo], 'the path, any case');
    assert.equal(search(mailbox, 'pec account:studio@pec.alfa').total, 8);
    assert.equal(search(mailbox, 'pec account:"Studio Rossi"').total, 8);
    assert.equal(search(mailbox, 'pec account:altro').total, 0);
    const dated = search(mailbox, 'pec').rows.map((r) => ({ id: r.id, ms: Date.parse(r.date ?? r.receivedAt) })).sort((a, b) => a.ms - b.ms);
    const middle = new Date(dated[4].ms);
    const day = `${middle.getFullYear()}-${middle.getMonth() + 1}-${middle.getDate()}`;
    const startOfDay = new Date(middle.getFullYear(), middle.getMonth(), middle.getDate()).getTime();
    assert.deepEqual(idsOf(search(mailbox, `pec dopo:${day}`)), dated.filter((d) => d.ms >= startOfDay).map((d) => d.id).sort((a, b) => a - b));
    assert.deepEqual(idsOf(search(mailbox, `pec prima:${day}`)), dated.filter((d) => d.ms < startOfDay).map((d) => d.id).sort((a, b) => a - b));
  });
});

test('con: lists everything exchanged with an address, sent and received, with the receipts of what was sent to it, newest first', async () => {
  await withStore(async (store) => {
    const saved = store.saveAccount({ name: 'Studio', address: 'mittente@client.example', kind: 'pec' });
    assert.ok(saved.ok);
    const sentFolder = store.upsertFolder(saved.accountId, { path: 'Posta inviata', specialUse: '\\Sent' });
    const receipts = store.upsertFolder(saved.accountId, { path: 'Ricevute', role: 'receipts' });
    await store.importSentMessage(own('richiesta-sent.eml'), saved.accountId);
    let uid = 1;
    const file = async (folderId: number, raw: Buffer) => {
      const result = await store.importMessage(raw, { location: { folderId, uid: uid++, flags: [] } });
      assert.ok(result.ok);
      return result.messageRowId;
    };
    const sent = await file(sentFolder, own('richiesta-sent.eml'));
    const accettazione = await file(receipts, own('richiesta-accettazione.eml'));
    const consegnaUfficio = await file(receipts, own('richiesta-consegna-ufficio.eml'));
    const erroreProtocollo = await file(receipts, own('richiesta-errore-protocollo.eml'));
    await file(receipts, own('richiesta-virus-segreteria.eml'));
    const run = (query: string) => {
      const found = searchMessages(store, { query, folderId: null, offset: 0, limit: 50, sort: 'date', direction: 'desc' });
      if (!found.ok) assert.fail(found.error.problem);
      return found.page;
    };
    const ufficio = run('con:ufficio@pec.beta.example');
    assert.deepEqual(idsOf(ufficio), [sent, accettazione, consegnaUfficio].sort((a, b) => a - b), "its consegna, not another recipient's error");
    const times = ufficio.rows.map((r) => Date.parse(r.date ?? r.receivedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    assert.deepEqual(idsOf(run('con:PROTOCOLLO@pec.gamma.example')), [sent, accettazione, erroreProtocollo].sort((a, b) => a - b), 'any case');
    assert.deepEqual(idsOf(run('con:ufficio@pec.beta.example tipo:consegna')), [consegnaUfficio]);
    assert.equal(run('con:ufficio@pec.beta').total, 0, 'an address is matched whole');
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

test('tag: finds the messages the user tagged, in any case; -tag: leaves them out', async () => {
  await withMailbox((mailbox) => {
    mailbox.store.setTag([mailbox.ids.xdcr, mailbox.ids.test], 'Urgente', true);
    assert.deepEqual(idsOf(search(mailbox, 'tag:urgente')), [mailbox.ids.xdcr, mailbox.ids.test].sort((a, b) => a - b));
    assert.deepEqual(idsOf(search(mailbox, 'tag:URGENTE', mailbox.inbox)), [mailbox.ids.xdcr]);
    assert.ok(!idsOf(search(mailbox, 'sviluppo@pec.datamanagementitalia.it -tag:urgente')).includes(mailbox.ids.xdcr));
    assert.deepEqual(idsOf(search(mailbox, 'tag:altro')), []);
  });
});

test('a private note is searchable: nota: looks only there, plain words look there too, alone or with other words', async () => {
  await withMailbox((mailbox) => {
    mailbox.store.setNote(mailbox.ids.archetipo, 'Richiamare il cliente prima della udienza di martedì');
    assert.deepEqual(idsOf(search(mailbox, 'nota:udienza')), [mailbox.ids.archetipo]);
    assert.deepEqual(idsOf(search(mailbox, 'note:martedi')), [mailbox.ids.archetipo], 'accents folded as everywhere');
    assert.deepEqual(idsOf(search(mailbox, 'udienza')), [mailbox.ids.archetipo], 'a plain word finds the note');
    // Two plain words, one in the note and one in the subject: found, though they are in different places.
    assert.deepEqual(idsOf(search(mailbox, 'udienza archetipo')), [mailbox.ids.archetipo]);
    assert.deepEqual(idsOf(search(mailbox, 'nota:archetipo')), [], 'nota: does not look at the subject');
  });
});
