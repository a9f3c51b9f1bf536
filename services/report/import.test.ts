import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, FactdeskApi, RecentExport, Result } from '../../api/contract';
import { createHandlers, dispatch, type Host } from '../../main/handlers';
import { Store } from '../../store/store';
import { renderReport } from '.';
import { parseReportJson } from './import';
import { AT, hostileArticle, source } from './test-articles';

let dir: string;
let store: Store;
let api: FactdeskApi;
let saveAnswer: string | null;
let openAnswer: string | null;
let shown: string[];

const host: Host = {
  chooseArticleFile: async () => null,
  chooseReportPath: async () => saveAnswer,
  openExternal: async () => undefined,
  chooseReportFile: async () => openAnswer,
  showInFolder: async (file) => void shown.push(file),
  printPdf: async (html) => new TextEncoder().encode(`%PDF-1.7 fake ${html.length}`),
};

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

/** What must survive a round trip: everything but ids and times (the history is replayed, dated now). */
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
    expect(imported.statements[0]).toMatchObject({ checkedBy: 'Dana "DC" Cohen', review: { by: 'Sam <i>Ortiz</i>' } });
    expect(essence(imported)).toEqual(essence(original));
    // Dates and the record of who did what come back as they were, not as the time of import.
    for (const [i, s] of imported.statements.entries()) {
      const was = original.statements[i]!;
      expect([s.checkedAt, s.updatedAt, s.review, s.history]).toEqual([was.checkedAt, was.updatedAt, was.review, was.history]);
    }
    for (const s of imported.statements) expect(imported.text.slice(s.start, s.end)).toBe(s.text);
    expect(store.list().map((a) => [a.title, a.checkedCount])).toEqual([
      ['Taxes & <the> "budget"', 2],
      ['Taxes & <the> "budget"', 2],
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
    expect(await attempt('')).toMatch(/^import-failed: Could not read .*missing\.json/);
    expect(store.list()).toEqual([]);
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
      expect(await ok(dispatch(api, 'exportReport', [article.id, format]))).toEqual({ path: saveAnswer });
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

  it('says PDF is not available in a host without a printer, and rejects unknown formats', async () => {
    const article = await checkedArticle();
    const bare = createHandlers(store, { chooseArticleFile: async () => null, chooseReportPath: async () => 'x', openExternal: async () => undefined });
    expect(await dispatch(bare, 'exportReport', [article.id, 'pdf'])).toMatchObject({ ok: false, error: { code: 'write-failed' } });
    expect(await dispatch(api, 'exportReport', [article.id, 'docx'])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(api, 'showInFolder', [])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
