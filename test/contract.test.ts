/**
 * The contract has one source: each method's schemas in api/<feature>.ts. These tests prove
 * that the renderer, the preload and main's handlers are all derived from it, at the type level
 * (checked by `npm run typecheck`, which compiles this file) and at run time: every method has
 * its schemas, a handler and a bridge entry, and what the handlers really return matches the
 * result schema each method declares. (The built preload is checked in test/wiring.test.ts.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { API_METHODS, CHANNELS, METHODS, type ApiMethod, type Bridge, type FactdeskApi, type Handlers, type Result } from '../api/contract';
import { method, type ApiOf, type HandlersOf } from '../api/method';
import { SearchQuerySchema, SEARCH_METHODS } from '../api/search';
import { createHandlers, dispatch, type Host } from '../main/handlers';
import { fakePrinter, testHost } from './host';
import { Store } from '../store/store';
import { DeskPassword, LiveDesk, setupDesk } from '../services/desk';
import { ADMIN, ADMIN_PASSWORD, startTestCouch } from './desk/server';
import { emptySource } from '../domain/verdicts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the contract at the type level', () => {
  it('gives the renderer, the preload and the handlers the same arguments, from the schemas', () => {
    type Patch = v.InferInput<(typeof METHODS)['markStatement']['args']>[2];
    expectTypeOf<Parameters<FactdeskApi['markStatement']>>().toEqualTypeOf<[string, string, Patch]>();
    expectTypeOf<Parameters<Bridge['markStatement']>>().toEqualTypeOf<Parameters<FactdeskApi['markStatement']>>();
    expectTypeOf<Parameters<Handlers['markStatement']>>().toEqualTypeOf<v.InferOutput<(typeof METHODS)['markStatement']['args']>>();
    // The renderer's result is the handler's result, wrapped in a Result by the bridge.
    expectTypeOf<Awaited<ReturnType<Bridge['getArticle']>>>().toEqualTypeOf<Result<Awaited<ReturnType<Handlers['getArticle']>>>>();
    // Defaults the schema fills in are optional for the caller and always there for the handler.
    expectTypeOf<Parameters<FactdeskApi['createArticle']>[0]['title']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Parameters<Handlers['createArticle']>[0]['title']>().toEqualTypeOf<string>();
  });

  it('lets optional trailing arguments be left out, and nothing else', () => {
    const api = {} as FactdeskApi;
    const calls = () => {
      void api.importUrl('https://example.org/');
      void api.exportReport('a1', 'md');
      void api.exportReport('a1', 'md', { internal: true });
      // @ts-expect-error the article id is required
      void api.exportReport();
      // @ts-expect-error a format the contract does not have
      void api.exportReport('a1', 'docx');
      // @ts-expect-error a field the patch schema does not have
      void api.markStatement('a1', 's1', { admin: true });
    };
    expect(calls).toBeTypeOf('function');
  });

  it('makes a field added to a schema required of every caller and known to every handler', () => {
    // The drift the issue describes: a required field added to the search query. Declared once,
    // it reaches the callers (whose old call no longer compiles) and the handler alike.
    const changed = {
      search: method('factdesk:library:search', [v.strictObject({ ...SearchQuerySchema.entries, language: v.string() })], SEARCH_METHODS.search.result),
    };
    const calls = (api: ApiOf<typeof changed>) => {
      // @ts-expect-error the new field is required
      void api.search({ text: 'rates' });
      void api.search({ text: 'rates', language: 'en' });
    };
    const handler: HandlersOf<typeof changed>['search'] = async (query) => {
      expectTypeOf(query.language).toEqualTypeOf<string>();
      return [];
    };
    expect([calls, handler]).toHaveLength(2);
  });

  it('refuses handlers that disagree with the contract', () => {
    const handlers = {} as Handlers;
    // @ts-expect-error a handler taking a number where the schema gives a string
    const wrongArgument: Handlers['getArticle'] = async (id: number) => handlers.getArticle(String(id));
    // @ts-expect-error a handler answering something other than the result schema
    const wrongResult: Handlers['listArticles'] = async () => [{ id: 'a1' }];
    // @ts-expect-error a set of handlers with one missing
    const missing: Handlers = { ...handlers, getArticle: undefined };
    expect([wrongArgument, wrongResult, missing]).toHaveLength(3);
  });

  it('requires every capability of a host, so none can silently do nothing', () => {
    // @ts-expect-error a host without a file manager (showInFolder once did nothing when absent)
    const noFileManager: Host = { ...testHost(), showInFolder: undefined };
    // @ts-expect-error a host without the report dialog (importReport once fell back to the article dialog)
    const noReportDialog: Host = { ...testHost(), chooseReportFile: undefined };
    expect([noFileManager, noReportDialog]).toHaveLength(2);
  });
});

describe('the contract at run time', () => {
  it('declares every method with a unique prefixed channel, a strict argument tuple and a result schema', () => {
    expect(API_METHODS.length).toBeGreaterThan(30);
    for (const name of API_METHODS) {
      const m = METHODS[name];
      expect(m.channel, name).toMatch(/^factdesk:[a-z-]+:[a-z-]+$/);
      expect(m.args.type, name).toBe('strict_tuple');
      expect(m.result.kind, name).toBe('schema');
      expect(CHANNELS[name]).toBe(m.channel);
    }
    expect(new Set(Object.values(CHANNELS)).size).toBe(API_METHODS.length);
  });

  it('has a handler for every method and none beyond them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-contract-'));
    const store = await Store.open(dir);
    try {
      expect(Object.keys(createHandlers(store, testHost())).sort()).toEqual([...API_METHODS].sort());
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('what the handlers return', () => {
    let dir: string;
    let store: Store;
    let server: http.Server;
    let origin: string;
    const answers: { open: string[]; save: string[] } = { open: [], save: [] };
    const checked = new Set<ApiMethod>();
    let handlers: Handlers;
    let desk: LiveDesk;

    /** Calls through dispatch, as IPC does, and checks the value against the method's result schema. */
    async function call<K extends ApiMethod>(name: K, ...args: unknown[]): Promise<Awaited<ReturnType<FactdeskApi[K]>>> {
      const result = await dispatch(handlers, name, args);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      const parsed = v.safeParse(METHODS[name].result, result.value);
      expect(parsed.issues?.map((i) => `${name} ${v.getDotPath(i)}: ${i.message}`) ?? []).toEqual([]);
      checked.add(name);
      return result.value as Awaited<ReturnType<FactdeskApi[K]>>;
    }

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-contract-'));
      store = await Store.open(dir);
      const page = `<html><head><title>Budget office</title></head><body><article><h1>Budget report</h1>${'<p>The city spent 4.2 million dollars on roads in 2025, the budget office said in its annual report to the council.</p>'.repeat(3)}</article></body></html>`;
      server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const next = (list: string[]) => async () => list.shift() ?? null;
      desk = new LiveDesk(store, new DeskPassword(dir, null));
      handlers = createHandlers(
        store,
        testHost({
          desk,
          chooseArticleFile: next(answers.open),
          chooseSourceFile: next(answers.open),
          chooseReportFile: next(answers.open),
          choosePublishedChecksFile: next(answers.open),
          chooseReportPath: next(answers.save),
          printPdf: fakePrinter,
        }),
      );
    });
    afterAll(async () => {
      server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('matches each method’s result schema, for every method of the contract', async () => {
      await call('updateSettings', { editorName: 'Ana', newsroomName: 'Bugle Fact Desk', newsroomUrl: 'https://bugle.example/' });
      await call('getSettings');
      const text = 'Roads\n\nThe city spent $4.2 million on roads in 2024. The mayor said so. Traffic fell.';
      const article = await call('createArticle', { text });
      const [, first, second] = article.statements;
      await call('updateArticle', article.id, { outlet: 'Bugle' });
      await call('getArticle', article.id);
      const page = await call('attachSourceUrl', article.id, `${origin}/report`, { allowPrivateNetwork: true });
      await call('getSourceDocument', article.id, page.id);
      const sourceFile = path.join(dir, 'source.txt');
      await writeFile(sourceFile, 'The city spent 4.2 million dollars on roads, the budget office said.');
      answers.open.push(sourceFile);
      await call('attachSourceFile', article.id);
      const source = { ...emptySource(), quote: 'the city spent 4.2 million dollars on roads', documentId: page.id };
      await call('markStatement', article.id, first!.id, { verdict: 'verified', explanation: 'Budget report.', sources: [source] });
      await call('correctStatement', article.id, first!.id, { date: '2026-11-30', change: 'Year fixed.', reason: 'Misread.', verdict: 'verified' });
      await call('updateSettings', { editorName: 'Ben' });
      await call('signOff', article.id, first!.id);
      await call('assign', article.id, second!.id, { to: 'Ben', due: '2026-12-01' });
      // A desk conflict, as a pull from the desk flags it.
      const deskConflict = { editors: ['Ana', 'Ben'], message: 'Changed by Ana and Ben while apart' };
      await store.applyFromDesk(article.id, (a) => ({ ...a!, statements: a!.statements.map((s) => (s.id === first!.id ? { ...s, deskConflict } : s)) }));
      await call('settleConflict', article.id, first!.id);
      await call('workLists');
      await call('splitStatement', article.id, second!.id, 5);
      await call('mergeWithNext', article.id, second!.id);
      const edited = await call('editArticleText', article.id, 'Roads\n\nThe city spent $4.2 million on roads in 2024. Traffic fell.');
      await call('discardOrphan', article.id, edited.orphaned[0]!.id);
      await call('search', { text: 'roads', verdict: 'verified' });
      const other = await call('createArticle', { text: 'Budget\n\nThe city spent $5.2 million on roads in 2024, the mayor said.' });
      await call('earlierChecks', other.id, other.statements[1]!.id, 5);
      await call('statementsWithEarlierChecks', other.id);
      answers.open.push(path.join(ROOT, 'services/library-index/fixtures/politifact-style.html'));
      await call('importPublishedChecks');

      const report = path.join(dir, 'report.json');
      answers.save.push(report, path.join(dir, 'report.pdf'));
      await call('exportReport', article.id, 'json', { internal: true });
      await call('exportReport', article.id, 'pdf');
      await call('recentExports');
      await call('showInFolder', report);
      answers.open.push(report);
      await call('importReport');

      const articleFile = path.join(dir, 'article.txt');
      await writeFile(articleFile, 'Headline\n\nOne claim was made here today.');
      answers.open.push(articleFile);
      await call('openArticleFile');
      await call('readArticleFile', { name: 'a.txt', bytes: new TextEncoder().encode('Headline\n\nOne claim was made here.') });
      await call('importUrl', `${origin}/article`, { allowPrivateNetwork: true });
      await call('cancelImport');
      await call('openExternal', 'https://example.org/');

      await call('deleteArticle', other.id);
      await call('listTrash');
      await call('restoreArticle', other.id);
      await call('listArticles');
      await call('storeNotices');

      // The desk, against the tests' CouchDB-protocol server.
      await call('deskStatus');
      const couch = await startTestCouch();
      try {
        await couch.createUser('ana', 'ana-pw');
        const url = couch.databaseUrl();
        await setupDesk(url, { name: ADMIN, password: ADMIN_PASSWORD }, ['ana']);
        expect(await call('connectDesk', { url, user: 'ana', password: 'ana-pw' })).toMatchObject({ user: 'ana' });
        await call('disconnectDesk');
      } finally {
        await desk.stop();
        await couch.stop();
      }
      expect(API_METHODS.filter((m) => !checked.has(m))).toEqual([]);
    });
  });
});

describe('go to definition', () => {
  it('leads from a renderer call to the method’s schema, with its documentation', () => {
    const file = path.join(ROOT, 'renderer/src/lib/check.svelte.ts');
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.web.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const service = ts.createLanguageService({
      getCompilationSettings: () => config.options,
      getScriptFileNames: () => [file],
      getScriptVersion: () => '1',
      getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
      getCurrentDirectory: () => ROOT,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
    });
    const source = ts.sys.readFile(file)!;
    const at = source.indexOf('api.markStatement') + 'api.'.length;
    expect(at).toBeGreaterThan(3);
    const [definition] = service.getDefinitionAtPosition(file, at) ?? [];
    expect(path.relative(ROOT, definition!.fileName)).toBe(path.join('api', 'statements.ts'));
    const declared = ts.sys.readFile(definition!.fileName)!;
    expect(declared.slice(definition!.textSpan.start, definition!.textSpan.start + definition!.textSpan.length)).toBe('markStatement');
    const info = service.getQuickInfoAtPosition(file, at);
    expect(ts.displayPartsToString(info?.documentation)).toMatch(/^Records a verdict/);
  }, 60_000); // a language service over the renderer's program: seconds, not milliseconds
});
