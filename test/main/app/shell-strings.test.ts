// The native menu and dialogs have every word in Italian and in English, and follow the UI's choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHELL_STRINGS, setShellLanguage, shellStrings } from '../../../src/main/app/shell-strings';

test('both languages name every menu item and dialog word, and differ where the words do', () => {
  const keys = Object.keys(SHELL_STRINGS.it).sort();
  assert.deepEqual(Object.keys(SHELL_STRINGS.en).sort(), keys);
  let different = 0;
  for (const key of keys) {
    const it = SHELL_STRINGS.it[key as keyof typeof SHELL_STRINGS.it];
    const en = SHELL_STRINGS.en[key as keyof typeof SHELL_STRINGS.en];
    const sample = (v: unknown) => (typeof v === 'function' ? (v as (x: never) => string)('fattura.pdf' as never) : String(v));
    assert.ok(sample(it).trim() && sample(en).trim(), key);
    if (sample(it) !== sample(en)) different++;
  }
  assert.ok(different >= keys.length - 1, 'only "File" reads the same in both');
  assert.match(SHELL_STRINGS.it.replaceOne('atto.pdf'), /atto\.pdf.*Sostituirlo/);
  assert.match(SHELL_STRINGS.en.replaceMany(3), /^3 files .*Replace them\?$/);
});

test('the shell speaks Italian until the UI says otherwise, and reports a change once', () => {
  assert.equal(shellStrings().settings, 'Impostazioni…');
  assert.equal(setShellLanguage('en'), true);
  assert.equal(setShellLanguage('en'), false);
  assert.equal(shellStrings().settings, 'Settings…');
  setShellLanguage('it');
});
