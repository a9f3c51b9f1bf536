/**
 * Property tests for the store's readers: an article file or the library index replaced by
 * random bytes, cut-off JSON, or valid JSON with any part swapped for something else. Opening
 * the store and reading the article must either work (returning a valid article) or fail with
 * a UserError the editor can read; never a raw exception. Whatever was on disk is never
 * deleted: a damaged file is moved aside (damaged/), not removed, and a read-only open leaves
 * it exactly where it was.
 */
import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../store/errors';
import { ArticleSchema } from '../../domain/schema';
import { Store } from '../../store/store';
import { emptySource } from '../../domain/verdicts';
import { PAYLOADS } from './hostile-corpus';

let root: string;
let template: string;
let articleId: string;
let otherId: string;
let validArticle: unknown;
let validLibrary: unknown;
let run = 0;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'factdesk-fuzz-store-'));
  template = path.join(root, 'template');
  const store = await Store.open(template, { durable: false });
  const a = await store.create(
    { text: 'Headline\n\nOne claim. Two claims.', title: 'Headline', outlet: 'Bugle', author: '', url: '', publishedAt: '' },
    [
      { start: 0, end: 8, text: 'Headline' },
      { start: 10, end: 20, text: 'One claim.' },
      { start: 21, end: 32, text: 'Two claims.' },
    ],
  );
  // Two changes, so the article has backups to fall back on.
  await store.mark(a.id, a.statements[1]!.id, { verdict: 'verified', sources: [{ ...emptySource(), quote: PAYLOADS[1]!.text }] });
  await store.mark(a.id, a.statements[2]!.id, { verdict: 'false', note: PAYLOADS[0]!.text });
  const b = await store.create({ text: 'Other.', title: 'Other', outlet: '', author: '', url: '', publishedAt: '' }, [{ start: 0, end: 6, text: 'Other.' }]);
  await store.close();
  articleId = a.id;
  otherId = b.id;
  validArticle = JSON.parse(await fs.readFile(path.join(template, 'articles', `${a.id}.json`), 'utf8'));
  validLibrary = JSON.parse(await fs.readFile(path.join(template, 'library.json'), 'utf8'));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`, so that a mutation can pick any of them. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, item] of Object.entries(value)) out.push(...paths(item, [...prefix, k]));
  return out;
}

function replaceAt(value: unknown, at: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (!at.length) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = at;
  if (!rest.length && remove) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1);
    else delete copy[head!];
  } else {
    copy[head!] = replaceAt(copy[head!], rest, replacement, remove);
  }
  return copy;
}

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 1.5, 2 ** 53, 1e308, '', 'x'.repeat(600), '2024-13-45', 'javascript:alert(1)', '../../etc', null, [], {}),
  fc.constantFrom(...PAYLOADS.map((p) => p.text)),
);

/** The text written in place of a good file. */
function mutatedText(valid: unknown): fc.Arbitrary<string | Uint8Array> {
  const text = JSON.stringify(valid);
  const all = paths(valid);
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.constantFrom(...all), odd, fc.boolean()).map(([at, replacement, remove]) => JSON.stringify(replaceAt(valid, at, replacement, remove))),
    fc.array(fc.tuple(fc.constantFrom(...all), odd, fc.boolean()), { minLength: 2, maxLength: 6 }).map((edits) =>
      JSON.stringify(edits.reduce((acc, [at, r, rm]) => (paths(acc).some((p) => p.join('/') === at.join('/')) ? replaceAt(acc, at, r, rm) : acc), valid)),
    ),
    fc.jsonValue({ maxDepth: 3 }).map((j) => JSON.stringify(j as Json)),
    fc.constantFrom('', ' ', '\u0000'.repeat(64), '{', '[]', 'null', '"x"', '['.repeat(20_000), `{"version":999,"article":{}}`, '\ufeff{}'),
  );
}

async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(path.relative(dir, file), await fs.readFile(file));
    }
  }
  return out;
}

async function openAndRead(dir: string, readOnly: boolean): Promise<void> {
  let store: Store | null = null;
  try {
    store = await Store.open(dir, { durable: false, readOnly, by: 'the fuzz test' });
    expect(Array.isArray(store.list())).toBe(true);
    for (const id of [articleId, otherId]) {
      try {
        const article = await store.get(id);
        expect(v.safeParse(ArticleSchema, article).success).toBe(true);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
      }
    }
  } catch (err) {
    if (!(err instanceof UserError)) throw new Error(`a raw ${(err as Error)?.name} escaped: ${(err as Error)?.message}`);
  } finally {
    await store?.close();
  }
}

async function property(target: 'article' | 'library', content: string | Uint8Array, readOnly: boolean, dropBackups: boolean) {
  const dir = path.join(root, `run-${run++}`);
  await fs.cp(template, dir, { recursive: true });
  const file = target === 'article' ? path.join(dir, 'articles', `${articleId}.json`) : path.join(dir, 'library.json');
  if (dropBackups) for (const g of [1, 2]) await fs.rm(`${file}.bak${g}`, { force: true });
  await fs.writeFile(file, content);
  const written = Buffer.from(content);
  const before = await filesUnder(dir);

  await openAndRead(dir, readOnly);

  const after = await filesUnder(dir);
  const relTarget = path.relative(dir, file);
  // What was written is still on disk, in place or moved aside.
  expect([...after.values()].some((b) => b.equals(written)), 'the written file is gone').toBe(true);
  if (readOnly) expect(after.get(relTarget)?.equals(written), 'a read-only open changed the file').toBe(true);
  // The other article, and the damaged file's backups, are never removed.
  expect(after.has(path.join('articles', `${otherId}.json`))).toBe(true);
  for (const [name, bytes] of before) {
    if (name === relTarget || name.startsWith('library.json')) continue;
    expect([...after.values()].some((b) => b.equals(bytes)), `${name} is gone`).toBe(true);
  }
  await fs.rm(dir, { recursive: true, force: true });
}

describe('the store reading damaged files (property)', () => {
  it('opens or refuses with a UserError, and never deletes an article file', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(validArticle), fc.boolean(), fc.boolean(), (content, readOnly, dropBackups) =>
        property('article', content, readOnly, dropBackups),
      ),
      { numRuns: 120 },
    );
  });

  it('opens or refuses with a UserError when the library index is damaged', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(validLibrary), fc.boolean(), (content, readOnly) => property('library', content, readOnly, false)),
      { numRuns: 80 },
    );
  });
});
