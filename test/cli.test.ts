/**
 * The `factdesk` command as a newsroom script runs it: the built file, plain node, a store
 * folder of its own. Needs `npm run build` first.
 */
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFactdesk, requireBuiltFactdesk } from './factdesk-command';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'test/fixtures/hit-and-run.txt');

let dir: string;
let store: string;


const factdesk = (...args: string[]) => runFactdesk(args);

beforeAll(async () => {
  requireBuiltFactdesk();
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cli-'));
  store = path.join(dir, 'store');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk', { timeout: 180_000 }, () => {
  it('segments a file into statements whose offsets slice its text', async () => {
    const run = await factdesk('segment', SAMPLE);
    expect(run.code).toBe(0);
    expect(run.json).toHaveLength(19);
    expect(run.json[4]).toMatchObject({
      text: 'Per Netflix, Hit & Run landed in the streamer’s Top 10 after a one-day debut.',
    });
    const text = (await readFile(SAMPLE, 'utf8')).replace(/\r\n?/g, '\n').trim();
    for (const s of run.json) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('imports, lists, marks, shows and exports through one store', async () => {
    const imported = await factdesk('--store', store, 'import', SAMPLE);
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({ title: 'Hit & Run will not be getting a second season at Netflix.', statements: 19 });
    const id = imported.json.id as string;

    const marked = await factdesk(
      '--store', store, 'mark', id, '5', '--verdict', 'verified',
      '--quote', 'landed in the Top 10', '--source-title', 'Netflix Top 10', '--source-url', 'https://top10.netflix.com',
    );
    expect(marked.code).toBe(0);
    expect(marked.json).toMatchObject({ verdict: 'verified', sources: [{ quote: 'landed in the Top 10', title: 'Netflix Top 10' }] });

    const list = await factdesk('--store', store, 'list');
    expect(list.json).toEqual([expect.objectContaining({ id, statementCount: 19, checkedCount: 1 })]);

    const shown = await factdesk('--store', store, 'show', id);
    expect(shown.json.statements[4]).toMatchObject({ index: 5, verdict: 'verified' });
    expect(shown.json.statements[4].text).toContain('Per Netflix');

    const out = path.join(dir, 'report.md');
    const exported = await factdesk('--store', store, 'export', id, '--format', 'md', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.json).toEqual({ path: out });
    expect(await readFile(out, 'utf8')).toContain('**Quote (supports):** “landed in the Top 10”');
  });

  it('takes a title and keeps the edits of earlier commands', async () => {
    const file = path.join(dir, 'council.md');
    await writeFile(file, '# Council backs **plan**\n\nThe council voted 7-2. Dr. Lee abstained.\n');
    const imported = await factdesk('--store', store, 'import', file, '--title', 'Council vote');
    expect(imported.json).toMatchObject({ title: 'Council vote', statements: 3 });
    const list = await factdesk('--store', store, 'list');
    expect(list.json).toHaveLength(2);
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--store', store, 'show', 'nope'], 1, /^factdesk: There is no article nope in the library\.\n$/],
      [['--store', store, 'mark', 'nope', '1'], 1, /^factdesk: There is no article nope/],
      [['segment', path.join(dir, 'missing.txt')], 1, /^factdesk: Could not open missing\.txt: the file does not exist\.\n$/],
      [['--store', store, 'export', 'x', '--format', 'docx', '--out', 'r'], 2, /--format must be one of/],
    ];
    for (const [args, code, stderr] of cases) {
      const run = await factdesk(...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr, args.join(' ')).toMatch(stderr);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
  });

  it('answers a call it cannot read with what was wrong, then the usage, and exit 2', async () => {
    const cases: [string[], string][] = [
      [[], 'factdesk: No command given.'],
      [['frobnicate'], 'factdesk: Unknown command "frobnicate".'],
      [['--colour'], "factdesk: Unknown option '--colour'."],
      [['--store', store, 'list', '-x'], "factdesk: Unknown option '-x'."],
      [['--store', store, 'settings', '--editor'], 'factdesk: --editor needs a value.'],
      [['--store', store, 'export', '--all=yes'], 'factdesk: --all takes no value.'],
      [['--store', store, 'import', 'a.txt', '--title', '-draft'], 'factdesk: --title needs a value; for one that begins with "-", write --title=VALUE.'],
    ];
    for (const [args, first] of cases) {
      const run = await factdesk(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      const [line, blank, usage] = run.stderr.split('\n');
      expect([line, blank, usage], args.join(' ')).toEqual([first, '', 'Usage: factdesk [--store DIR] <command>']);
      expect(run.stderr).not.toMatch(/positional|parseArgs|XYZ/);
    }
  });

  it('refuses a bad verdict without touching the store', async () => {
    const list = await factdesk('--store', store, 'list');
    const id = list.json[1].id as string;
    const run = await factdesk('--store', store, 'mark', id, '1', '--verdict', 'maybe');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^factdesk: Verdict /);
    const shown = await factdesk('--store', store, 'show', id);
    expect(shown.json.statements[0].verdict).toBe('unchecked');
  });

  it('checks a quote against a source file, and attaches sources to statements', async () => {
    const source = path.join(dir, 'source.txt');
    await writeFile(source, 'The show ran for nine episodes.\nNetflix said it would not renew it.');
    const exact = await factdesk('verify-quote', '--source', source, '--quote', 'ran for nine episodes', '--statement', 'The show ran for nine episodes in Israel.');
    expect(exact.json).toEqual({
      match: 'exact',
      start: 9,
      end: 30,
      passage: 'ran for nine episodes',
      differences: [],
      unsupported: ['Israel'],
    });
    const changed = await factdesk('verify-quote', '--source', source, '--quote', 'Netflix said it would renew it');
    expect(changed.json.match).not.toMatch(/exact|normalised/);

    const list = await factdesk('--store', store, 'list');
    const id = list.json[0].id as string;
    const attached = await factdesk('--store', store, 'attach', id, source);
    expect(attached.json).toMatchObject({ name: 'source.txt', kind: 'txt', chars: 67 });
    const marked = await factdesk('--store', store, 'mark', id, '2', '--verdict', 'verified', '--quote', 'ran for nine episodes', '--source-file', source, '--role', 'supports');
    expect(marked.code).toBe(0);
    expect(marked.json.sources[0]).toMatchObject({ role: 'supports', file: 'source.txt', check: { match: 'exact', passage: 'ran for nine episodes' } });
    const bad = await factdesk('--store', store, 'mark', id, '2', '--role', 'refutes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('factdesk: --role must be one of supports, contradicts, context.\n');
  });

  it('prints its usage for --help', async () => {
    const run = await factdesk('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: factdesk [--store DIR] <command>');
  });
});

// Each step starts the built command afresh: seconds apiece on a busy machine.
describe('factdesk covers what the app does', { timeout: 180_000 }, () => {
  let own: string;
  beforeAll(async () => {
    own = path.join(dir, 'parity');
  });

  it('changes and prints the settings, and records verdicts under the editor set there', async () => {
    const empty = await factdesk('--store', own, 'settings');
    expect(empty.code).toBe(0);
    expect(empty.json).toEqual({ editorName: '', newsroomName: '', newsroomUrl: '' });
    const set = await factdesk('--store', own, 'settings', '--editor', 'Ana Ruiz', '--newsroom', 'Daily Bugle', '--newsroom-url', 'https://bugle.example');
    expect(set.json).toEqual({ editorName: 'Ana Ruiz', newsroomName: 'Daily Bugle', newsroomUrl: 'https://bugle.example' });
    // Only what is given changes.
    const one = await factdesk('--store', own, 'settings', '--newsroom', 'The Bugle');
    expect(one.json).toEqual({ editorName: 'Ana Ruiz', newsroomName: 'The Bugle', newsroomUrl: 'https://bugle.example' });
    expect((await factdesk('--store', own, 'settings')).json).toEqual(one.json);

    const bad = await factdesk('--store', own, 'settings', '--newsroom-url', 'javascript:alert(1)');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('factdesk: --newsroom-url must be an http:// or https:// link.\n');

    const id = (await factdesk('--store', own, 'import', SAMPLE)).json.id as string;
    const marked = await factdesk('--store', own, 'mark', id, '2', '--verdict', 'false');
    expect(marked.json.checkedBy).toBe('Ana Ruiz');
    // ClaimReview needs the newsroom: a script can now export it (the verdict is not signed off
    // yet, and ClaimReview publishes only signed-off verdicts unless told otherwise).
    const out = path.join(dir, 'claims.json');
    const exported = await factdesk('--store', own, 'export', id, '--format', 'claimreview', '--include-unsigned', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('The Bugle');
  });

  it('signs off a verdict as a second editor, never as the one who gave it', async () => {
    const id = (await factdesk('--store', own, 'list')).json[0].id as string;
    const own1 = await factdesk('--store', own, 'sign-off', id, '2');
    expect(own1.code).toBe(1);
    expect(own1.stderr).toBe('factdesk: Ana Ruiz gave this verdict; a second editor must sign it off.\n');
    expect((await factdesk('--store', own, 'show', id)).json.statements[1].review).toBeNull();

    await factdesk('--store', own, 'settings', '--editor', 'Ben Cho');
    const signed = await factdesk('--store', own, 'sign-off', id, '2');
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.json.review).toMatchObject({ by: 'Ben Cho' });
    expect((await factdesk('--store', own, 'show', id)).json.statements[1].review).toMatchObject({ by: 'Ben Cho' });

    const unchecked = await factdesk('--store', own, 'sign-off', id, '3');
    expect(unchecked.code).toBe(1);
    expect(unchecked.stderr).toBe('factdesk: Give the statement a verdict before signing it off.\n');
    const usage = await factdesk('--store', own, 'sign-off', id);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('factdesk: Usage: factdesk sign-off ID INDEX\n');
  });

  it('takes ids that begin with "-" as they are, and after "--"', async () => {
    // A store from before ids stopped beginning with "-": rename one article's id.
    const store = path.join(dir, 'dash');
    const old = (await factdesk('--store', store, 'import', SAMPLE)).json.id as string;
    const id = `-x${old.slice(2)}`;
    for (const name of await readdir(store, { recursive: true })) {
      const file = path.join(store, name);
      if (/\.bak\d$/.test(name)) await rm(file);
      else if (name.endsWith('.json')) await writeFile(file, (await readFile(file, 'utf8')).replaceAll(old, id));
    }
    await rename(path.join(store, 'articles', `${old}.json`), path.join(store, 'articles', `${id}.json`));

    const shown = await factdesk('--store', store, 'show', id);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json.id).toBe(id);
    expect((await factdesk('--store', store, 'show', '--', id)).json.id).toBe(id);
    const marked = await factdesk('--store', store, 'mark', id, '1', '--verdict', 'verified');
    expect(marked.code, marked.stderr).toBe(0);
    expect((await factdesk('--store', store, 'show', id)).json.statements[0].verdict).toBe('verified');
    // An option-shaped word that is not an id form is still an unknown option.
    expect((await factdesk('--store', store, 'show', '-x')).code).toBe(2);
  });

  it('imports a web page by its address, refusing other schemes and pages with no article', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE_HTML);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
      // This computer is not the public web: refused unless the command is told otherwise.
      const refused = await factdesk('--store', own, 'import', url);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        "factdesk: 127.0.0.1 is on this computer or the newsroom's own network, not the public web. Factdesk opens such a link only when you allow it.\n",
      );
      const imported = await factdesk('--store', own, 'import', url, '--allow-private-network');
      expect(imported.code, imported.stderr).toBe(0);
      const shown = await factdesk('--store', own, 'show', imported.json.id);
      expect(shown.json.url).toBe(url);
      expect(shown.json.text).toContain('The council voted 7-2 on Tuesday');
    } finally {
      server.close();
    }
    const before = (await factdesk('--store', own, 'list')).json.length;
    const page = path.join(ROOT, 'services/import/fixtures/nav-only.html');
    const refused = await factdesk('--store', own, 'import', page);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'factdesk: No article text found in nav-only.html: the page has no article Factdesk can read. Copy the text from your browser and paste it instead.\n',
    );
    expect((await factdesk('--store', own, 'list')).json).toHaveLength(before);
    const ftp = await factdesk('--store', own, 'import', 'ftp://example.com/a.html');
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toMatch(/^factdesk: import takes a file or an http:\/\/ or https:\/\/ address/);
  });
});

// Each step starts the built command afresh: seconds apiece on a busy machine.
describe('factdesk covers the library, editing and search', { timeout: 180_000 }, () => {
  let store: string;
  let id: string;
  beforeAll(async () => {
    store = path.join(dir, 'library');
    id = (await factdesk('--store', store, 'import', SAMPLE)).json.id;
  });

  it('changes the article details, and refuses a bad date', async () => {
    const edited = await factdesk('--store', store, 'edit', id, '--outlet', 'The Hollywood Reporter', '--published', '2026-01-02');
    expect(edited.code, edited.stderr).toBe(0);
    const shown = (await factdesk('--store', store, 'show', id)).json;
    expect(shown).toMatchObject({ outlet: 'The Hollywood Reporter', publishedAt: '2026-01-02' });
    const bad = await factdesk('--store', store, 'edit', id, '--published', '02/01/2026');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('factdesk: --published must be a date as YYYY-MM-DD.\n');
    expect((await factdesk('--store', store, 'edit', id)).code).toBe(2);
  });

  it('splits a statement and merges it back', async () => {
    const first = (await factdesk('--store', store, 'show', id)).json.statements[0].text as string;
    const split = await factdesk('--store', store, 'split', id, '1', '--at', '10');
    expect(split.code, split.stderr).toBe(0);
    expect(split.json.map((s: { text: string }) => s.text)).toEqual([first.slice(0, 9), first.slice(10)]);
    expect((await factdesk('--store', store, 'show', id)).json.statements).toHaveLength(20);
    const merged = await factdesk('--store', store, 'merge', id, '1');
    expect(merged.json.text).toBe(first);
    expect((await factdesk('--store', store, 'show', id)).json.statements).toHaveLength(19);
  });

  it('replaces the text, keeping the verdicts of sentences edited out as orphaned', async () => {
    await factdesk('--store', store, 'mark', id, '19', '--verdict', 'verified');
    const text = (await readFile(SAMPLE, 'utf8')).replace(/\r\n?/g, '\n').trim();
    const lastSentence = (await factdesk('--store', store, 'show', id)).json.statements[18].text as string;
    const file = path.join(dir, 'shorter.txt');
    await writeFile(file, text.replace(lastSentence, '').trim());
    const edited = await factdesk('--store', store, 'edit-text', id, file);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.json).toMatchObject({ id, statements: 18, orphaned: 1 });
  });

  it('searches the library with the app\'s filters', async () => {
    await factdesk('--store', store, 'mark', id, '5', '--verdict', 'false');
    const hits = await factdesk('--store', store, 'search', 'Netflix', '--verdict', 'false');
    expect(hits.code, hits.stderr).toBe(0);
    expect(hits.json).toEqual([expect.objectContaining({ articleId: id, index: 5, verdict: 'false' })]);
    expect((await factdesk('--store', store, 'search', 'Netflix')).json.length).toBeGreaterThan(1);
    expect((await factdesk('--store', store, 'search', '--review', 'maybe')).code).toBe(2);
  });

  it('moves an article to the trash and back', async () => {
    const deleted = await factdesk('--store', store, 'delete', id);
    expect(deleted.json).toEqual({ deleted: id });
    expect((await factdesk('--store', store, 'list')).json).toEqual([]);
    expect((await factdesk('--store', store, 'trash')).json).toEqual([expect.objectContaining({ id })]);
    const restored = await factdesk('--store', store, 'restore', id);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await factdesk('--store', store, 'list')).json).toEqual([expect.objectContaining({ id })]);
  });

  it('attaches a web page as a source by its address', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE_HTML);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
      // A page on this computer is refused unless the script says it means it, as for import.
      const refused = await factdesk('--store', store, 'attach', id, url);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('127.0.0.1 is on this computer or the newsroom');
      const attached = await factdesk('--store', store, 'attach', id, url, '--allow-private-network');
      expect(attached.code, attached.stderr).toBe(0);
      expect(attached.json).toMatchObject({ kind: 'url', url });
    } finally {
      server.close();
    }
  });
});

const ARTICLE_HTML = `<!doctype html><html><head><title>Council backs plan | Bugle</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council backs housing plan</h1>
<p>The council voted 7-2 on Tuesday to approve the riverside housing plan, ending a debate that ran for two years.</p>
<p>Mayor Dana Lee said the plan would bring 1,200 homes by 2030. Two members, citing flood risk, voted against it.</p>
<p>Construction is expected to begin in the spring, according to the city's planning office.</p>
</article><footer>© 2026 Bugle</footer></body></html>`;
