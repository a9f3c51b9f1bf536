/**
 * Property tests for the IPC boundary: any method of the contract called with any arguments
 * (random values, near-valid drafts and patches, real ids mixed with junk) returns a Result;
 * it never throws and never fails with an 'unexpected' error, which would mean a payload got
 * past the validators into code that was not written for it.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type Article, type Handlers, type Result } from '../../api/contract';
import { createHandlers, dispatch } from '../../main/handlers';
import { testHost } from '../host';
import { setLogWriter } from '../../main/log';
import { Store } from '../../store/store';
import { SOURCE_ROLES, VERDICTS } from '../../domain/verdicts';
import { PAYLOADS } from './hostile-corpus';

let dir: string;
let store: Store;
let api: Handlers;
const ids: string[] = [];
const logged: string[] = [];

const host = testHost();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-fuzz-ipc-'));
  store = await Store.open(dir, { durable: false });
  // No network in a test: a valid link (importUrl, attachSourceUrl) meets a fetch that fails as
  // an offline machine's does, and must still come back as a Result the editor can read.
  vi.stubGlobal('fetch', async (input: unknown) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!/^https?:\/\//i.test(url)) throw new Error(`a link that is not http(s) got past the validator: ${url}`);
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
  });
  api = createHandlers(store, host);
  const article = (await dispatch(api, 'createArticle', [{ text: 'Headline\n\nOne claim. Another claim.' }])) as Result<Article>;
  if (!article.ok) throw new Error(article.error.message);
  ids.push(article.value.id, ...article.value.statements.map((s) => s.id));
  setLogWriter((_level, event, fields) => logged.push(`${event} ${JSON.stringify(fields)}`));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  setLogWriter(null);
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const KEYS = [
  'text', 'title', 'outlet', 'author', 'url', 'publishedAt', 'verdict', 'note', 'sources', 'role', 'quote', 'file',
  'publisher', 'name', 'bytes', 'editorName', 'newsroomName', 'newsroomUrl', '__proto__', 'constructor', 'toString',
];

const hostile = fc.constantFrom(...PAYLOADS.map((p) => p.text));
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  hostile,
  fc.constantFrom(...VERDICTS, ...SOURCE_ROLES, 'md', 'html', 'json', 'pdf', 'csv', 'claimreview', 'exe', ''),
  fc.constantFrom('https://example.org/a', 'http://x', 'javascript:alert(1)', 'file:///etc/passwd', 'data:,x', '2024-02-30', '2024-01-01'),
  fc.constantFrom('a.txt', 'b.md', 'c.html', 'd.docx', 'e.exe', '../f.txt', 'noext'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const id = fc.oneof(fc.constantFrom(...['placeholder']).map(() => ids[0]!), fc.constantFrom(0, 1, 2).map((i) => ids[i] ?? 'x'), fc.string({ maxLength: 70 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    id,
    fc.uint8Array({ maxLength: 64 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
  ),
}));
const source = fc.record(
  {
    role: fc.oneof(fc.constantFrom(...SOURCE_ROLES), scalar),
    quote: fc.oneof(fc.string(), hostile),
    title: fc.oneof(fc.string(), hostile),
    url: scalar,
    file: fc.string(),
    publisher: fc.string(),
    publishedAt: scalar,
  },
  { requiredKeys: [] },
);
const nearValid = fc.oneof(
  fc.record({ text: fc.oneof(fc.string({ minLength: 1 }), hostile), title: scalar, url: scalar, publishedAt: scalar }, { requiredKeys: ['text'] }),
  fc.record({ verdict: scalar, note: fc.oneof(fc.string(), hostile), sources: fc.array(source, { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record({ name: scalar, bytes: fc.oneof(fc.uint8Array({ maxLength: 256 }), scalar) }),
  fc.record({ editorName: scalar, newsroomName: scalar, newsroomUrl: scalar }, { requiredKeys: [] }),
  fc.record({ title: scalar, outlet: scalar, author: scalar, url: scalar, publishedAt: scalar }, { requiredKeys: [] }),
);
const args = fc.oneof(
  fc.array(fc.oneof(id, nearValid, value), { maxLength: 4 }),
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 5 }),
  fc.tuple(id, id, nearValid),
  fc.tuple(id, nearValid),
);

/** Mostly well-formed values, so that calls get past the validators into the handlers and the store. */
const text = fc.oneof(fc.string({ maxLength: 60 }), hostile, fc.constant(''));
const webUrl = fc.oneof(fc.constantFrom('', 'https://example.org/a', 'http://news.example/p?q=1'), fc.webUrl(), scalar);
const date = fc.oneof(fc.constantFrom('', '2024-01-31', '2024-02-30', '31/01/2024'), scalar);
const wellFormedSource = fc.record({
  role: fc.constantFrom(...SOURCE_ROLES),
  quote: text,
  title: text,
  url: webUrl,
  file: text,
  publisher: text,
  publishedAt: date,
});
const draft = fc.record(
  { text: fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), hostile), title: text, outlet: text, author: text, url: webUrl, publishedAt: date },
  { requiredKeys: ['text'] },
);
const metaPatch = fc.record({ title: text, outlet: text, author: text, url: webUrl, publishedAt: date }, { requiredKeys: [] });
const statementPatch = fc.record(
  { verdict: fc.oneof(fc.constantFrom(...VERDICTS), scalar), note: text, sources: fc.array(fc.oneof(wellFormedSource, source), { maxLength: 3 }) },
  { requiredKeys: [] },
);
const fileName = fc.oneof(fc.constantFrom('a.txt', 'b.md', 'c.markdown', 'd.html', 'e.htm', 'f.docx', 'g.pdf', 'h'), fc.string({ maxLength: 20 }));
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.oneof(fc.string({ maxLength: 300 }), hostile).map((t) => new TextEncoder().encode(t)),
  fc.uint8Array({ maxLength: 100 }).map((b) => new Uint8Array([0x50, 0x4b, 3, 4, ...b])),
);
const articleId = fc.oneof(fc.constant(0).map(() => ids[0]!), id);
const statementId = fc.oneof(fc.integer({ min: 1, max: 2 }).map((i) => ids[i]!), id);
const SHAPED: Record<string, fc.Arbitrary<unknown[]>> = {
  getArticle: fc.tuple(articleId),
  deleteArticle: fc.tuple(articleId),
  restoreArticle: fc.tuple(articleId),
  createArticle: fc.tuple(draft),
  updateArticle: fc.tuple(articleId, metaPatch),
  markStatement: fc.tuple(articleId, statementId, statementPatch),
  readArticleFile: fc.tuple(fc.record({ name: fileName, bytes: fileBytes })),
  importUrl: fc.tuple(webUrl),
  openExternal: fc.tuple(webUrl),
  exportReport: fc.tuple(articleId, fc.oneof(fc.constantFrom('md', 'html', 'json', 'pdf', 'csv', 'claimreview'), scalar)),
  showInFolder: fc.tuple(fc.oneof(fc.string(), fc.constantFrom('/etc/passwd', path.join(os.tmpdir(), 'x.md'), ''))),
  updateSettings: fc.tuple(fc.record({ editorName: text, newsroomName: text, newsroomUrl: webUrl }, { requiredKeys: [] })),
  signOff: fc.tuple(articleId, statementId),
  assign: fc.tuple(
    articleId,
    fc.oneof(fc.constant(null), statementId),
    fc.oneof(fc.constant(null), fc.record({ to: text, reviewer: text, due: date }, { requiredKeys: [] }), scalar),
  ),
  attachSourceFile: fc.tuple(articleId),
  attachSourceUrl: fc.tuple(articleId, webUrl),
  getSourceDocument: fc.tuple(articleId, id),
  earlierChecks: fc.tuple(articleId, statementId, fc.oneof(fc.integer({ min: -5, max: 60 }), scalar)),
  statementsWithEarlierChecks: fc.tuple(articleId),
  search: fc.tuple(
    fc.record(
      {
        text: fc.oneof(text, fc.constantFrom('claim', 'Headline', '"', '*', '(', '\\')),
        verdict: fc.oneof(fc.constantFrom('', ...VERDICTS), scalar),
        review: fc.oneof(fc.constantFrom('', 'signed-off', 'awaiting'), scalar),
        editor: text,
        from: date,
        to: date,
      },
      { requiredKeys: ['text'] },
    ),
  ),
};
const call = fc.constantFrom(...API_METHODS).chain((method) =>
  fc.tuple(fc.constant(method), fc.oneof({ weight: 3, arbitrary: SHAPED[method] ?? fc.constant([]) }, { weight: 1, arbitrary: args })),
);

function isResult(r: unknown): r is Result<unknown> {
  if (!r || typeof r !== 'object') return false;
  const res = r as Record<string, unknown>;
  if (res.ok === true) return 'value' in res;
  const error = res.error as Record<string, unknown> | undefined;
  return res.ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
}

describe('dispatch (property)', () => {
  // Files and pages are read in a worker thread (services/isolate): its first start, from source
  // through tsx, takes seconds on a loaded machine.
  it('answers every method and any arguments with a Result, never a throw or an unexpected error', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(call, async ([method, callArgs]) => {
        const result = await dispatch(api, method, callArgs as unknown[]);
        expect(isResult(result)).toBe(true);
        if (!result.ok) expect(result.error.code, result.error.message).not.toBe('unexpected');
      }),
      { numRuns: 1500 },
    );
  });

  it('answers unknown methods and arguments that are not a list with a Result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.anything({ maxDepth: 2 }), async (method, callArgs) => {
        const result = await dispatch(api, method, callArgs as unknown[]);
        expect(isResult(result)).toBe(true);
        if (!result.ok) expect(result.error.code).not.toBe('unexpected');
      }),
      { numRuns: 300 },
    );
  });

  it('never wrote article text or arguments to the log', () => {
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).toMatch(/^request (refused|failed) \{"request":"[\w<>]+","code":"[\w-]+"/);
    expect(logged.join('\n')).not.toMatch(/__pwned|onerror|javascript:/);
  });
});
