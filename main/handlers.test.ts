import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, EarlierCheck, Handlers, Result } from '../api/contract';
import { Store } from '../store/store';
import { emptySource } from '../domain/verdicts';
import { testHost } from '../test/host';
import { createHandlers, dispatch, firstLine } from './handlers';

let dir: string;
let store: Store;
let api: Handlers;
let saveAnswer: string | null;

const host = testHost({ chooseReportPath: async () => saveAnswer });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-handlers-'));
  store = await Store.open(dir);
  api = createHandlers(store, host);
  saveAnswer = null;
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function ok<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected success, got ${r.error.message}`);
  return r.value as T;
}

describe('createArticle', () => {
  it('splits the text into statements whose offsets slice the article exactly', async () => {
    const text = 'Council backs plan\n\nThe council voted 7-2 on Tuesday. Dr. Lee abstained.';
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text, outlet: 'Bugle' }]));
    expect(article.title).toBe('Council backs plan');
    expect(article.statements.map((s) => s.text)).toEqual([
      'Council backs plan',
      'The council voted 7-2 on Tuesday.',
      'Dr. Lee abstained.',
    ]);
    for (const s of article.statements) expect(article.text.slice(s.start, s.end)).toBe(s.text);
    expect(store.list()[0]).toMatchObject({ title: 'Council backs plan', outlet: 'Bugle', statementCount: 3, checkedCount: 0 });
  });

  it('keeps a title the editor gave', async () => {
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'One. Two.', title: 'Mine' }]));
    expect(article.title).toBe('Mine');
  });

  it('refuses empty text and bad links with messages that name the field', async () => {
    expect(await dispatch(api, 'createArticle', [{ text: '   \n ' }])).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'The article text is empty' },
    });
    const bad = await dispatch(api, 'createArticle', [{ text: 'A claim.', url: 'javascript:alert(1)' }]);
    expect(bad).toEqual({ ok: false, error: { code: 'invalid-input', message: 'URL must start with http:// or https://' } });
    expect(store.list()).toEqual([]);
  });
});

describe('the IPC boundary', () => {
  it('rejects unknown methods, wrong argument counts, extra fields and oversized payloads', async () => {
    expect(await dispatch(api, 'evalSomething', [])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(api, 'getArticle', [])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(api, 'getArticle', ['../../etc/passwd'])).toMatchObject({
      ok: false,
      error: { message: 'The request is not a valid id' },
    });
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'One claim.' }]));
    const sid = article.statements[0]!.id;
    expect(await dispatch(api, 'markStatement', [article.id, sid, { verdict: 'verified', admin: true }])).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(api, 'markStatement', [article.id, sid, { verdict: 'true-ish' }])).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/^Verdict /) },
    });
    expect(
      await dispatch(api, 'markStatement', [article.id, sid, { note: 'x'.repeat(20_001) }]),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^Note /) } });
    expect(
      await dispatch(api, 'readArticleFile', [{ name: 'big.txt', bytes: new Uint8Array(11 * 1024 * 1024) }]),
    ).toMatchObject({ ok: false, error: { message: 'The file is larger than 10 MB' } });
    expect(await dispatch(api, 'openExternal', ['file:///etc/passwd'])).toMatchObject({ ok: false });
  });

  it('marks a statement and acknowledges only what is on disk', async () => {
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Rates rose. Prices fell.' }]));
    const sid = article.statements[1]!.id;
    const source = { ...emptySource(), quote: 'prices fell 2%', url: 'https://stats.example/cpi' };
    await ok(dispatch(api, 'markStatement', [article.id, sid, { verdict: 'verified', sources: [source] }]));
    const onDisk = JSON.parse(await readFile(path.join(dir, 'articles', `${article.id}.json`), 'utf8'));
    expect(onDisk.article.statements[1]).toMatchObject({ verdict: 'verified', sources: [source] });
  });

  it('reports a missing article plainly', async () => {
    expect(await dispatch(api, 'getArticle', ['nope'])).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no article nope in the library.' },
    });
  });
});

describe('exportReport', () => {
  it('writes the report where the save dialog says, and nothing when it is cancelled', async () => {
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Headline\n\nA claim.' }]));
    expect(await ok(dispatch(api, 'exportReport', [article.id, 'md']))).toBeNull();
    saveAnswer = path.join(dir, 'report.md');
    expect(await ok(dispatch(api, 'exportReport', [article.id, 'md']))).toEqual({ path: saveAnswer });
    expect(await readFile(saveAnswer, 'utf8')).toContain('# Fact-check: Headline');
  });
});

describe('firstLine', () => {
  it('takes the first non-empty line, shortened for the library', () => {
    expect(firstLine('\n\n  Headline  \nBody')).toBe('Headline');
    expect(firstLine('x'.repeat(300))).toHaveLength(200);
  });
});

describe('evidence through the handlers', () => {
  it('attaches a web page as a source and checks quotes against it when the statement is saved', async () => {
    const http = await import('node:http');
    const page = `<html><head><title>Budget office</title></head><body><article><h1>Budget report</h1>${'<p>The city spent 4.2 million dollars on roads in 2025, the budget office said in its annual report to the council.</p>'.repeat(3)}</article></body></html>`;
    const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Roads\n\nThe city spent $4.2 million on roads in 2024.' }]));
      const doc = await ok<{ id: string; kind: string }>(dispatch(api, 'attachSourceUrl', [article.id, `http://127.0.0.1:${port}/report`, { allowPrivateNetwork: true }]));
      expect(doc.kind).toBe('url');
      const sid = article.statements[1]!.id;
      const quoted = { ...emptySource(), quote: 'the city spent 4.2 million dollars on roads', documentId: doc.id };
      const saved = await ok<Article['statements'][number]>(dispatch(api, 'markStatement', [article.id, sid, { sources: [quoted] }]));
      expect(saved.sources[0]!.check).toMatchObject({ match: 'normalised', passage: 'The city spent 4.2 million dollars on roads' });
      // The statement's year is in no supporting quote.
      expect(saved.unsupported).toEqual(['2024']);
      const misquoted = { ...quoted, quote: 'The city spent 5.2 million dollars on roads' };
      const again = await ok<Article['statements'][number]>(dispatch(api, 'markStatement', [article.id, sid, { sources: [misquoted] }]));
      expect(again.sources[0]!.check?.match).not.toMatch(/^(exact|normalised)$/);
      // A check sent by the renderer is ignored: only the main process decides.
      const forged = { ...misquoted, check: { match: 'exact' } };
      const third = await ok<Article['statements'][number]>(dispatch(api, 'markStatement', [article.id, sid, { sources: [forged] }]));
      expect(third.sources[0]!.check?.match).not.toBe('exact');
    } finally {
      server.close();
    }
  });

  it('searches statements, quotes and notes across articles, with filters', async () => {
    const a = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Rates\n\nThe bank held rates at 4.5%.' }]));
    const b = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Homes\n\nPrices fell. Builders blamed rates.' }]));
    await ok(dispatch(api, 'markStatement', [b.id, b.statements[1]!.id, { verdict: 'verified', note: 'Checked the rates table' }]));
    const hits = await ok<{ articleId: string; field: string }[]>(dispatch(api, 'search', [{ text: 'RATES' }]));
    // Best first (the index ranks by BM25), so compared as a set.
    expect(hits.map((h) => [h.articleId === a.id ? 'a' : 'b', h.field]).sort()).toEqual([
      ['a', 'statement'],
      ['a', 'statement'],
      ['b', 'note'],
      ['b', 'statement'],
    ]);
    const verified = await ok<unknown[]>(dispatch(api, 'search', [{ text: 'rates', verdict: 'verified' }]));
    expect(verified).toHaveLength(1);
  });
});

describe('earlier checks', () => {
  it('lists an earlier check with its verdict, who, differences and sources, and marks the statement', async () => {
    await ok(dispatch(api, 'updateSettings', [{ editorName: 'Ana' }]));
    const first = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'TV\n\nThe series ran nine episodes, the network said.' }]));
    const source = { ...emptySource(), quote: 'eight episodes in all', title: 'Network press release' };
    await ok(dispatch(api, 'markStatement', [first.id, first.statements[1]!.id, { verdict: 'false', sources: [source] }]));
    const second = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'Review\n\nThe network said the series ran 10 episodes. It rained.' }]));
    const found = await ok<EarlierCheck[]>(dispatch(api, 'earlierChecks', [second.id, second.statements[1]!.id, 5]));
    expect(found).toEqual([
      expect.objectContaining({
        origin: 'newsroom',
        articleId: first.id,
        index: 2,
        verdict: 'false',
        checkedBy: 'Ana',
        differences: [{ kind: 'number', earlier: 'nine episodes', here: '10 episodes' }],
        sources: [expect.objectContaining({ quote: 'eight episodes in all', title: 'Network press release' })],
      }),
    ]);
    expect(found[0]!.sources[0]).not.toHaveProperty('check');
    expect(await ok(dispatch(api, 'statementsWithEarlierChecks', [second.id]))).toEqual([second.statements[1]!.id]);
    expect(await dispatch(api, 'earlierChecks', [second.id, second.statements[1]!.id, 0])).toMatchObject({ ok: false });
  });

  it('imports published fact-checks through the dialog and lists them as the publisher’s', async () => {
    const file = path.join(import.meta.dirname, '../services/library-index/fixtures/politifact-style.html');
    const withDialog = createHandlers(store, testHost({ choosePublishedChecksFile: async () => file }));
    expect(await ok(dispatch(withDialog, 'importPublishedChecks', []))).toEqual({ file: 'politifact-style.html', added: 1, alreadyKept: 0 });
    expect(await ok(dispatch(withDialog, 'importPublishedChecks', []))).toEqual({ file: 'politifact-style.html', added: 0, alreadyKept: 1 });
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'In two years the city bus fleet doubled to 400 buses.' }]));
    const found = await ok<EarlierCheck[]>(dispatch(api, 'earlierChecks', [article.id, article.statements[0]!.id, 5]));
    expect(found).toEqual([
      expect.objectContaining({ origin: 'published', verdict: null, publisher: 'Example Truth-O-Meter', rating: 'Mostly False', checkedAt: '2024-03-05' }),
    ]);
    expect(found[0]!.sources[0]).toMatchObject({ role: 'context', url: expect.stringMatching(/^https:\/\/factcheck\.example\.org\//) });
  });
});

