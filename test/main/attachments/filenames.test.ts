import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeFileName, uniqueFileNames } from '../../../src/main/attachments';

test('a file name from a message can never name a folder or a path', () => {
  assert.equal(sanitizeFileName('../../.ssh/authorized_keys'), 'authorized_keys');
  assert.equal(sanitizeFileName('C:\\Windows\\system32\\drivers\\etc\\hosts'), 'hosts');
  assert.equal(sanitizeFileName('/etc/passwd'), 'passwd');
  assert.equal(sanitizeFileName('../../x'), 'x');
  assert.equal(sanitizeFileName('\\\\server\\share\\x.pdf'), 'x.pdf');
  assert.equal(sanitizeFileName('..'), 'allegato');
  assert.equal(sanitizeFileName(''), 'allegato');
  assert.equal(sanitizeFileName('/'), 'allegato');
  assert.equal(sanitizeFileName('. .', 'destinatario'), 'destinatario');
});

test('names Windows would refuse or misread are made harmless', () => {
  assert.equal(sanitizeFileName('NUL'), '_NUL');
  assert.equal(sanitizeFileName('com1.txt'), '_com1.txt');
  assert.equal(sanitizeFileName('LPT9.tar.gz'), '_LPT9.tar.gz');
  assert.equal(sanitizeFileName('aux .pdf'), '_aux .pdf');
  assert.equal(sanitizeFileName('CONOUT$'), '_CONOUT$');
  assert.equal(sanitizeFileName('COM\u00b9.txt'), '_COM\u00b9.txt');
  assert.equal(sanitizeFileName('console.txt'), 'console.txt');
  assert.equal(sanitizeFileName('fattura?.pdf'), 'fattura_.pdf');
  assert.equal(sanitizeFileName('a<b>c:d"e|f*g.pdf'), 'a_b_c_d_e_f_g.pdf');
  assert.equal(sanitizeFileName('nota.txt. . '), 'nota.txt');
  assert.equal(sanitizeFileName('  .nascosto.txt'), 'nascosto.txt');
  assert.equal(sanitizeFileName('riga\u0000nuova\nlinea.txt'), 'riga_nuova_linea.txt');
  assert.equal(sanitizeFileName('c1\u0085\u009bcontrol.txt'), 'c1__control.txt');
  assert.equal(sanitizeFileName('x.exe::$DATA'), 'x.exe__$DATA');
});

test('bidi overrides and invisible characters are removed, so the name shows its real extension', () => {
  assert.equal(sanitizeFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
  assert.equal(sanitizeFileName('fattura\u2067\u200B.pdf\u2069.exe'), 'fattura.pdf.exe');
  assert.equal(sanitizeFileName('\u200F\u202Bdoc\u202C.pdf\uFEFF'), 'doc.pdf');
  // Letters of right-to-left scripts are text, not controls: they stay.
  assert.equal(sanitizeFileName('عقد.pdf'), 'عقد.pdf');
});

test('a very long name is cut to fit the file system but keeps its extension and its characters whole', () => {
  for (const ch of ['è', '€', '😀', 'a']) {
    const name = sanitizeFileName(`${ch.repeat(300)}.pdf`);
    assert.ok(Buffer.byteLength(name) <= 200, `${ch}: ${Buffer.byteLength(name)} bytes`);
    assert.ok(name.endsWith(`${ch}.pdf`), name);
    // Cut on a character boundary: decoding the bytes gives the same text back, no U+FFFD.
    assert.equal(Buffer.from(name, 'utf8').toString('utf8'), name);
    assert.ok(!name.includes('\ufffd'));
  }
  const dotted = sanitizeFileName(`${'a'.repeat(195)}. . . ${'b'.repeat(50)}.pdf`);
  assert.ok(!/[.\s]\.pdf$/.test(dotted), dotted);
  // An "extension" that is really half the name is not kept whole.
  const noExt = sanitizeFileName(`nome.${'x'.repeat(400)}`);
  assert.ok(Buffer.byteLength(noExt) <= 200);
  assert.ok(noExt.startsWith('nome.'));
});

test('two attachments with the same name are both kept', () => {
  assert.deepEqual(uniqueFileNames(['fattura.pdf', 'Fattura.pdf', 'fattura.pdf']), ['fattura.pdf', 'Fattura (2).pdf', 'fattura (3).pdf']);
  // Names that only differ by what sanitising removes collide too, and are still both kept.
  assert.deepEqual(uniqueFileNames(['a/b.pdf', 'b.pdf', 'b\u202E.pdf']), ['b.pdf', 'b (2).pdf', 'b (3).pdf']);
});
