/**
 * Property tests for the segmenter: whatever text it is given (random Unicode, article-like
 * token soup, hostile markup), it returns sentences that are exact slices of the text, in order,
 * without overlap or outer whitespace, covering every non-blank character, and never throws.
 * Run time is bounded by numRuns and input sizes, not by timing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segment } from '../../services/segment';
import { PAYLOADS } from './hostile-corpus';

const TOKENS = [
  'The', 'council', 'voted', '7-2', 'on', 'Tuesday', 'Dr.', 'Mr.', 'U.S.', 'e.g.', 'No.', '4.5%', '$3.2m', '10 a.m.',
  'said', '“Why?”', 'he', 'asked.', '—', '–', ',', ';', ':', '.', '..', '...', '…', '!', '?', '?!', '"', "'", '(', ')',
  '[', ']', '«', '»', '「', '」', '。', '！', '？', '؟', '۔', 'שלום', 'مرحبا', '東京', '1.', '2)', '-', '*', '•', 'a)',
  '\n', '\n\n', '\r\n', '\t', ' ', '  ', '\u2029', '\u00a0', '\u202e', '\u200b', '😀', '\ud800', '\udfff', 'A.B.C.',
];

/** Article-like text: words, punctuation, quotes, abbreviations and line breaks in any order. */
const articleText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), {
    maxLength: 400,
  })
  .chain((tokens) => fc.array(fc.constantFrom(' ', '', '\n'), { minLength: tokens.length, maxLength: tokens.length }).map((gaps) => tokens.map((t, i) => t + gaps[i]).join('')));

const anyText = fc.oneof(
  articleText,
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.string({ unit: fc.constantFrom('.', '!', '?', ' ', '\n', 'a', 'A', '"', '”', '。', '…'), maxLength: 3000 }),
  fc.array(fc.constantFrom(...PAYLOADS.map((p) => p.text), 'Claim one.', '\n\n'), { maxLength: 40 }).map((parts) => parts.join(' ')),
);

function checkInvariants(source: string): void {
  const sentences = segment(source);
  const covered = new Uint8Array(source.length);
  let previousEnd = 0;
  for (const s of sentences) {
    expect(s.text).toBe(source.slice(s.start, s.end));
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(s.end).toBeGreaterThan(s.start);
    expect(/^\s|\s$/.test(s.text)).toBe(false);
    covered.fill(1, s.start, s.end);
    previousEnd = s.end;
  }
  for (let i = 0; i < source.length; i++) {
    if (!/\s/.test(source[i]!) && !covered[i]) {
      throw new Error(`character ${i} (${JSON.stringify(source[i])}) is in no sentence`);
    }
  }
}

describe('segment (property)', () => {
  it('returns exact, ordered, non-overlapping, trimmed slices covering every non-blank character', () => {
    fc.assert(fc.property(anyText, checkInvariants), { numRuns: 1000 });
  });

  it('handles long runs of terminal punctuation and line breaks', () => {
    fc.assert(
      fc.property(fc.constantFrom('.', '!', '?', '\n', '…', '。', ' '), fc.integer({ min: 1, max: 20_000 }), (c, n) => {
        checkInvariants(c.repeat(n));
        checkInvariants(`Start ${c.repeat(n)} end`);
      }),
      { numRuns: 30 },
    );
  });
});
