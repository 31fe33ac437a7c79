import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { filesToOpen } from '../../../src/main/app/open-with';

test('a double-clicked .eml or .p7m on Windows and Linux reaches the app as an absolute path from argv', () => {
  const cwd = path.resolve('/home/laura/Scaricati');
  const argv = ['--no-sandbox', 'atto.pdf.p7m', '/tmp/Ricevuta.EML', '.', 'fattura.xml', '--inspect=9229'];
  assert.deepEqual(filesToOpen(argv, cwd), [path.join(cwd, 'atto.pdf.p7m'), path.resolve('/tmp/Ricevuta.EML')]);
});

test('a second launch\'s relative path is resolved against that launch\'s folder, not the first one\'s', () => {
  assert.deepEqual(filesToOpen(['messaggio.msg'], path.resolve('/srv/pec')), [path.resolve('/srv/pec/messaggio.msg')]);
  assert.deepEqual(filesToOpen([]), []);
});
