import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExecutableName, sanitizeFileName, uniqueFileNames } from '../../../src/main/attachments';

test('a file name from a message can never name a folder or a path', () => {
  assert.equal(sanitizeFileName('../../.ssh/authorized_keys'), 'authorized_keys');
  assert.equal(sanitizeFileName('C:\\Windows\\system32\\drivers\\etc\\hosts'), 'hosts');
  assert.equal(sanitizeFileName('..'), 'allegato');
  assert.equal(sanitizeFileName(''), 'allegato');
  assert.equal(sanitizeFileName('/'), 'allegato');
});

test('names Windows would refuse or misread are made harmless', () => {
  assert.equal(sanitizeFileName('NUL'), '_NUL');
  assert.equal(sanitizeFileName('com1.txt'), '_com1.txt');
  assert.equal(sanitizeFileName('fattura?.pdf'), 'fattura_.pdf');
  assert.equal(sanitizeFileName('nota.txt. . '), 'nota.txt');
  assert.equal(sanitizeFileName('riga\u0000nuova\nlinea.txt'), 'riga_nuova_linea.txt');
});

test('a very long name is cut to fit the file system but keeps its extension and its accents whole', () => {
  const name = sanitizeFileName(`${'è'.repeat(300)}.pdf`);
  assert.ok(Buffer.byteLength(name) <= 200);
  assert.ok(name.endsWith('è.pdf'));
});

test('two attachments with the same name are both kept', () => {
  assert.deepEqual(uniqueFileNames(['fattura.pdf', 'Fattura.pdf', 'fattura.pdf']), ['fattura.pdf', 'Fattura (2).pdf', 'fattura (3).pdf']);
});

test('programs are recognised so they are never opened with a double click', () => {
  for (const name of ['fattura.pdf.exe', 'documento.js', 'avviso.HTA', 'scan.lnk', 'macro.docm']) assert.ok(isExecutableName(name), name);
  for (const name of ['fattura.pdf', 'foto.jpg', 'atto.pdf.p7m', 'dati.xml']) assert.ok(!isExecutableName(name), name);
});
