/** Issue 14 in the store: public explanation, internal note, claimant, corrections, fact-check URL. */
import { promises as fs } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleArticle, tempDir } from './fixtures/helpers';
import { Store } from './store';

let dir: string;
let store: Store;
let clock = Date.parse('2026-11-25T09:00:00Z');
const now = () => new Date(clock);

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir, { now });
});
afterEach(async () => {
  await store.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function article() {
  const { input, sentences } = sampleArticle(2);
  return store.create(input, sentences);
}

describe('explanation, note and claimant', () => {
  it('are kept apart, recorded in the history and saved across a restart', async () => {
    const a = await article();
    const sid = a.statements[0]!.id;
    await store.mark(a.id, sid, { verdict: 'false', explanation: 'The budget shows 4%.', note: 'Ask the desk.', claimant: 'Nicole Yorkin' }, 'Ana');
    await store.close();
    store = await Store.open(dir, { now });
    const s = (await store.get(a.id)).statements[0]!;
    expect(s).toMatchObject({ explanation: 'The budget shows 4%.', note: 'Ask the desk.', claimant: 'Nicole Yorkin' });
    expect(s.history.map((h) => h.field)).toEqual(['verdict', 'explanation', 'note', 'claimant']);
  });

  it('records the URL of the published fact-check on the article', async () => {
    const a = await article();
    expect(a.factCheckUrl).toBe('');
    await store.updateMeta(a.id, { factCheckUrl: 'https://bugle.example/checks/budget' });
    await store.close();
    store = await Store.open(dir, { now });
    expect((await store.get(a.id)).factCheckUrl).toBe('https://bugle.example/checks/budget');
  });
});

describe('corrections', () => {
  it('record the day, what changed and why with the verdict before and after; a new verdict needs a new sign-off', async () => {
    const a = await article();
    const sid = a.statements[0]!.id;
    await store.mark(a.id, sid, { verdict: 'false' }, 'Ana');
    await store.signOff(a.id, sid, 'Ben');
    clock += 86_400_000;
    const corrected = await store.correct(
      a.id,
      sid,
      { date: '2026-11-26', verdict: 'misleading', change: 'Rated Misleading, not False.', reason: 'The council sent the final budget.' },
      'Cleo',
    );
    expect(corrected).toMatchObject({ verdict: 'misleading', checkedBy: 'Cleo', review: null });
    expect(corrected.corrections).toEqual([
      {
        date: '2026-11-26',
        verdictBefore: 'false',
        verdict: 'misleading',
        change: 'Rated Misleading, not False.',
        reason: 'The council sent the final budget.',
        by: 'Cleo',
        at: new Date(clock).toISOString(),
      },
    ]);
    expect(corrected.history.at(-1)).toMatchObject({ field: 'correction', before: 'False', after: 'Misleading: Rated Misleading, not False.' });
  });

  it('keep the verdict and its sign-off when only the explanation was corrected', async () => {
    const a = await article();
    const sid = a.statements[0]!.id;
    await store.mark(a.id, sid, { verdict: 'false' }, 'Ana');
    await store.signOff(a.id, sid, 'Ben');
    const corrected = await store.correct(a.id, sid, { date: '2026-11-26', verdict: 'false', change: 'Year fixed.', reason: 'Typo.' }, 'Cleo');
    expect(corrected).toMatchObject({ verdict: 'false', checkedBy: 'Ana', review: { by: 'Ben' } });
    expect(corrected.corrections).toHaveLength(1);
  });

  it('are refused on a statement that was never given a verdict', async () => {
    const a = await article();
    await expect(
      store.correct(a.id, a.statements[0]!.id, { date: '2026-11-26', verdict: 'false', change: 'x', reason: 'y' }, 'Cleo'),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('Only a statement with a published verdict') });
    expect((await store.get(a.id)).statements[0]!.corrections).toEqual([]);
  });
});
