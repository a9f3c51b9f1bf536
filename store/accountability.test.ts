/** Issue 5 in the store: who changed what, sign-off by a second editor, source documents, settings. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleArticle, tempDir } from './fixtures/helpers';
import { Store } from './store';
import { emptySource } from '../domain/verdicts';

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

async function article(count = 2) {
  const { input, sentences } = sampleArticle(count);
  return store.create(input, sentences);
}

describe('history', () => {
  it('records who changed the verdict, the note and the sources, before and after', async () => {
    const a = await article();
    const sid = a.statements[0]!.id;
    await store.mark(a.id, sid, { verdict: 'verified' }, 'Ana');
    clock += 60_000;
    await store.mark(a.id, sid, { verdict: 'false', note: 'Budget says 4%' }, 'Ben');
    await store.mark(a.id, sid, { sources: [{ ...emptySource(), quote: 'rose 4%', title: 'Budget' }] }, 'Ben');
    const s = (await store.get(a.id)).statements[0]!;
    expect(s.history.map((h) => [h.by, h.field, h.before, h.after])).toEqual([
      ['Ana', 'verdict', 'Unchecked', 'Verified'],
      ['Ben', 'verdict', 'Verified', 'False'],
      ['Ben', 'note', '', 'Budget says 4%'],
      ['Ben', 'sources', '', 'supports: “rose 4%” Budget'],
    ]);
    expect(s).toMatchObject({ checkedBy: 'Ben', checkedAt: new Date(clock).toISOString() });
  });

  it('merges typing into one field by one editor into one entry', async () => {
    const a = await article();
    const sid = a.statements[0]!.id;
    for (const note of ['B', 'Bu', 'Budget']) await store.mark(a.id, sid, { note }, 'Ana');
    const s = (await store.get(a.id)).statements[0]!;
    expect(s.history).toEqual([expect.objectContaining({ field: 'note', before: '', after: 'Budget' })]);
  });
});

describe('sign-off', () => {
  it('needs a verdict, a name and a second editor, and makes the article ready to publish', async () => {
    const a = await article(2);
    const [s1, s2] = a.statements.map((s) => s.id) as [string, string];
    await expect(store.signOff(a.id, s1, 'Ben')).rejects.toThrow('Give the statement a verdict before signing it off.');
    await store.mark(a.id, s1, { verdict: 'verified' }, 'Ana');
    await expect(store.signOff(a.id, s1, '')).rejects.toThrow('Set your name in Settings before signing off.');
    await expect(store.signOff(a.id, s1, 'Ana')).rejects.toThrow('Ana gave this verdict; a second editor must sign it off.');
    const signed = await store.signOff(a.id, s1, 'Ben');
    expect(signed.review).toEqual({ by: 'Ben', at: now().toISOString() });
    expect(store.list()[0]).toMatchObject({ reviewedCount: 1, readyToPublish: false });

    await store.mark(a.id, s2, { verdict: 'opinion' }, 'Ana');
    await expect(store.signOff(a.id, s2, 'Ben')).rejects.toThrow('Opinion needs no sign-off.');
    expect(store.list()[0]).toMatchObject({ checkedCount: 2, readyToPublish: true });

    // A new verdict is a new claim: the sign-off goes, and so does "ready".
    await store.mark(a.id, s1, { verdict: 'misleading' }, 'Ana');
    expect((await store.get(a.id)).statements[0]!.review).toBeNull();
    expect(store.list()[0]).toMatchObject({ reviewedCount: 0, readyToPublish: false });
  });

  it('compares editor names trimmed and case-folded: "Alice " cannot sign off what Alice gave', async () => {
    const a = await article(1);
    const s1 = a.statements[0]!.id;
    await store.mark(a.id, s1, { verdict: 'verified' }, 'Alice');
    for (const same of ['Alice ', ' alice', 'ALICE', 'Alice\t', '\uff21lice']) {
      await expect(store.signOff(a.id, s1, same)).rejects.toThrow('a second editor must sign it off.');
    }
    expect((await store.signOff(a.id, s1, ' Alicia ')).review).toEqual({ by: 'Alicia', at: now().toISOString() });
  });
});

describe('source documents', () => {
  it('keeps the text beside the article, listed on it, across a restart', async () => {
    const a = await article();
    const ref = await store.attachDocument(
      a.id,
      { name: 'budget.pdf', kind: 'pdf', url: '', text: 'Spending rose 4% in 2025.', pageStarts: [0] },
      'Ana',
    );
    expect(ref).toMatchObject({ name: 'budget.pdf', kind: 'pdf', chars: 25, attachedBy: 'Ana' });
    expect(await fs.readdir(path.join(dir, 'documents', a.id))).toEqual([`${ref.id}.json`]);
    await store.close();
    store = await Store.open(dir, { now });
    expect((await store.get(a.id)).documents).toEqual([ref]);
    expect((await store.getDocument(a.id, ref.id)).text).toBe('Spending rose 4% in 2025.');
    await expect(store.getDocument(a.id, 'nope')).rejects.toThrow(/has no source document nope/);
  });
});

describe('settings', () => {
  it('are saved durably and survive a restart; a damaged file is moved aside and reported', async () => {
    await store.updateSettings({ editorName: 'Ana Ruiz', newsroomName: 'Daily Bugle' });
    await store.close();
    store = await Store.open(dir, { now });
    expect(store.settings()).toEqual({ editorName: 'Ana Ruiz', newsroomName: 'Daily Bugle', newsroomUrl: '' });
    await store.updateSettings({ newsroomUrl: 'https://bugle.example' });
    await store.close();
    await fs.writeFile(path.join(dir, 'settings.json'), '{"version": 2, "settings": {"editorName": 7}}');
    store = await Store.open(dir, { now });
    // The previous good version (from the backup) comes back; the damaged file is kept.
    expect(store.settings()).toEqual({ editorName: 'Ana Ruiz', newsroomName: 'Daily Bugle', newsroomUrl: '' });
    expect(store.notices).toEqual([
      expect.objectContaining({ file: path.join(dir, 'settings.json'), restoredFrom: path.join(dir, 'settings.json.bak1') }),
    ]);
  });
});

describe('splitting and merging statements', () => {
  it('splits at an offset, the first part keeping the evidence; merging joins them back with both', async () => {
    const text = 'Rates rose 2% and prices fell. Wages held.';
    const a = await store.create(
      { text, title: 'Rates', outlet: '', author: '', url: '', publishedAt: '' },
      [
        { start: 0, end: 30, text: 'Rates rose 2% and prices fell.' },
        { start: 31, end: 42, text: 'Wages held.' },
      ],
    );
    const sid = a.statements[0]!.id;
    await store.mark(a.id, sid, { verdict: 'verified', note: 'CPI release' }, 'Ana');
    const split = await store.splitStatement(a.id, sid, 13, 'Ana');
    expect(split.statements.map((s) => [s.text, s.verdict])).toEqual([
      ['Rates rose 2%', 'verified'],
      ['and prices fell.', 'unchecked'],
      ['Wages held.', 'unchecked'],
    ]);
    for (const s of split.statements) expect(text.slice(s.start, s.end)).toBe(s.text);
    await expect(store.splitStatement(a.id, sid, 0)).rejects.toThrow('Put the caret inside the statement');

    await store.mark(a.id, split.statements[1]!.id, { note: 'BLS table 3' }, 'Ben');
    const merged = await store.mergeWithNext(a.id, sid, 'Ana');
    expect(merged.statements[0]).toMatchObject({ text: 'Rates rose 2% and prices fell.', verdict: 'verified', note: 'CPI release\nBLS table 3' });
    expect(merged.statements).toHaveLength(2);
    await expect(store.mergeWithNext(a.id, merged.statements[1]!.id)).rejects.toThrow('The last statement has no next statement');
    await store.close();
    store = await Store.open(dir, { now });
    expect((await store.get(a.id)).statements.map((s) => s.text)).toEqual(['Rates rose 2% and prices fell.', 'Wages held.']);
  });
});
