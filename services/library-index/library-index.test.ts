import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { segment } from '../segment';
import { Store } from '../../store/store';
import { INDEX_DIR, LibraryIndex } from './library-index';
import { parseClaimReviews } from './claimreview';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-index-'));
  store = await Store.open(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const article = (text: string, title = 'Story') =>
  store.create({ text, title, outlet: '', author: '', url: '', publishedAt: '' }, segment(text));

async function reopen(): Promise<LibraryIndex> {
  await store.close();
  store = await Store.open(dir);
  return new LibraryIndex(store);
}

describe('earlier checks', () => {
  it('finds a checked claim restated in another article, and nothing for an unrelated claim', async () => {
    const index = new LibraryIndex(store);
    const first = await article('The streaming series ran nine episodes, the network said. The mayor opened a new bridge.');
    await store.mark(first.id, first.statements[0]!.id, { verdict: 'false' }, 'Ana');
    const second = await article('The network confirmed the streaming series ran for 10 episodes. Rainfall in July was above average.');

    const found = await index.similar(second.statements[0]!.text, second.id, 5);
    expect(found.map((m) => m.record.text)).toEqual([first.statements[0]!.text]);
    expect(found[0]!.score).toBeGreaterThan(0.5);
    expect(await index.similar(second.statements[1]!.text, second.id, 5)).toEqual([]);
    // An unchecked statement is no earlier check, and a statement is no earlier check of its own article.
    expect(await index.similar(first.statements[1]!.text, second.id, 5)).toEqual([]);
    expect(await index.similar(first.statements[0]!.text, first.id, 5)).toEqual([]);
  });

  it('follows changes as they are saved: a new verdict, a deleted article', async () => {
    const index = new LibraryIndex(store);
    await index.open();
    const first = await article('Unemployment in the region fell to 4.1 percent in March.');
    const claim = 'Regional unemployment fell to 4.1 percent in March, the minister said.';
    expect(await index.similar(claim, 'other', 5)).toEqual([]);
    await store.mark(first.id, first.statements[0]!.id, { verdict: 'verified' }, 'Ana');
    expect(await index.similar(claim, 'other', 5)).toHaveLength(1);
    await store.delete(first.id);
    expect(await index.similar(claim, 'other', 5)).toEqual([]);
    await store.restore(first.id);
    await expect.poll(async () => (await index.similar(claim, 'other', 5)).length).toBe(1);
  });

  it('follows articles that arrive from a connected desk', async () => {
    const index = new LibraryIndex(store);
    await index.open();
    const local = await article('Bus fares in the city rose by 12 percent in January.');
    const arriving = { ...local, id: 'fromTheDesk1', statements: local.statements.map((s) => ({ ...s, id: `${s.id}x`, verdict: 'false' as const })) };
    await store.applyFromDesk(arriving.id, () => arriving);
    const found = await index.similar('In January, city bus fares rose 12 percent.', local.id, 5);
    expect(found.map((m) => (m.record as { articleId: string }).articleId)).toEqual(['fromTheDesk1']);
  });

  it('plain BM25 always offers its least bad match; the threshold does not', async () => {
    const index = new LibraryIndex(store);
    const a = await article('The council approved a budget of 3 million dollars for road repairs.');
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' }, 'Ana');
    const unrelated = 'The council will repair the town hall roof next spring.';
    expect(await index.bm25(unrelated, 'other', 3)).toHaveLength(1);
    expect(await index.similar(unrelated, 'other', 3)).toEqual([]);
  });

  it('matches other publishers’ checks too, kept apart as published', async () => {
    const index = new LibraryIndex(store);
    const html = await readFile(path.join(import.meta.dirname, 'fixtures/politifact-style.html'), 'utf8');
    await store.addPublishedChecks(await parseClaimReviews(html, 'page.html'));
    const found = await index.similar('The bus fleet of the city doubled to 420 buses in two years.', 'any', 5);
    expect(found).toHaveLength(1);
    expect(found[0]!.record).toMatchObject({ kind: 'published', publisher: 'Example Truth-O-Meter', rating: 'Mostly False' });
  });
});

describe('stored with the library', () => {
  it('is read from its file on the next opening, without reading the articles again', async () => {
    const a = await article('Prices rose 3 percent in May.');
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' }, 'Ana');
    expect((await new LibraryIndex(store).open()).from).toBe('rebuilt');
    const index = await reopen();
    expect(await index.open()).toMatchObject({ from: 'file', reread: 0 });
    expect(await index.similar('In May prices rose by 3 percent.', 'other', 5)).toHaveLength(1);
  });

  it('reads again only the articles changed after the file was written', async () => {
    const a = await article('Prices rose 3 percent in May.');
    const b = await article('Wages rose 2 percent in June.');
    await new LibraryIndex(store).open();
    await store.close();
    // Another session changes an article without the index following (it ended before saving it).
    store = await Store.open(dir);
    await store.mark(b.id, b.statements[0]!.id, { verdict: 'false' }, 'Ana');
    const index = await reopen();
    expect(await index.open()).toMatchObject({ from: 'file', reread: 1 });
    expect(await index.similar('Wages rose 2 percent in June.', a.id, 5)).toHaveLength(1);
  });

  it('is rebuilt when its file is damaged or missing, and says why', async () => {
    const a = await article('Prices rose 3 percent in May.');
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' }, 'Ana');
    await new LibraryIndex(store).open();
    await store.close();
    const folder = path.join(dir, INDEX_DIR);
    const [written] = (await readdir(folder)).filter((f) => f.startsWith('part-'));
    const file = path.join(folder, written!);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));
    store = await Store.open(dir);
    let index = new LibraryIndex(store);
    expect(await index.open()).toMatchObject({ from: 'rebuilt', reason: expect.stringMatching(/^damaged/) });
    expect(await index.similar('In May prices rose by 3 percent.', 'other', 5)).toHaveLength(1);
    await index.save(); // the rebuilt index is written behind: let it land before removing it
    await rm(folder, { recursive: true });
    index = await reopen();
    expect(await index.open()).toMatchObject({ from: 'rebuilt', reason: 'missing' });
    expect(await index.similar('In May prices rose by 3 percent.', 'other', 5)).toHaveLength(1);
  });
});

describe('library search', () => {
  it('finds words by their start in statements, quotes, sources and notes, with filters', async () => {
    const index = new LibraryIndex(store);
    const a = await article('The bank held rates at 4.5 percent. Lending slowed.');
    await store.mark(a.id, a.statements[1]!.id, { verdict: 'verified', note: 'See the lending survey', sources: [] }, 'Ana');
    const hits = await index.search({ text: 'lend' });
    expect(hits.map((h) => [h.index, h.field]).sort()).toEqual([[2, 'statement']]);
    expect((await index.search({ text: 'survey' }))[0]).toMatchObject({ index: 2, field: 'note', snippet: 'See the lending survey' });
    expect(await index.search({ text: 'rates', verdict: 'verified' })).toEqual([]);
    expect(await index.search({ text: '', editor: 'ana' })).toHaveLength(1);
    expect(await index.search({ text: 'rates lending' })).toEqual([]); // every word must be there
    // Words in any order, the last one as it is being typed.
    expect((await index.search({ text: 'held bank 4.5 perc' })).map((h) => h.index)).toEqual([1]);
    expect(await index.search({ text: 'held bank perx' })).toEqual([]);
  });
});

describe('at a newsroom’s scale (issue 16)', () => {
  it('answers a search while it opens at once with how far it has got, when asked not to wait; then from the whole library', async () => {
    const a = await article('The bank held rates at 4.5 percent.');
    await new LibraryIndex(store).open();
    let index = await reopen();
    await index.open(); // written, now opened from its parts
    await store.close();
    store = await Store.open(dir);
    index = new LibraryIndex(store, { waitWhileOpening: false });
    await expect(index.search({ text: 'rates' })).rejects.toMatchObject({ code: 'loading', message: expect.stringMatching(/^The search index is still loading \((starting|\d+ of 33 parts read|[\d,]+ of [\d,]+ articles read again)\); the search runs as soon as it is ready\.$/) });
    await index.open();
    expect((await index.search({ text: 'rates' })).map((h) => h.articleId)).toEqual([a.id]);
  });

  it('gives the error that stopped it opening, not "loading" for ever', async () => {
    const index = new LibraryIndex(store, { waitWhileOpening: false });
    const list = vi.spyOn(store, 'list').mockImplementation(() => {
      throw new Error('The library could not be read');
    });
    await expect(index.open()).rejects.toThrow('could not be read');
    await expect(index.search({ text: 'rates' })).rejects.toThrow('could not be read');
    list.mockRestore();
  });

  it('lets the process answer while it reads its parts', async () => {
    for (let i = 0; i < 12; i++) await article(`Story ${i} says the council spent ${i} million on roads.`);
    await new LibraryIndex(store).open();
    const index = await reopen();
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const opened = await index.open();
    clearInterval(ticking);
    expect(opened).toMatchObject({ from: 'file', reread: 0 });
    // A timer ran between parts: the process was not held for the whole opening.
    expect(turns).toBeGreaterThan(0);
  });

  it('writes only the parts whose articles changed', async () => {
    const articles = [];
    for (let i = 0; i < 12; i++) articles.push(await article(`Story ${i} says the council spent ${i} million on roads.`));
    const index = new LibraryIndex(store);
    await index.open();
    await index.save();
    const folder = path.join(dir, INDEX_DIR);
    const before = new Map<string, number>();
    for (const f of await readdir(folder)) before.set(f, (await stat(path.join(folder, f))).mtimeMs);
    expect([...before.keys()].filter((f) => f.startsWith('part-')).length).toBeGreaterThan(3);
    await new Promise((r) => setTimeout(r, 20));
    await store.mark(articles[5]!.id, articles[5]!.statements[0]!.id, { verdict: 'false' }, 'Ana');
    await index.save();
    const rewritten = [];
    for (const f of await readdir(folder)) if ((await stat(path.join(folder, f))).mtimeMs !== before.get(f)) rewritten.push(f);
    expect(rewritten).toHaveLength(1);
    expect(rewritten[0]).toMatch(/^part-\d\d\.json$/);
  });

  it('lists hits in the library’s order, newest article first and statements in order', async () => {
    const older = await article('Rates rose. Nothing else. Rates fell again.');
    const newer = await article('Rates held.');
    const index = new LibraryIndex(store);
    expect((await index.search({ text: 'rates' })).map((h) => [h.articleId, h.index])).toEqual([
      [newer.id, 1],
      [older.id, 1],
      [older.id, 3],
    ]);
  });

  it('stays right after many changes, when a part is renumbered on saving and read back', async () => {
    const a = await article('The bus fleet doubled to 420 buses. Fares rose by 12 percent in January.');
    const b = await article('Ridership fell in the winter.');
    let index = new LibraryIndex(store);
    await index.open();
    for (let i = 0; i < 8; i++) await store.mark(a.id, a.statements[1]!.id, { verdict: i % 2 ? 'false' : 'verified', note: `Checked ${i} times` }, 'Ana');
    await store.delete(b.id);
    await index.save(); // renumbers the part: most of its record numbers are gaps now
    const answersRight = async (index: LibraryIndex) => {
      expect(await index.search({ text: 'fares' })).toEqual([expect.objectContaining({ articleId: a.id, index: 2, verdict: 'false', field: 'statement' })]);
      expect((await index.search({ text: 'times 7' }))[0]).toMatchObject({ index: 2, field: 'note', snippet: 'Checked 7 times' });
      expect(await index.search({ text: 'ridership' })).toEqual([]);
      const found = await index.similar('Fares rose 12 percent in January, the council said.', 'other', 5);
      expect(found.map((m) => m.record.text)).toEqual([a.statements[1]!.text]);
      expect(index.size).toBe(2);
    };
    await answersRight(index);
    index = await reopen();
    expect(await index.open()).toMatchObject({ from: 'file', reread: 0 });
    await answersRight(index);
  });

  it('removes the single file of earlier versions once its parts are written', async () => {
    await article('Prices rose 3 percent in May.');
    await writeFile(path.join(dir, 'search-index.json'), '{"format":"factdesk-search-index","version":2}\n{}');
    const index = new LibraryIndex(store);
    expect(await index.open()).toMatchObject({ from: 'rebuilt', reason: 'missing' });
    await index.save();
    await expect(stat(path.join(dir, 'search-index.json'))).rejects.toThrow();
    expect(await readdir(path.join(dir, INDEX_DIR))).toContain('index.json');
  });
});
