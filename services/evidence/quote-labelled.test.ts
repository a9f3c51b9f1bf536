/**
 * The labelled quote checks (fixtures/quote-cases.ts), each kind from a source of every format
 * an editor attaches: .txt, a hard-wrapped transcript, .html and .pdf. `npm run bench:quote`
 * scores the same set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, LABELLED_QUOTES, SOURCE_FORMATS, writeSource } from './fixtures/quote-cases';
import { readSourceText, verifyQuote } from './index';

let dir: string;
const texts = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-quote-labelled-'));
  for (const format of SOURCE_FORMATS) texts.set(format, (await readSourceText(await writeSource(dir, format))).text);
  // Loading pdf.js and jsdom the first time takes seconds on a busy machine.
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(SOURCE_FORMATS)('labelled quotes in a %s source', (format) => {
  it.each(LABELLED_QUOTES.map((label) => [label.kind, label.quote, label] as const))('%s: %s', (_kind, _quote, label) => {
    const result = verifyQuote({ sourceText: texts.get(format)!, quote: label.quote, statement: label.statement });
    expect(judge(label, result)).toBeNull();
    // Whatever was found is where it says it is, and an elided quote is never exact.
    if (result.passage !== null) expect(texts.get(format)!.slice(result.start!, result.end!)).toBe(result.passage);
    if (/…|\.\.\./.test(label.quote)) expect(result.match).not.toBe('exact');
  });
});
