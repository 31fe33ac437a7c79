import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { MessagePage, MessageView, OpenedFile } from '../../../src/shared/api-values';
import type { ApiBackend } from '../../../src/main/api';
import { demoPdf, demoSigningIdentity, signAsP7m } from '../../../src/main/webbridge/demo-documents';
import { chooseFolder, composeMessage, FIXTURES, startApi } from './helpers';

async function open(api: ApiBackend, bytes: Buffer, name = 'messaggio.eml'): Promise<OpenedFile> {
  const result = await api.dispatch('openEml', { name, dataBase64: bytes.toString('base64') });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value as OpenedFile;
}

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

test('an envelope opened from disk shows the real sender and her attachment, with the service parts apart', async (t) => {
  const { api } = await startApi(t);
  const { view } = await open(api, fixture('aruba-2023-posta-certificata-completa.eml'));
  assert.equal(view.kind, 'envelope');
  assert.equal(view.original?.from?.address, 'sviluppo@pec.datamanagementitalia.it');
  assert.equal(view.cover.from?.address, 'posta-certificata@pec.aruba.it');
  assert.deepEqual(view.original?.attachments.map((a) => a.filename), ['xdcr_2022_02_00583.txt']);
  assert.deepEqual(view.serviceParts.map((p) => p.filename), ['daticert.xml', 'postacert.eml', 'smime.p7s']);
  assert.match(view.daticertXml ?? '', /<postacert tipo="posta-certificata"/);
  assert.equal(view.signature.present, true);
});

test('"save all" on an envelope writes the sender\'s attachments only, never daticert.xml, smime.p7s or postacert.eml', async (t) => {
  const { api, saveDir } = await startApi(t);
  const { view } = await open(api, fixture('aruba-2023-posta-certificata-completa.eml'));
  const saved = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [], inner: false, folder: await chooseFolder(api), overwrite: false });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.deepEqual(fs.readdirSync(saveDir), ['xdcr_2022_02_00583.txt']);
  assert.equal(fs.statSync(path.join(saveDir, 'xdcr_2022_02_00583.txt')).size, view.original?.attachments[0].size);
});

test('saving again asks first: the existing names come back as an "exists" error, and overwrite replaces them', async (t) => {
  const { api, saveDir } = await startApi(t);
  const { view } = await open(api, fixture('aruba-2023-posta-certificata-completa.eml'));
  // Without a native dialog, 'exists' keeps the token for the page's one call with overwrite.
  const request = { ref: view.ref, partIds: [], inner: false, folder: await chooseFolder(api), overwrite: false };
  fs.writeFileSync(path.join(saveDir, 'xdcr_2022_02_00583.txt'), 'the user’s own file');
  const refused = await api.dispatch('saveAttachments', request);
  assert.equal(!refused.ok && refused.error.code, 'exists');
  assert.deepEqual(!refused.ok && refused.error.items, ['xdcr_2022_02_00583.txt']);
  assert.equal(fs.readFileSync(path.join(saveDir, 'xdcr_2022_02_00583.txt'), 'utf8'), 'the user’s own file');
  const replaced = await api.dispatch('saveAttachments', { ...request, overwrite: true });
  assert.ok(replaced.ok);
  assert.notEqual(fs.readFileSync(path.join(saveDir, 'xdcr_2022_02_00583.txt'), 'utf8'), 'the user’s own file');
});

test('attachment names that try to leave the folder are saved inside it under a safe name', async (t) => {
  const { api, saveDir, dir } = await startApi(t);
  const raw = await composeMessage({
    from: 'mittente@pec.alfa.test',
    to: 'destinatario@pec.beta.test',
    subject: 'nomi ostili',
    text: 'vedi allegati',
    attachments: [
      { filename: '../../evil.txt', content: 'a' },
      { filename: '..\\..\\windows.txt', content: 'b' },
      { filename: '/etc/passwd', content: 'c' },
      { filename: 'CON.txt', content: 'd' },
      { filename: '.bashrc', content: 'e' },
      { filename: 'fattura.pdf', content: 'f' },
      { filename: 'fattura.pdf', content: 'g' },
    ],
  });
  const { view } = await open(api, raw);
  const saved = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [], inner: false, folder: await chooseFolder(api), overwrite: false });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.deepEqual(fs.readdirSync(saveDir).sort(), ['_CON.txt', 'bashrc', 'evil.txt', 'fattura (2).pdf', 'fattura.pdf', 'passwd', 'windows.txt']);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['data', 'save']);
});

test('a signed .p7m shows its inner document and signer, and "save document" writes the document itself', async (t) => {
  const { api, saveDir } = await startApi(t);
  const { view } = await open(api, fixture('sogei-2018-posta-certificata-breve-sdi-invio-file-p7m.eml'));
  const p7m = view.original?.attachments.find((a) => a.filename.endsWith('.p7m'));
  assert.ok(p7m?.signed, 'the .p7m is recognised');
  assert.equal(p7m.signed.innerFilename, 'IT01234567890_FPR04.xml');
  assert.equal(p7m.signed.signers[0].commonName, 'CORATO SERGIO');
  assert.equal(p7m.signed.signers[0].fiscalCode, 'CRTSRG74M18A459G');
  assert.equal(p7m.signed.signers[0].intact, true);
  const saved = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [p7m.partId], inner: true, folder: await chooseFolder(api), overwrite: false });
  assert.ok(saved.ok, JSON.stringify(saved));
  const xml = fs.readFileSync(path.join(saveDir, 'IT01234567890_FPR04.xml'), 'utf8');
  assert.match(xml, /^<\?xml/);
  assert.match(xml, /FatturaElettronica/);
});

test('a .p7m opened on its own (double-click, File ▸ Open) shows its signed document and signer, and saves the document', async (t) => {
  const { api, dir, saveDir } = await startApi(t);
  const pdf = demoPdf('Decreto ingiuntivo');
  const identity = demoSigningIdentity({ commonName: 'Marco Rossi', fiscalCode: 'RSSMRC70A01H501U', email: 'marco.rossi@pec.alfa.test' });
  const file = path.join(dir, 'decreto.pdf.p7m');
  fs.writeFileSync(file, signAsP7m(pdf, identity));
  const opened = await api.openFile(file);
  assert.ok(opened.ok, JSON.stringify(opened));
  const { view, name } = opened.value;
  assert.equal(name, 'decreto.pdf.p7m');
  const [part] = view.original?.attachments ?? [];
  assert.equal(part?.filename, 'decreto.pdf.p7m');
  assert.equal(part.signed?.innerFilename, 'decreto.pdf');
  assert.equal(part.signed?.signers[0].commonName, 'Marco Rossi');
  assert.equal(part.signed?.signers[0].fiscalCode, 'RSSMRC70A01H501U');
  assert.equal(part.signed?.signers[0].intact, true);
  const saved = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [part.partId], inner: true, folder: await chooseFolder(api), overwrite: false });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.ok(fs.readFileSync(path.join(saveDir, 'decreto.pdf')).equals(pdf), 'the saved document is the signed PDF byte for byte');
});

test('a file named .p7m that is not a signed document is refused in plain words', async (t) => {
  const { api } = await startApi(t);
  const result = await api.dispatch('openEml', { name: 'finto.pdf.p7m', dataBase64: Buffer.from('%PDF-1.4 not signed').toString('base64') });
  assert.equal(!result.ok && result.error.code, 'unreadable');
  assert.equal(!result.ok && result.error.reason, 'signed-file-unreadable');
  assert.deepEqual(!result.ok && result.error.params, { name: 'finto.pdf.p7m' });
});

test('a file that is not a mail message is refused in plain words', async (t) => {
  const { api } = await startApi(t);
  const result = await api.dispatch('openEml', { name: 'foto.jpg', dataBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]).toString('base64') });
  assert.equal(!result.ok && result.error.code, 'unreadable');
});

test('reply to an envelope goes to the real sender, never to the provider\'s posta-certificata address', async (t) => {
  const { api } = await startApi(t);
  const { view } = await open(api, fixture('aruba-2023-posta-certificata-completa.eml'));
  const draft = await api.dispatch('prepareDraft', { ref: view.ref, mode: 'reply' });
  assert.ok(draft.ok);
  const value = draft.value as { to: string[]; subject: string; inReplyTo: string | null };
  assert.deepEqual(value.to, ['sviluppo@pec.datamanagementitalia.it']);
  assert.match(value.subject, /^Re: \[XDCR\]/);
  const forward = await api.dispatch('prepareDraft', { ref: view.ref, mode: 'forwardAttachments' });
  assert.ok(forward.ok);
  const fwd = forward.value as { to: string[]; html: string; attachments: { filename: string }[] };
  assert.deepEqual(fwd.to, []);
  assert.equal(fwd.html, '');
  assert.deepEqual(fwd.attachments.map((a) => a.filename), ['xdcr_2022_02_00583.txt']);
});

test('a search over every folder shows each result as its folder lists it: the real sender, and the recipients of a sent message', async (t) => {
  const { api, services } = await startApi(t);
  const { store } = services;
  const saved = store.saveAccount({ name: 'Mario Rossi', address: 'mario@pec.alfa.example', kind: 'pec' });
  assert.ok(saved.ok);
  const inbox = store.upsertFolder(saved.accountId, { path: 'INBOX', specialUse: '\\Inbox', role: 'inbox' });
  const sent = store.upsertFolder(saved.accountId, { path: 'Inviata', specialUse: '\\Sent', role: 'sent' });
  const storeFixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../../fixtures/store', name));
  assert.ok((await store.importMessage(fixture('aruba-2023-posta-certificata-completa.eml'), { location: { folderId: inbox, uid: 1, flags: [] } })).ok);
  assert.ok((await store.importMessage(storeFixture('richiesta-sent.eml'), { location: { folderId: sent, uid: 1, flags: ['\\Seen'] } })).ok);
  const searchFor = async (query: string, folderId?: number) => {
    const result = await api.dispatch('searchMessages', { query, folderId, offset: 0, limit: 50, sort: 'date', direction: 'desc' });
    assert.ok(result.ok, JSON.stringify(result));
    return result.value as MessagePage;
  };

  const envelope = await searchFor('sviluppo');
  assert.equal(envelope.total, 1);
  assert.deepEqual(envelope.rows[0].from, { name: null, address: 'sviluppo@pec.datamanagementitalia.it' });
  assert.equal(envelope.rows[0].folderId, inbox);
  assert.equal(envelope.rows[0].kind, 'envelope');
  assert.deepEqual(envelope.rows[0].place, { folderPath: 'INBOX', folderName: 'INBOX', folderRole: 'inbox', accountName: 'Mario Rossi', accountAddress: 'mario@pec.alfa.example' }, 'results say where they are');

  const request = await searchFor('richiesta documenti');
  assert.equal(request.rows[0].folderId, sent);
  assert.equal(request.rows[0].place?.folderPath, 'Inviata');
  assert.equal(request.rows[0].place?.folderRole, 'sent');
  assert.deepEqual(request.rows[0].to, ['ufficio@pec.beta.example', 'protocollo@pec.gamma.example']);
  assert.equal((await searchFor('richiesta documenti', inbox)).total, 0, 'not in the inbox');
});

test('a stored message nesting multiparts 10,000 deep opens in the reader with its headers and both reasons, never an internal error', async (t) => {
  const { api, services } = await startApi(t);
  const open = Array.from({ length: 10_000 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`).join('');
  const raw = Buffer.from(`From: Mario Rossi <mario@pec.alfa.test>\r\nSubject: Matrioska\r\nMIME-Version: 1.0\r\n${open}Content-Type: text/plain\r\n\r\nciao\r\n`);
  const stored = await services.store.importMessage(raw);
  assert.ok(stored.ok);
  const result = await api.dispatch('getMessage', { ref: { messageId: stored.messageRowId } });
  assert.ok(result.ok, JSON.stringify(result));
  const view = result.value as MessageView;
  assert.equal(view.original?.subject, 'Matrioska');
  assert.equal(view.original?.from?.address, 'mario@pec.alfa.test');
  assert.equal(view.original?.body.text, null);
  assert.match(view.problems.join('\n'), /nests MIME parts more than 24 deep/);
  assert.match(view.problems.join('\n'), /cannot show the text and attachments of this message/);
});
