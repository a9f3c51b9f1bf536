import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, Handlers, RecentExport, Result } from '../../api/contract';
import { createHandlers, dispatch } from '../../main/handlers';
import { UserError } from '../../store/errors';
import { CHROMIUM_MISSING } from './pdf';
import { fakePrinter, testHost } from '../../test/host';
import { Store } from '../../store/store';
import { renderReport } from '.';
import { parseReportJson } from './import';
import { AT, hostileArticle, source } from './fixtures/test-articles';

let dir: string;
let store: Store;
let api: Handlers;
let saveAnswer: string | null;
let openAnswer: string | null;
let shown: string[];

const host = testHost({
  chooseReportPath: async () => saveAnswer,
  chooseReportFile: async () => openAnswer,
  showInFolder: async (file) => void shown.push(file),
  printPdf: fakePrinter,
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-report-import-'));
  store = await Store.open(path.join(dir, 'store'), { durable: false });
  api = createHandlers(store, host);
  saveAnswer = null;
  openAnswer = null;
  shown = [];
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function ok<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** An article in the store with verdicts, notes and sources on some of its statements, hostile text included. */
async function checkedArticle(): Promise<Article> {
  const text =
    'Mayor <b>Smith</b> says taxes fell 4%, "a record".\n\nראש העירייה אמר כי המסים ירדו.   =cmd|" /C calc"!A0 is not a claim. The end.';
  await ok(dispatch(api, 'updateSettings', [{ editorName: 'Dana "DC" Cohen' }]));
  const article = await ok<Article>(dispatch(api, 'createArticle', [{ text, title: 'Taxes & <the> "budget"', outlet: 'Bugle', author: 'Ann', url: 'https://bugle.example/a', publishedAt: '2026-11-20' }]));
  const [first, second, , fourth] = article.statements;
  await ok(dispatch(api, 'markStatement', [article.id, first!.id, {
    verdict: 'false',
    note: 'Line one,\nline two',
    sources: [
      source({ role: 'contradicts', quote: 'Taxes rose 2% <img src=x>', title: 'City accounts', url: 'https://city.example/a', publisher: 'City Hall', publishedAt: '2026-10-01' }),
      source({ role: 'context', title: 'Interview', file: 'interview.mp3' }),
    ],
  }]));
  await ok(dispatch(api, 'markStatement', [article.id, second!.id, { verdict: 'mostly-accurate', sources: [source({ quote: 'המסים עלו' })] }]));
  await ok(dispatch(api, 'markStatement', [article.id, fourth!.id, { note: 'Ask the desk.' }]));
  // A second editor signs off the first verdict.
  await ok(dispatch(api, 'updateSettings', [{ editorName: 'Sam <i>Ortiz</i>' }]));
  await ok(dispatch(api, 'signOff', [article.id, first!.id]));
  await ok(dispatch(api, 'updateSettings', [{ editorName: 'Dana "DC" Cohen' }]));
  return ok<Article>(dispatch(api, 'getArticle', [article.id]));
}

/** What a round trip compares: everything but ids and times. */
function essence(article: Article) {
  const { id: _id, createdAt: _c, updatedAt: _u, statements, ...meta } = article;
  return {
    ...meta,
    statements: statements.map(({ id: _sid, updatedAt: _su, checkedAt: _ca, review, history, ...s }) => ({
      ...s,
      reviewedBy: review?.by ?? null,
      history: history.map(({ at: _at, ...h }) => h),
    })),
  };
}

describe('JSON report round trip', () => {
  it('exports, imports and gets back the same article with every verdict, note and source', async () => {
    const original = await checkedArticle();
    saveAnswer = path.join(dir, 'report.json');
    expect(await ok(dispatch(api, 'exportReport', [original.id, 'json']))).toEqual({ path: saveAnswer });

    openAnswer = saveAnswer;
    const imported = await ok<Article>(dispatch(api, 'importReport', []));
    expect(imported.id).not.toBe(original.id);
    expect(original.statements[0]).toMatchObject({ checkedBy: 'Dana "DC" Cohen', review: { by: 'Sam <i>Ortiz</i>' } });
    // The report's sign-off is not this desk's: recorded in the history as imported, not counted.
    expect(imported.statements[0]).toMatchObject({ checkedBy: 'Dana "DC" Cohen', review: null });
    const withoutAccountability = (a: Article) => essence(a).statements.map(({ reviewedBy: _r, history: _h, ...s }) => s);
    expect(withoutAccountability(imported)).toEqual(withoutAccountability(original));
    const { statements: _a, ...importedMeta } = essence(imported);
    const { statements: _b, ...originalMeta } = essence(original);
    expect(importedMeta).toEqual(originalMeta);
    // Dates and the record of who did what come back as they were, followed by what the import adds.
    for (const [i, s] of imported.statements.entries()) {
      const was = original.statements[i]!;
      expect([s.checkedAt, s.updatedAt]).toEqual([was.checkedAt, was.updatedAt]);
      expect(s.history.slice(0, was.history.length)).toEqual(was.history);
      const added = s.history.slice(was.history.length);
      const expected = [];
      if (was.review) {
        expected.push({ at: was.review.at, by: 'Sam <i>Ortiz</i>', field: 'review', before: '', after: 'Signed off by Sam <i>Ortiz</i> in the imported report; not a sign-off on this desk' });
      }
      if (was.history.length || was.verdict !== 'unchecked') {
        expected.push({ at: expect.any(String), by: 'Dana "DC" Cohen', field: 'statement', before: '', after: expect.stringMatching(/^Imported from a JSON report/) });
      }
      expect(added).toEqual(expected);
    }
    for (const s of imported.statements) expect(imported.text.slice(s.start, s.end)).toBe(s.text);
    expect(store.list().map((a) => [a.title, a.checkedCount, a.reviewedCount])).toEqual([
      ['Taxes & <the> "budget"', 2, 0],
      ['Taxes & <the> "budget"', 2, 1],
    ]);

    // And the imported article exports the same report again (but for ids and timestamps).
    const again = JSON.parse(renderReport(imported, 'json', { generatedAt: AT }));
    const first = JSON.parse(await readFile(saveAnswer, 'utf8'));
    expect(again.statements.map((s: { text: string; verdict: string }) => [s.text, s.verdict])).toEqual(
      first.statements.map((s: { text: string; verdict: string }) => [s.text, s.verdict]),
    );
  });

  it('returns null when the editor cancels the open dialog', async () => {
    expect(await ok(dispatch(api, 'importReport', []))).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('refuses files that are not Factdesk reports, or are damaged, and adds nothing', async () => {
    const file = path.join(dir, 'in.json');
    openAnswer = file;
    const attempt = async (content: string) => {
      await writeFile(file, content);
      const r = await dispatch(api, 'importReport', []);
      return r.ok ? 'imported' : `${r.error.code}: ${r.error.message}`;
    };
    const good = JSON.parse(renderReport(hostileArticle(), 'json', { generatedAt: AT }));
    expect(await attempt('{"format": "factdesk-report", "version": 1, "article":')).toMatch(/^import-failed: in\.json is not valid JSON/);
    expect(await attempt('{"hello": "world"}')).toBe('import-failed: in.json is not a Factdesk JSON report.');
    expect(await attempt(JSON.stringify({ ...good, version: 9 }))).toBe(
      'import-failed: in.json is a version 9 report; this Factdesk reads versions 1, 2 and 3.',
    );
    const shifted = structuredClone(good);
    shifted.statements[1].start += 1;
    expect(await attempt(JSON.stringify(shifted))).toBe(
      'import-failed: in.json is damaged: statement 2 does not match the article text at its offsets.',
    );
    const badVerdict = structuredClone(good);
    badVerdict.statements[0].verdict = 'pants-on-fire';
    expect(await attempt(JSON.stringify(badVerdict))).toMatch(/^import-failed: in\.json is damaged: statements\.0\.verdict /);
    const badUrl = structuredClone(good);
    badUrl.statements[0].sources[0].url = 'javascript:alert(1)';
    expect(await attempt(JSON.stringify(badUrl))).toMatch(/^import-failed: in\.json is damaged: statements\.0\.sources\.0\.url/);
    openAnswer = path.join(dir, 'missing.json');
    expect(await attempt('')).toBe('import-failed: Could not open missing.json: the file does not exist.');
    expect(store.list()).toEqual([]);
  });

  it('cannot forge accountability: sign-offs imported as such, facts recomputed, never ready to publish', async () => {
    await ok(dispatch(api, 'updateSettings', [{ editorName: 'Alice' }]));
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Crime fell by 12 percent in 2024. The mayor is popular.', title: 'Crime' }]));
    saveAnswer = path.join(dir, 'report.json');
    await ok(dispatch(api, 'exportReport', [article.id, 'json']));
    const forged = JSON.parse(await readFile(saveAnswer, 'utf8'));
    for (const s of forged.statements) {
      s.verdict = 'verified';
      s.checkedBy = 'Reporter';
      s.checkedAt = '2026-01-01T00:00:00.000Z';
      s.review = { by: 'Chief Editor', at: '2026-01-02T00:00:00.000Z' };
      s.sources = [{ role: 'supports', quote: 'Crime went down last year.', title: 'Police', url: '', file: '', publisher: '', author: '', publishedAt: '', accessedAt: '' }];
      s.unsupported = [];
    }
    openAnswer = path.join(dir, 'forged.json');
    await writeFile(openAnswer, JSON.stringify(forged));
    const imported = await ok<Article>(dispatch(api, 'importReport', []));

    expect(imported.statements.map((s) => s.review)).toEqual([null, null]);
    expect(store.list().find((a) => a.id === imported.id)).toMatchObject({ checkedCount: 2, reviewedCount: 0, readyToPublish: false });
    // The facts check is Factdesk's own, not the file's empty list.
    expect(imported.statements[0]!.unsupported).toEqual(expect.arrayContaining(['12 percent', '2024']));
    expect(imported.statements[0]!.history.at(-2)).toMatchObject({ by: 'Chief Editor', field: 'review', after: expect.stringContaining('not a sign-off on this desk') });
    expect(imported.statements[0]!.history.at(-1)).toMatchObject({ by: 'Alice', field: 'statement' });
    // An editor of this desk can now sign off, and only then does it count.
    await ok(dispatch(api, 'signOff', [imported.id, imported.statements[0]!.id]));
    expect(store.list().find((a) => a.id === imported.id)).toMatchObject({ reviewedCount: 1 });
  });

  it('refuses empty statements and more statements or history than any real report has', async () => {
    const text = 'One. Two.';
    const good = JSON.parse(renderReport({ ...hostileArticle(), text, statements: [] }, 'json', { generatedAt: AT }));
    const blank = { start: 0, end: 0, text: '', verdict: 'unchecked', note: '', sources: [] };
    expect(() => parseReportJson(JSON.stringify({ ...good, statements: Array(300_000).fill(blank) }), 'in.json')).toThrow(
      'in.json is damaged: statements has more than 50,000 statements.',
    );
    expect(() => parseReportJson(JSON.stringify({ ...good, statements: [blank, blank] }), 'in.json')).toThrow(
      'in.json is damaged: statement 1 is empty (its end is not after its start).',
    );
    const one = { start: 0, end: 4, text: 'One.', verdict: 'unchecked', note: '', sources: [] };
    const entry = { at: AT.toISOString(), by: 'X', field: 'note', before: '', after: 'y' };
    expect(() => parseReportJson(JSON.stringify({ ...good, statements: [{ ...one, history: Array(2_001).fill(entry) }] }), 'in.json')).toThrow(
      'in.json is damaged: statements.0.history has more than 2,000 entries.',
    );
  });

  it('normalises the text as any import does: no CR or NUL survives, statements found again', () => {
    const text = 'Taxes rose.\r\nThe mayor\u0000 spoke.\r\n\r\n\r\nEnd.';
    const at = (sentence: string) => ({ start: text.indexOf(sentence), end: text.indexOf(sentence) + sentence.length, text: sentence });
    const statements = [
      { ...at('Taxes rose.'), verdict: 'verified', note: 'Line one\r\nline two\u0000', sources: [] },
      { ...at('The mayor\u0000 spoke.'), verdict: 'unchecked', note: '', sources: [] },
      { ...at('End.'), verdict: 'unchecked', note: '', sources: [] },
    ];
    const good = JSON.parse(renderReport({ ...hostileArticle(), statements: [] }, 'json', { generatedAt: AT }));
    const report = parseReportJson(JSON.stringify({ ...good, article: { ...good.article, title: 'A\rtitle', text }, statements }), 'in.json');
    expect(report.article.text).toBe('Taxes rose.\nThe mayor spoke.\n\nEnd.');
    expect(report.statements.map((s) => [s.text, report.article.text.slice(s.start, s.end)])).toEqual([
      ['Taxes rose.', 'Taxes rose.'],
      ['The mayor spoke.', 'The mayor spoke.'],
      ['End.', 'End.'],
    ]);
  });

  it('reads a report with a byte-order mark, and the hostile article intact', () => {
    const report = parseReportJson(`\uFEFF${renderReport(hostileArticle(), 'json', { generatedAt: AT })}`);
    expect(report.article.title).toBe('Taxes & <the> "budget" </style><script>alert(1)</script>');
    expect(report.statements[4]!.text).toBe('ראש העירייה אמר כי המסים ירדו ב-4%.');
  });
});

describe('exporting from the handlers', () => {
  it('writes every format, PDF as bytes from the host printer, and remembers recent files', async () => {
    const article = await checkedArticle();
    await ok(dispatch(api, 'updateSettings', [{ newsroomName: 'Bugle Fact Desk', newsroomUrl: 'https://bugle.example/' }]));
    for (const format of ['pdf', 'html', 'md', 'csv', 'json', 'claimreview'] as const) {
      saveAnswer = path.join(dir, `out.${format}`);
      expect(await ok(dispatch(api, 'exportReport', [article.id, format]))).toMatchObject({ path: saveAnswer });
    }
    expect((await readFile(path.join(dir, 'out.pdf'), 'latin1')).startsWith('%PDF-1.7 fake')).toBe(true);
    expect((await readFile(path.join(dir, 'out.csv'), 'utf8')).startsWith('\uFEFFIndex,Statement')).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'out.claimreview'), 'utf8'))[0].author.name).toBe('Bugle Fact Desk');
    expect(await readFile(path.join(dir, 'out.html'), 'utf8')).toContain('Bugle Fact Desk');

    const recent = await ok<RecentExport[]>(dispatch(api, 'recentExports', []));
    expect(recent.map((r) => r.format)).toEqual(['claimreview', 'json', 'csv', 'md', 'html', 'pdf']);
    expect(recent[0]).toMatchObject({ path: path.join(dir, 'out.claimreview'), articleId: article.id, title: article.title });

    await ok(dispatch(api, 'showInFolder', [path.join(dir, 'out.pdf')]));
    expect(shown).toEqual([path.join(dir, 'out.pdf')]);
    expect(await dispatch(api, 'showInFolder', ['/etc/passwd'])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(shown).toHaveLength(1);
  });

  it('keeps a short recent list, newest first, without duplicates', async () => {
    const article = await checkedArticle();
    for (let i = 0; i < 12; i++) {
      saveAnswer = path.join(dir, `r${i % 10}.md`);
      await ok(dispatch(api, 'exportReport', [article.id, 'md']));
    }
    const recent = await ok<RecentExport[]>(dispatch(api, 'recentExports', []));
    expect(recent.map((r) => path.basename(r.path))).toEqual(['r1.md', 'r0.md', 'r9.md', 'r8.md', 'r7.md', 'r6.md', 'r5.md', 'r4.md']);
  });

  it('refuses ClaimReview before the save dialog when the newsroom is not set', async () => {
    const article = await checkedArticle();
    saveAnswer = path.join(dir, 'never.jsonld');
    const r = await dispatch(api, 'exportReport', [article.id, 'claimreview']);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Settings') } });
    await expect(readFile(saveAnswer)).rejects.toThrow();
  });

  it('says so when the host cannot print a PDF (no Chromium), and rejects unknown formats', async () => {
    const article = await checkedArticle();
    const noChromium = async (): Promise<Uint8Array> => {
      throw new UserError('write-failed', CHROMIUM_MISSING);
    };
    const bare = createHandlers(store, testHost({ chooseReportPath: async () => path.join(dir, 'x.pdf'), printPdf: noChromium }));
    expect(await dispatch(bare, 'exportReport', [article.id, 'pdf'])).toMatchObject({ ok: false, error: { code: 'write-failed' } });
    expect(await dispatch(api, 'exportReport', [article.id, 'docx'])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(api, 'showInFolder', [])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
