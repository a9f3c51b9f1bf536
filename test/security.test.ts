/**
 * The security rules that are plain functions: the request limits and their log lines, the
 * links handed to the operating system, the escaping of hostile text in reports, and the
 * command line's argument checks. What Electron is asked to do is checked in wiring.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article, Handlers, Result } from '../api/contract';
import { API_METHODS } from '../api/contract';
import { checkPayloadSize, createHandlers, dispatch, MAX_PAYLOAD_UNITS } from '../main/handlers';
import { testHost } from './host';
import { logRequestFailure, redactError, setLogWriter, type LogFields, type LogLevel } from '../main/log';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl } from '../main/security';
import { renderReport } from '../services/report';
import { UserError } from '../store/errors';
import { emptySource } from '../domain/verdicts';
import { Store } from '../store/store';
import { activeContent, PAYLOADS, hostileArticle } from './fuzz/hostile-corpus';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

const host = testHost();

let dir: string;
let store: Store;
let api: Handlers;
let lines: { level: LogLevel; event: string; fields: LogFields }[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-security-'));
  store = await Store.open(dir, { durable: false });
  api = createHandlers(store, host);
  lines = [];
  setLogWriter((level, event, fields) => lines.push({ level, event, fields }));
});
afterEach(async () => {
  setLogWriter(null);
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function ok<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const SECRET = 'SECRET-ARTICLE-TEXT-7f3a';

describe('the log of failed requests', () => {
  it('names the request and the code, never the arguments or the message', async () => {
    // Refused by the schema: the message would quote the field.
    await dispatch(api, 'createArticle', [{ text: SECRET, url: `javascript:${SECRET}` }]);
    // Refused by the store: the message names the id.
    await dispatch(api, 'getArticle', [`${SECRET.replace(/-/g, '_')}`]);
    // An unexpected error whose message and name carry article text.
    const leaky: Handlers = {
      ...api,
      listArticles: async () => {
        const err = new TypeError(`Cannot read "${SECRET}" of undefined`);
        (err as NodeJS.ErrnoException).code = 'ENOENT';
        throw err;
      },
      listTrash: async () => {
        throw new UserError('damaged', `The article "${SECRET}" is damaged.`);
      },
      storeNotices: async () => {
        throw `a string thrown with ${SECRET}`;
      },
    };
    expect(await dispatch(leaky, 'listArticles', [])).toMatchObject({ ok: false, error: { code: 'unexpected' } });
    await dispatch(leaky, 'listTrash', []);
    await dispatch(leaky, 'storeNotices', []);
    // Too large, wrong count, unknown method.
    await dispatch(api, 'createArticle', [{ text: SECRET.repeat(1 + MAX_PAYLOAD_UNITS / SECRET.length) }]);
    await dispatch(api, 'getArticle', ['a', SECRET]);
    await dispatch(api, SECRET, [SECRET]);

    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('SECRET');
    expect(logged).not.toContain('7f3a');
    expect(lines).toEqual([
      { level: 'warn', event: 'request refused', fields: { request: 'createArticle', code: 'invalid-input' } },
      { level: 'warn', event: 'request refused', fields: { request: 'getArticle', code: 'not-found' } },
      {
        level: 'error',
        event: 'request failed',
        fields: { request: 'listArticles', code: 'unexpected', error: 'TypeError', errno: 'ENOENT', stack: expect.stringMatching(/^at /) },
      },
      { level: 'warn', event: 'request refused', fields: { request: 'listTrash', code: 'damaged' } },
      { level: 'error', event: 'request failed', fields: { request: 'storeNotices', code: 'unexpected', error: 'string' } },
      { level: 'warn', event: 'request refused', fields: { request: 'createArticle', code: 'invalid-input' } },
      { level: 'warn', event: 'request refused', fields: { request: 'getArticle', code: 'invalid-input' } },
      { level: 'warn', event: 'request refused', fields: { request: 'unknown', code: 'invalid-input' } },
    ]);
  });

  it('keeps stack frames but drops the message line, and replaces anything that is not a plain name', () => {
    const err = new Error(`first line ${SECRET}\n    at not a frame ${SECRET}`);
    err.name = `Evil ${SECRET}`;
    const fields = redactError(err);
    expect(fields.error).toBe('<redacted>');
    // A message line that imitates a frame is not taken for one: frames are what V8 wrote after the message.
    expect(String(fields.stack)).toMatch(/^at /);
    expect(JSON.stringify(fields)).not.toContain('SECRET');
    logRequestFailure(`get ${SECRET}`, `code ${SECRET}`);
    expect(lines.at(-1)).toEqual({ level: 'warn', event: 'request refused', fields: { request: '<redacted>', code: '<redacted>' } });
  });
});

describe('request limits', () => {
  it('refuse oversized, too wide, too deep and too long requests with a clear message', async () => {
    const big = 'x'.repeat(MAX_PAYLOAD_UNITS + 1);
    expect(await dispatch(api, 'createArticle', [{ text: big }])).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'The request is too large: Factdesk accepts at most 16 MB in one request.' },
    });
    const bytes = new Uint8Array(MAX_PAYLOAD_UNITS + 1);
    expect(await dispatch(api, 'readArticleFile', [{ name: 'a.txt', bytes }])).toMatchObject({
      error: { message: expect.stringMatching(/^The request is too large/) },
    });
    expect(await dispatch(api, 'listArticles', [1, 2, 3, 4, 5])).toMatchObject({
      error: { code: 'invalid-input', message: 'The request has 5 arguments; no request takes more than 4.' },
    });
    let deep: unknown = 'x';
    for (let i = 0; i < 10; i++) deep = { a: deep };
    expect(await dispatch(api, 'updateArticle', ['abc', deep])).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringMatching(/nested more than/) },
    });
    expect(await dispatch(api, 'markStatement', ['a', 'b', { sources: new Array(100_000).fill(0) }])).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringMatching(/too many values/) },
    });
    expect(checkPayloadSize('not an array')).toBe('The request is not valid.');
  });

  it('allow the largest legitimate requests through to their schemas', async () => {
    expect(checkPayloadSize([{ name: 'a.txt', bytes: new Uint8Array(10 * 1024 * 1024) }])).toBeNull();
    expect(checkPayloadSize([{ text: 'x'.repeat(2_000_000), title: 't' }])).toBeNull();
    const sources = Array.from({ length: 50 }, () => ({ ...emptySource(), quote: 'q'.repeat(20_000), title: 't'.repeat(500) }));
    expect(checkPayloadSize(['a', 'b', { sources, note: 'n'.repeat(20_000) }])).toBeNull();
  });

  it('refuse extra arguments, unknown fields and file names that are not plain names', async () => {
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text: 'One claim.' }]));
    expect(await dispatch(api, 'getArticle', [article.id, 'extra'])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(api, 'updateArticle', [article.id, { title: 'x', admin: true }])).toMatchObject({ ok: false });
    for (const name of ['../etc/passwd.txt', 'a\\b.txt', 'nul\u0000.txt', `invoice\u202Etxt.exe`, '', 'x'.repeat(256)]) {
      expect(await dispatch(api, 'readArticleFile', [{ name, bytes: new Uint8Array([65]) }]), name).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    // Every method answers a call with no arguments at all with a Result, never a throw.
    for (const method of API_METHODS) {
      const result = await dispatch(api, method, [null, null, null]);
      expect(result.ok, method).toBe(false);
    }
  });
});

describe('links handed to the operating system', () => {
  it('are http(s) links to a host, nothing else', () => {
    for (const url of ['https://example.org/a?b#c', 'http://news.example', 'HTTPS://EXAMPLE.ORG']) expect(isSafeExternalUrl(url), url).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'smb://host/share',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'http://',
      'https:',
      '//example.org',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('are refused by the IPC boundary before the host is asked', async () => {
    const opened: string[] = [];
    const recording = createHandlers(store, { ...host, openExternal: async (url) => void opened.push(url) });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'x'.repeat(3000)]) {
      expect(await dispatch(recording, 'openExternal', [url])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    await ok(dispatch(recording, 'openExternal', ['https://example.org/']));
    expect(opened).toEqual(['https://example.org/']);
  });
});

describe('the content security policy', () => {
  it('runs only the app bundle: no inline or eval script, no remote origin, no plugins, no frames', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|unsafe-eval|blob:/);
  });
});

describe('hostile text in the HTML report', () => {
  it('is shown as text: no element, attribute or link of it survives', async () => {
    const text = hostileArticle();
    const article = await ok<Article>(dispatch(api, 'createArticle', [{ text, title: PAYLOADS[0]!.text, outlet: PAYLOADS[3]!.text, author: PAYLOADS[4]!.text }]));
    const [first, second] = article.statements;
    await ok(
      dispatch(api, 'markStatement', [
        article.id,
        first!.id,
        {
          verdict: 'false',
          note: PAYLOADS[5]!.text,
          sources: [{ ...emptySource(), quote: PAYLOADS[6]!.text, title: PAYLOADS[7]!.text, publisher: PAYLOADS[8]!.text, file: PAYLOADS[9]!.text, url: 'https://example.org/"><script>__pwned(1)</script>' }],
        },
      ]),
    );
    await ok(dispatch(api, 'markStatement', [article.id, second!.id, { verdict: 'misleading', note: PAYLOADS.map((p) => p.text).join('\n') }]));
    const saved = await ok<Article>(dispatch(api, 'getArticle', [article.id]));
    const html = renderReport(saved, 'html', { publisher: { newsroomName: PAYLOADS[10]!.text } });
    const dom = new JSDOM(html);
    try {
      const doc = dom.window.document;
      expect(activeContent(doc)).toEqual([]);
      const shown = doc.body.textContent!.replace(/\s+/g, ' ');
      for (const p of PAYLOADS) expect(shown, p.id).toContain(p.text.replace(/\s+/g, ' '));
      expect(doc.title).toContain(PAYLOADS[0]!.text);
    } finally {
      dom.window.close();
    }
  });
});

describe('the factdesk command', () => {
  let cliDir: string;
  // The built command (like wiring.test.ts, this needs `npm run build` first): starting it
  // through tsx nine times would cost several seconds.
  const CLI = path.join(ROOT, 'out/main/factdesk.js');
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('out/main/factdesk.js is missing: run `npm run build` first.');
    cliDir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cli-security-'));
  });
  afterAll(() => rm(cliDir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
    try {
      await run(process.execPath, [CLI, '--store', path.join(cliDir, 'store'), ...args], { cwd: ROOT });
      return { code: 0, stderr: '' };
    } catch (err) {
      const e = err as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  }

  it('checks every option and argument before opening the store', async () => {
    const cases: [string[], RegExp][] = [
      [['mark', 'id', '1', '--verdict', 'v'.repeat(65)], /^factdesk: --verdict is longer than 64 characters\./],
      [['mark', 'id', '1', '--quote', 'q'.repeat(20_001)], /^factdesk: --quote is longer than 20,000 characters\./],
      [['mark', 'id', '1', '--source-url', 'javascript:alert(1)'], /^factdesk: --source-url must be an http:\/\/ or https:\/\/ link\./],
      [['mark', 'id', '1', '--source-date', '13/13/2024'], /^factdesk: --source-date must be a date as YYYY-MM-DD\./],
      [['export', 'id', '--format', 'exe', '--out', 'x'], /^factdesk: --format must be one of /],
      [['import', 'a.txt', '--title', 't'.repeat(501)], /^factdesk: --title is longer than 500 characters\./],
      [['show', 'a', 'b', 'c'], /^factdesk: The command has too many arguments/],
      [['show', 'x'.repeat(5000)], /^factdesk: Argument 2 is longer than 4096 characters\./],
      [['--store', '', 'list'], /^factdesk: --store is empty\./],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      expect(result.code, args.join(' ').slice(0, 80)).toBe(2);
      expect(result.stderr, args.join(' ').slice(0, 80)).toMatch(message);
    }
    // Nothing was created: the checks ran before the store was opened.
    expect(await readdir(cliDir)).toEqual([]);
  }, 60_000);
});

// The schema module is shared with the store; make sure the limits the CLI quotes are the store's.
describe('limits quoted to the editor', () => {
  it('match the store schema', async () => {
    const { StatementPatchSchema, ArticleMetaPatchSchema } = await import('../domain/schema');
    expect(v.safeParse(StatementPatchSchema, { note: 'n'.repeat(20_000) }).success).toBe(true);
    expect(v.safeParse(StatementPatchSchema, { note: 'n'.repeat(20_001) }).success).toBe(false);
    expect(v.safeParse(ArticleMetaPatchSchema, { title: 't'.repeat(500) }).success).toBe(true);
    expect(v.safeParse(ArticleMetaPatchSchema, { title: 't'.repeat(501) }).success).toBe(false);
  });
});

describe('the lint rule against {@html}', () => {
  it('is an error, and no component uses {@html}', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: ROOT });
    const probe = '<script lang="ts">\n  let { html }: { html: string } = $props();\n</script>\n\n<p>{@html html}</p>\n';
    const [result] = await eslint.lintText(probe, { filePath: path.join(ROOT, 'renderer/src/components/Probe.svelte') });
    expect(result!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['svelte/no-at-html-tags', 2]]);
    const results = await eslint.lintFiles(['renderer/src/**/*.svelte']);
    expect(results.length).toBeGreaterThan(10);
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'svelte/no-at-html-tags').map((m) => `${r.filePath}:${m.line}`))).toEqual([]);
  }, 60_000);
});
