// Opening and saving attachments through the real API: programs, scripts and macros are never
// handed to the system, names are shown and saved without their disguises, nothing leaves the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { MessageView, OpenedFile } from '../../../src/shared/api-values';
import type { ApiBackend } from '../../../src/main/api';
import { webHost } from '../../../src/main/webbridge/launch';
import { zipToBuffer } from '../../../src/main/send/zip';
import { chooseFolder, composeMessage, startApi } from './helpers';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function open(api: ApiBackend, bytes: Buffer): Promise<MessageView> {
  const result = await api.dispatch('openEml', { name: 'messaggio.eml', dataBase64: bytes.toString('base64') });
  assert.ok(result.ok, JSON.stringify(result));
  return (result.value as OpenedFile).view;
}

async function hostileMessage(): Promise<Buffer> {
  const docm = await zipToBuffer([{ name: 'word/document.xml', content: Buffer.from('<w:document/>') }, { name: 'word/vbaProject.bin', content: Buffer.from('vba') }], new Date(0));
  return composeMessage({
    from: 'mittente@pec.alfa.test',
    to: 'destinatario@pec.beta.test',
    subject: 'allegati ostili',
    text: 'vedi allegati',
    attachments: [
      { filename: 'relazione.pdf', content: PDF, contentType: 'application/pdf' },
      { filename: 'fattura.pdf.exe', content: PDF },
      { filename: 'invoice\u202Efdp.exe', content: PDF },
      { filename: 'scansione.pdf', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), contentType: 'application/pdf' },
      { filename: 'contratto.docx', content: docm },
      { filename: 'avviso.js. .', content: 'WScript.Echo(1)' },
    ],
  });
}

test('in the desktop app a document opens with the system, but programs, disguised names and macros are refused with their reason', async (t) => {
  const opened: string[] = [];
  const { api } = await startApi(t, (saveDir) => ({ ...webHost('test', saveDir), openWithSystem: async (file) => void opened.push(file) }));
  const view = await open(api, await hostileMessage());
  const parts = view.original?.attachments ?? [];
  assert.deepEqual(
    parts.map((p) => p.filename),
    ['relazione.pdf', 'fattura.pdf.exe', 'invoicefdp.exe', 'scansione.pdf', 'contratto.docx', 'avviso.js'],
    'names are shown as they will be saved: no right-to-left override',
  );
  const outcome = async (i: number) => {
    const res = await api.dispatch('openAttachment', { ref: view.ref, partId: parts[i].partId, inner: false });
    return res.ok ? 'opened' : `${res.error.code}:${res.error.items?.join('/')}`;
  };
  assert.equal(await outcome(0), 'opened');
  assert.equal(path.basename(opened[0]), 'relazione.pdf');
  assert.deepEqual(fs.readFileSync(opened[0]), PDF);
  assert.equal(await outcome(1), 'denied:program-name/exe');
  assert.equal(await outcome(2), 'denied:disguised-name/');
  assert.equal(await outcome(3), 'denied:program-content/');
  assert.equal(await outcome(4), 'denied:macros/');
  assert.equal(await outcome(5), 'denied:program-name/js');
  assert.equal(opened.length, 1, 'nothing but the PDF reached the system');
});

test('in the browser build the same files are refused for the same reasons before any download', async (t) => {
  const { api } = await startApi(t);
  const view = await open(api, await hostileMessage());
  const parts = view.original?.attachments ?? [];
  const first = await api.dispatch('openAttachment', { ref: view.ref, partId: parts[0].partId, inner: false });
  assert.equal(!first.ok && first.error.code, 'unsupported');
  const exe = await api.dispatch('openAttachment', { ref: view.ref, partId: parts[2].partId, inner: false });
  assert.equal(!exe.ok && exe.error.code, 'denied');
  assert.equal(!exe.ok && exe.error.reason, 'attachment-disguised-name');
  assert.match(!exe.ok ? String(exe.error.params?.name) : '', /invoicefdp\.exe/);
});

test('a saved program carries its real name and stays in the chosen folder; a folder named by the page is refused', async (t) => {
  const { api, saveDir, dir } = await startApi(t);
  const view = await open(api, await hostileMessage());
  const saved = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [], inner: false, folder: await chooseFolder(api), overwrite: false });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.deepEqual(fs.readdirSync(saveDir).sort(), ['avviso.js', 'contratto.docx', 'fattura.pdf.exe', 'invoicefdp.exe', 'relazione.pdf', 'scansione.pdf']);
  for (const folder of [`${saveDir}\0/../..`, '../..', saveDir, '/tmp']) {
    const named = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [], inner: false, folder, overwrite: false });
    assert.equal(!named.ok && named.error.code, 'invalid-request', folder);
    const asDir = await api.dispatch('saveAttachments', { ref: view.ref, partIds: [], inner: false, dir: folder, overwrite: false });
    assert.equal(!asDir.ok && asDir.error.code, 'invalid-request', folder);
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ['data', 'save']);
});

test('"Salva .eml" of a message whose subject is a path, a device name and forbidden characters writes one safe file inside the folder', async (t) => {
  const { api, saveDir, dir } = await startApi(t);
  for (const subject of ['../../x', '/etc/passwd', 'CON', 'a:b*c?d"e<f>g|h\u202Eexe.pdf', `${'Lungo '.repeat(80)}fine`]) {
    const view = await open(api, await composeMessage({ from: 'a@pec.alfa.test', to: 'b@pec.beta.test', subject, text: 'x' }));
    const res = await api.dispatch('saveMessage', { ref: view.ref, folder: await chooseFolder(api), overwrite: false });
    assert.ok(res.ok, JSON.stringify(res));
    const [file] = (res.value as { saved: string[] }).saved;
    assert.equal(path.dirname(file), saveDir, file);
    assert.ok(Buffer.byteLength(path.basename(file)) <= 200);
    assert.match(path.basename(file), /\.eml$/);
  }
  const names = fs.readdirSync(saveDir);
  assert.equal(names.length, 5);
  for (const name of ['_CON.eml', 'a_b_c_d_e_f_g_hexe.pdf.eml', 'passwd.eml', 'x.eml']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['data', 'save']);
});
