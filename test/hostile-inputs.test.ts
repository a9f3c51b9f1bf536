/**
 * Issue 11's table, read the way the app and the commands read files: in the reader's worker
 * (services/isolate). Each case must end inside the worker's budget, imported or refused with
 * one clear line, and a read can be cancelled. The inputs are generated here, not checked in.
 * Text-pass cases that need no worker are in test/fuzz/linear.test.ts; the lying .docx in
 * services/import/docx.test.ts; figures in `npm run bench:hostile`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../services/evidence/fixtures/make-pdf';
import { readPdfText, MAX_PDF_PAGES } from '../services/evidence/source-text';
import { cancelArticleReads, importArticleBytes, parseClaimReviews, READ_BUDGET_MS, readSourceText, readsRunning } from '../services/isolate';
import { UserError } from '../store/errors';

const bytes = (text: string) => new TextEncoder().encode(text);
/** The budget, plus loading the reader and its libraries on a busy machine. */
const WITHIN = READ_BUDGET_MS + 20_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T | UserError }> {
  const start = performance.now();
  let result: T | UserError;
  try {
    result = await run();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    result = err;
  }
  return { ms: performance.now() - start, result };
}

describe('hostile inputs in the reader', () => {
  it('imports a .txt of "Start." and 100,000 spaces', { timeout: 60_000 }, async () => {
    const { ms, result } = await timed(() => importArticleBytes('spaces.txt', bytes(`Start.${' '.repeat(100_000)}b`)));
    expect(ms).toBeLessThan(WITHIN);
    expect(result).toMatchObject({ text: `Start.${' '.repeat(100_000)}b` });
  });

  it('imports a .md of one 150 KB line of "![a"', { timeout: 60_000 }, async () => {
    const { ms, result } = await timed(() => importArticleBytes('images.md', bytes('![a'.repeat(50_000))));
    expect(ms).toBeLessThan(WITHIN);
    expect(result).toMatchObject({ text: '![a'.repeat(50_000) });
  });

  it('refuses 2.7 MB of "<script x" by its tag count, before parsing', { timeout: 60_000 }, async () => {
    const { ms, result } = await timed(() => importArticleBytes('scripts.html', bytes('<script x'.repeat(300_000))));
    expect(ms).toBeLessThan(WITHIN);
    expect(result).toBeInstanceOf(UserError);
    expect((result as UserError).message).toMatch(/^scripts\.html is too large a page to find its article in \(about 300,000 elements/);
  });

  it.each([1_000, 5_000])('refuses %i nested <div>s with one line', { timeout: 90_000 }, async (depth) => {
    const page = `${'<div>'.repeat(depth)}<p>The council approved the harbour budget on Tuesday after a long debate.</p>${'</div>'.repeat(depth)}`;
    const { ms, result } = await timed(() => importArticleBytes(`nested-${depth}.html`, bytes(page)));
    expect(ms).toBeLessThan(WITHIN);
    expect(result).toBeInstanceOf(UserError);
    expect((result as UserError).message).toMatch(
      new RegExp(`^(nested-${depth}\\.html is nested too deeply to find its article in|Gave up on nested-${depth}\\.html after 10 s: the page is built in a way Factdesk cannot read\\.$)`),
    );
  });

  it('reads a published fact-check page nested 5,000 deep in the worker, refusing it with one line', { timeout: 90_000 }, async () => {
    const page = `<html><body>${'<div>'.repeat(5_000)}<p>No review here.</p>${'</div>'.repeat(5_000)}</body></html>`;
    const { ms, result } = await timed(() => parseClaimReviews(page, 'checks.html'));
    expect(ms).toBeLessThan(WITHIN);
    expect(result).toBeInstanceOf(UserError);
    expect((result as UserError).message).toMatch(/checks\.html/);
  });

  it('ends a read when the editor cancels it, with a "cancelled" error', { timeout: 60_000 }, async () => {
    const page = `<body>${'<div><p>One more paragraph of a page built to keep a reader busy.</p></div>'.repeat(8000)}</body>`;
    const reading = importArticleBytes('slow.html', bytes(page));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const start = performance.now();
    await cancelArticleReads();
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('cancelling the article being read leaves a source document being attached reading on', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cancel-'));
    try {
      const source = path.join(dir, 'report.html');
      await writeFile(source, `<body>${'<div><p>The harbour budget rose by four per cent, the auditor found.</p></div>'.repeat(8000)}</body>`);
      const attaching = readSourceText(source).then(
        () => 'read',
        (err: UserError) => err.code,
      );
      const reading = importArticleBytes('slow.html', bytes(`<body>${'<div><p>One more paragraph of a page built to keep a reader busy.</p></div>'.repeat(8000)}</body>`));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(readsRunning(), 'both reads are under way when the editor cancels').toBe(2);
      await cancelArticleReads();
      await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
      expect(await attaching).not.toBe('cancelled');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF limits', () => {
  it(`refuses a PDF of more than ${MAX_PDF_PAGES.toLocaleString('en')} pages by name, without reading its pages`, { timeout: 120_000 }, async () => {
    const pdf = await makePdf(Array.from({ length: MAX_PDF_PAGES + 1 }, (_, i) => [`Page ${i + 1}.`]));
    await expect(readPdfText('long.pdf', pdf)).rejects.toThrow(
      `long.pdf has 2,001 pages; Factdesk reads PDFs of up to 2,000 pages. Save the part the quote comes from as its own PDF, and attach that.`,
    );
  });
});
