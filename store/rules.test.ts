/**
 * What a change does to a statement, on plain objects: no disk, no store. The same rules run
 * through the store in store.test.ts and accountability.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Statement } from '../domain/schema';
import { blankStatement } from '../domain/statement';
import { correctStatement, markStatement, mergeWithNext, placeStatements, settleConflict, signOffStatement, splitStatement } from './rules';

const T0 = '2026-03-02T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function checked(text = 'Crime fell by 4% in 2024.', by = 'Ana'): Statement {
  return markStatement(blankStatement(0, text.length, text), { verdict: 'verified' }, by, T0);
}

describe('a verdict', () => {
  it("is the editor's who gives it, clears the sign-off, and enters the history", () => {
    const signed = signOffStatement(checked(), 'Ben', at(1));
    const next = markStatement(signed, { verdict: 'false' }, 'Carla', at(2));
    expect(next).toMatchObject({ verdict: 'false', checkedBy: 'Carla', checkedAt: at(2), review: null });
    expect(next.history.slice(-2)).toEqual([
      { at: at(2), by: 'Carla', field: 'verdict', before: 'Verified', after: 'False' },
      { at: at(2), by: 'Carla', field: 'review', before: 'Signed off by Ben', after: '' },
    ]);
  });

  it('given again unchanged keeps who gave it and the sign-off', () => {
    const signed = signOffStatement(checked(), 'Ben', at(1));
    const next = markStatement(signed, { verdict: 'verified', note: 'seen' }, 'Carla', at(2));
    expect(next).toMatchObject({ checkedBy: 'Ana', review: { by: 'Ben' } });
  });

  it('leaves fields the change does not name as they were', () => {
    const s = markStatement(checked(), { note: 'first' }, 'Ana', at(1));
    expect(markStatement(s, { explanation: 'why', note: undefined }, 'Ana', at(2))).toMatchObject({ note: 'first', explanation: 'why' });
  });
});

describe('the history', () => {
  it('keeps one entry for typing in one field by one editor within two minutes, and a new one after', () => {
    let s = checked();
    s = markStatement(s, { note: 'Th' }, 'Ana', at(1));
    s = markStatement(s, { note: 'The source' }, 'Ana', at(2));
    expect(s.history.filter((h) => h.field === 'note')).toEqual([{ at: at(2), by: 'Ana', field: 'note', before: '', after: 'The source' }]);
    s = markStatement(s, { note: 'The source, again' }, 'Ana', at(5));
    s = markStatement(s, { note: 'Ben was here' }, 'Ben', at(5));
    expect(s.history.filter((h) => h.field === 'note').map((h) => h.after)).toEqual(['The source', 'The source, again', 'Ben was here']);
  });

  it('never folds a change into the entry of a side of a desk conflict', () => {
    let s = markStatement(checked(), { note: 'ana' }, 'Ana', at(1));
    s = { ...s, deskConflict: { editors: ['Ana', 'Ben'], message: 'Changed by Ana and Ben while apart' } };
    s = markStatement(s, { note: 'ana again' }, 'Ana', at(1));
    expect(s.history.filter((h) => h.field === 'note').map((h) => h.after)).toEqual(['ana', 'ana again']);
  });
});

describe('settling a desk conflict', () => {
  it('lifts the flag, keeps the statement as shown, and says in the history who decided', () => {
    const flagged = { ...markStatement(checked(), { note: 'ana' }, 'Ana', at(1)), deskConflict: { editors: ['Ana', 'Ben'], message: 'Changed by Ana and Ben while apart' } };
    const settled = settleConflict(flagged, 'Ben', at(2));
    expect(settled.deskConflict).toBeUndefined();
    expect([settled.verdict, settled.note, settled.updatedAt]).toEqual([flagged.verdict, 'ana', at(2)]);
    expect(settled.history).toEqual([...flagged.history, { at: at(2), by: 'Ben', field: 'conflict', before: 'Changed by Ana and Ben while apart', after: 'Kept the version shown' }]);
  });

  it('is refused where there is no conflict', () => {
    expect(() => settleConflict(checked(), 'Ben', at(2))).toThrow('no conflict between editors to settle');
  });
});

describe('a sign-off', () => {
  it('is refused to the editor who gave the verdict, however the name is typed', () => {
    expect(() => signOffStatement(checked('Text.', 'Ana Ruiz'), ' ana  RUIZ ', at(1))).toThrow('a second editor must sign it off');
  });

  it('is refused without a name, for an unchecked statement, for an opinion, and twice', () => {
    const blank = blankStatement(0, 5, 'Text.');
    expect(() => signOffStatement(checked(), '  ', at(1))).toThrow('Set your name in Settings');
    expect(() => signOffStatement(blank, 'Ben', at(1))).toThrow('Give the statement a verdict');
    expect(() => signOffStatement(markStatement(blank, { verdict: 'opinion' }, 'Ana', T0), 'Ben', at(1))).toThrow('Opinion needs no sign-off');
    expect(() => signOffStatement(signOffStatement(checked(), 'Ben', at(1)), 'Carla', at(2))).toThrow('Ben has already signed off');
  });

  it('by a second editor is recorded with the time and in the history', () => {
    const s = signOffStatement(checked(), ' Ben ', at(1));
    expect(s.review).toEqual({ by: 'Ben', at: at(1) });
    expect(s.history.at(-1)).toMatchObject({ field: 'review', after: 'Signed off by Ben' });
  });
});

describe('a correction', () => {
  it('is refused for a statement without a verdict', () => {
    expect(() => correctStatement(blankStatement(0, 5, 'Text.'), { date: '2026-03-03', change: 'c', reason: 'r', verdict: 'false' }, 'Ana', at(1))).toThrow(
      'Only a statement with a published verdict can be corrected',
    );
  });

  it('with a new verdict makes it the corrector\'s, clears the sign-off, and records both verdicts', () => {
    const signed = signOffStatement(checked(), 'Ben', at(1));
    const s = correctStatement(signed, { date: '2026-03-03', change: 'The figure was 3%.', reason: 'New data', verdict: 'misleading' }, 'Carla', at(2));
    expect(s).toMatchObject({ verdict: 'misleading', checkedBy: 'Carla', review: null });
    expect(s.corrections).toEqual([
      { date: '2026-03-03', change: 'The figure was 3%.', reason: 'New data', verdictBefore: 'verified', verdict: 'misleading', by: 'Carla', at: at(2) },
    ]);
    expect(s.history.at(-1)).toMatchObject({ field: 'correction', before: 'Verified', after: 'Misleading: The figure was 3%.' });
  });
});

describe('splitting and merging', () => {
  const text = 'Crime fell. Officers were hired.';

  it('splits at the caret: the first part keeps the verdict, the second starts unchecked, the space belongs to neither', () => {
    const [first, second] = splitStatement([checked(text)], 0, 11, 'Ana', at(1));
    expect(first).toMatchObject({ start: 0, end: 11, text: 'Crime fell.', verdict: 'verified' });
    expect(second).toMatchObject({ start: 12, end: text.length, text: 'Officers were hired.', verdict: 'unchecked' });
    expect(second!.history).toEqual([{ at: at(1), by: 'Ana', field: 'statement', before: text, after: 'Split from statement 1' }]);
  });

  it('refuses a split at either end', () => {
    expect(() => splitStatement([checked(text)], 0, 0, 'Ana', at(1))).toThrow('between two words');
    expect(() => splitStatement([checked(text)], 0, text.length, 'Ana', at(1))).toThrow('between two words');
  });

  it('merges with the next statement, keeping both sides\' evidence and no sign-off', () => {
    const one = signOffStatement(markStatement(checked('Crime fell.'), { note: 'one' }, 'Ana', T0), 'Ben', at(1));
    const two = { ...markStatement(blankStatement(12, text.length, 'Officers were hired.'), { note: 'two' }, 'Ana', T0) };
    const [merged, ...rest] = mergeWithNext([one, two], 0, text, 'Carla', at(2));
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ start: 0, end: text.length, text, verdict: 'verified', checkedBy: 'Ana', review: null, note: 'one\ntwo' });
  });

  it('refuses to merge the last statement', () => {
    expect(() => mergeWithNext([checked()], 0, 'Crime fell by 4% in 2024.', 'Ana', at(1))).toThrow('no next statement');
  });
});

describe('replacing the text', () => {
  it('keeps a moved statement as it was, takes the sign-off from an edited one, and keeps unmatched ones as orphaned', () => {
    const moved = signOffStatement(checked('Crime fell.'), 'Ben', at(1));
    const edited = signOffStatement(checked('Officers were hired.'), 'Ben', at(1));
    const gone = checked('The mayor resigned.');
    const { statements, orphaned } = placeStatements(
      [moved, edited, gone],
      [
        { start: 6, end: 17, text: 'Crime fell.', from: moved.id, how: 'moved' },
        { start: 18, end: 42, text: 'Ten officers were hired.', from: edited.id, how: 'edited' },
        { start: 43, end: 50, text: 'New one.', from: null, how: 'new' },
      ],
      [gone.id],
      'Carla',
      at(2),
    );
    expect(statements[0]).toMatchObject({ id: moved.id, start: 6, review: { by: 'Ben' } });
    expect(statements[1]).toMatchObject({ id: edited.id, text: 'Ten officers were hired.', verdict: 'verified', review: null });
    expect(statements[1]!.history.at(-1)).toMatchObject({ by: 'Carla', before: 'Officers were hired.', after: 'Ten officers were hired.' });
    expect(statements[2]).toMatchObject({ text: 'New one.', verdict: 'unchecked' });
    expect(orphaned.map((s) => s.id)).toEqual([gone.id]);
  });
});
