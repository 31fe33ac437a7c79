import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XmlRunGuard } from '../../../../src/main/contacts/import/xml-runs';
import { LimitExceeded } from '../../../../src/main/contacts/import/limits';

/** The longest run of characters between two of "<" and ">" (or the ends), counted the slow way. */
function longestRun(text: string): number {
  return Math.max(...text.split(/[<>]/).map((run) => run.length));
}

/** Feeds text in the given chunk lengths; true when the guard let it all through. */
function passes(text: string, maxRun: number, chunkLengths: number[]): boolean {
  const guard = new XmlRunGuard('xl/worksheets/sheet1.xml', maxRun);
  try {
    let at = 0;
    for (const length of chunkLengths) {
      guard.feed(text.slice(at, at + length));
      at += length;
    }
    guard.feed(text.slice(at));
    return true;
  } catch (err) {
    assert.ok(err instanceof LimitExceeded);
    return false;
  }
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

test('a run longer than the cap is refused however the text is cut into chunks, shorter or longer than the cap', () => {
  const next = random(7);
  let refused = 0;
  for (let n = 0; n < 2000; n++) {
    const maxRun = 1 + Math.floor(next() * 120);
    let text = '';
    while (text.length < 300) text += next() < 0.3 ? (next() < 0.5 ? '<' : '>') : 'x'.repeat(1 + Math.floor(next() * (next() < 0.1 ? 60 : 8)));
    const chunks: number[] = [];
    for (let at = 0; at < text.length; ) {
      // Mostly chunks within the cap (one look at each end), some far beyond it (every delimiter).
      const length = next() < 0.8 ? 1 + Math.floor(next() * maxRun) : maxRun + Math.floor(next() * 100);
      chunks.push(length);
      at += length;
    }
    const expected = longestRun(text) <= maxRun;
    assert.equal(passes(text, maxRun, chunks), expected, `text ${JSON.stringify(text)}, cap ${maxRun}, chunks ${chunks.join(',')}`);
    if (!expected) refused++;
  }
  // Both answers were exercised.
  assert.ok(refused > 100 && refused < 1900, `refused ${refused} of 2000`);
});

test('a run exactly as long as the cap passes, one more character is refused, across chunks', () => {
  assert.equal(passes(`<c>${'a'.repeat(10)}</c>`, 10, [5, 5, 5]), true);
  assert.equal(passes(`<c>${'a'.repeat(11)}</c>`, 10, [5, 5, 5]), false);
  assert.equal(passes(`${'a'.repeat(6)}`, 10, [3, 3]), true);
  assert.equal(passes(`${'a'.repeat(6)}${'b'.repeat(5)}<`, 10, [6, 5]), false);
});
