/**
 * Kill -9 at a random moment, many times over, on the same store: every file must still parse
 * and every change the child acknowledged must be there.
 *
 * SIGKILL ends the process, not the machine: the kernel's page cache survives it, so this proves
 * the ordering and atomicity of the writes (temp file + rename, per-article queue, index
 * rebuilt after an unclean end), not the fsyncs. Those are for power cuts, which a test cannot
 * cause; the NUL-filled-file case in store/recovery.test.ts covers what a power cut leaves.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArticleFileSchema, LibraryFileSchema } from '../../store/file-schemas';
import { LOCK_FILE } from '../../store/lock';
import { Store } from '../../store/store';
import { filesIn, sampleArticle, tempDir } from '../../store/fixtures/helpers';
import { startChild, verdictFor } from './protocol';

const KILLS = 32;
const ARTICLES = 3;
const STATEMENTS = 8;

let dir: string;

beforeAll(async () => {
  dir = await tempDir('factdesk-crash-');
  const store = await Store.open(dir);
  for (let i = 0; i < ARTICLES; i++) {
    const { input, sentences } = sampleArticle(STATEMENTS, `Article ${i}`);
    await store.create(input, sentences);
  }
  await store.close();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every store file on disk parses and passes its schema, backups included. Temp files may be torn. */
async function expectEveryFileParses(): Promise<void> {
  const check = async (file: string, schema: v.GenericSchema) => {
    const text = await fs.readFile(file, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} does not parse after a kill: ${(err as Error).message}\n${text.slice(0, 200)}`);
    }
    const result = v.safeParse(schema, raw);
    if (!result.success) throw new Error(`${file} fails the schema after a kill: ${result.issues[0]?.message}`);
  };
  for (const name of await filesIn(dir)) {
    if (/^library\.json(\.bak\d)?$/.test(name)) await check(path.join(dir, name), LibraryFileSchema);
  }
  for (const folder of ['articles', 'trash']) {
    for (const name of await filesIn(path.join(dir, folder))) {
      if (/\.json(\.bak\d)?$/.test(name)) await check(path.join(dir, folder, name), ArticleFileSchema);
    }
  }
  expect(await filesIn(path.join(dir, 'damaged'))).toEqual([]);
}

it(
  `survives ${KILLS} kills -9 in a row with every acknowledged change on disk`,
  async () => {
    /** The highest acknowledged value per statement id and per article id (titles), over all runs. */
    const acked = new Map<string, number>();
    const titles = new Map<string, number>();
    let runsWithAcks = 0;
    let totalAcks = 0;

    for (let run = 0; run < KILLS; run++) {
      const child = startChild('mark', dir, run * 1_000_000);
      await child.ready;
      const delay = 20 + Math.floor(Math.random() * 281);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.process.kill('SIGKILL');
      const { signal } = await child.exited;
      expect(signal, `child died on its own: ${child.stderr()}`).toBe('SIGKILL');
      expect(child.stderr()).toBe('');

      let acksThisRun = 0;
      for (const line of child.lines) {
        const [kind, id, value] = line.split(' ');
        if (kind === 'ack') acked.set(id!, Number(value));
        else if (kind === 'ack-title') titles.set(id!, Number(value));
        else continue;
        acksThisRun++;
      }
      totalAcks += acksThisRun;
      if (acksThisRun) runsWithAcks++;

      await expectEveryFileParses();
      // The child died holding the lock.
      expect(JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(child.process.pid);

      const store = await Store.open(dir); // takes over the stale lock and rebuilds the index
      try {
        expect(store.notices, `run ${run} after ${delay} ms`).toEqual([]);
        const summaries = store.list();
        expect(summaries).toHaveLength(ARTICLES);
        for (const summary of summaries) {
          const article = await store.get(summary.id);
          for (const s of article.statements) {
            const last = acked.get(s.id);
            if (last === undefined) continue;
            const onDisk = Number(s.note);
            // At least the last acknowledged value; more if a later write landed but was not acked yet.
            expect(onDisk, `statement ${s.id}, run ${run} after ${delay} ms`).toBeGreaterThanOrEqual(last);
            expect(s.verdict).toBe(verdictFor(onDisk));
          }
          const lastTitle = titles.get(article.id);
          if (lastTitle !== undefined) expect(Number(article.title.replace('Title ', ''))).toBeGreaterThanOrEqual(lastTitle);
          // The rebuilt index agrees with the article files.
          expect(summary).toMatchObject({
            title: article.title,
            statementCount: STATEMENTS,
            checkedCount: article.statements.filter((s) => s.verdict !== 'unchecked').length,
          });
        }
      } finally {
        await store.close();
      }
      // Temp files of cut-short writes do not pile up: the takeover cleaned them.
      expect((await filesIn(path.join(dir, 'articles'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }

    // The kills must have landed while changes were being made, not before the first one.
    expect(runsWithAcks).toBeGreaterThanOrEqual(KILLS / 2);
    expect(totalAcks).toBeGreaterThan(KILLS * 5);
    console.log(`crash test: ${KILLS} kills, ${totalAcks} acknowledged changes checked, ${runsWithAcks} runs with acks`);
  },
  90_000,
);
