// The two UI languages stay complete: every key in Italian has its English twin and back, no string
// is empty, both sides interpolate the same {{variables}}, and every literal t('…') key of the
// renderer exists. A gap would show the raw key (or the other language) to the user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { apiErrorTexts } from '../../../src/shared/api-errors';
import { importProblemTexts } from '../../../src/shared/import-problem-texts';
import { checkFindingTexts } from '../../../src/shared/send-check-texts';

const I18N = path.resolve(__dirname, '../../../src/renderer/i18n');
const RENDERER = path.resolve(__dirname, '../../../src/renderer');

type Json = { [key: string]: Json | string };

/** Flattens nested sections to dotted keys, as t() names them. */
function flatten(tree: Json, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

// The API's failures, the pre-send findings and the import's row problems are worded from
// src/shared/api-errors.ts, send-check-texts.ts and import-problem-texts.ts, merged in as the
// apiError, checkFinding and importProblem sections (src/renderer/i18n/index.ts): held to the same
// rules as the rest.
const load = (lang: 'it' | 'en') =>
  flatten({
    ...(JSON.parse(fs.readFileSync(path.join(I18N, `${lang}.json`), 'utf8')) as Json),
    apiError: apiErrorTexts(lang),
    checkFinding: checkFindingTexts(lang),
    importProblem: importProblemTexts(lang),
  });
const it = load('it');
const en = load('en');

// i18next plural forms (key_one, key_other, key_many…): Italian has a "many" form English lacks, so
// the keys are compared by their base name.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');

const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();

test('every Italian key has an English translation and back', () => {
  const itBases = new Set([...it.keys()].map(base));
  const enBases = new Set([...en.keys()].map(base));
  assert.deepEqual([...itBases].filter((k) => !enBases.has(k)), [], 'keys missing in en.json');
  assert.deepEqual([...enBases].filter((k) => !itBases.has(k)), [], 'keys missing in it.json');
});

test('no translation is empty or not a string', () => {
  for (const [lang, strings] of [['it', it], ['en', en]] as const) {
    const empty = [...strings].filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k);
    assert.deepEqual(empty, [], `empty strings in ${lang}.json`);
  }
});

test('both languages interpolate the same variables', () => {
  const differ = [...it]
    .filter(([k]) => en.has(k))
    .filter(([k, v]) => variables(String(v)).join() !== variables(String(en.get(k))).join())
    .map(([k, v]) => `${k}: it {{${variables(String(v)).join(', ')}}} en {{${variables(String(en.get(k))).join(', ')}}}`);
  assert.deepEqual(differ, []);
});

test("the API's failures are among the keys checked", () => {
  for (const strings of [it, en]) assert.ok(strings.has('apiError.unknown-method') && strings.has('apiError.internal'));
});

test('the pre-send findings are among the keys checked', () => {
  for (const strings of [it, en]) assert.ok(strings.has('checkFinding.no-subject') && strings.has('checkFinding.not-pec_other'));
});

test("the import's row problems are among the keys checked", () => {
  for (const strings of [it, en]) assert.ok(strings.has('importProblem.address-in-column') && strings.has('importProblem.duplicate-in-file-skip'));
});

test('the variable check reads {{x}} and {{x, format}} alike', () => {
  assert.deepEqual(variables('{{count}} di {{ total, number }} e {{count}}'), ['count', 'total']);
});

test("every literal t('…') key in the renderer exists in a translation file", () => {
  const known = new Set([...it.keys(), ...en.keys()].map(base));
  const files = (fs.readdirSync(RENDERER, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
  assert.ok(files.length > 20, 'the renderer sources were found');
  const unknown: string[] = [];
  let seen = 0;
  for (const file of files) {
    const source = fs.readFileSync(path.join(RENDERER, file), 'utf8');
    // Literal keys only: template keys (`campaign.state.${s}`) are built from typed unions.
    for (const m of source.matchAll(/\bt\(\s*(['"])([\w.-]+)\1/g)) {
      seen++;
      if (!known.has(m[2])) unknown.push(`${file}: ${m[2]}`);
    }
  }
  assert.ok(seen > 100, `t() calls were found (${seen})`);
  assert.deepEqual(unknown, []);
});
