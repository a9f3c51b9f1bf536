import { describe, expect, it } from 'vitest';
import { blankStatement } from '../../domain/statement';
import type { Article, Statement } from '../../domain/schema';
import {
  articleIdOf,
  contentHash,
  fromArticleDoc,
  fromStatementDoc,
  mergeConflictingStatements,
  sameContent,
  toArticleDoc,
  toStatementDoc,
  unionHistory,
} from './documents';

function article(): Article {
  const s1 = blankStatement(0, 11, 'Crime fell.');
  const s2 = blankStatement(12, 30, 'Officers were hired.');
  return {
    id: 'art1',
    title: 'Crime',
    outlet: 'Bugle',
    author: '',
    url: '',
    publishedAt: '',
    text: 'Crime fell. Officers were hired.',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    statements: [s1, s2],
    documents: [],
    orphaned: [],
  } as unknown as Article;
}

const entry = (at: string, by: string, after: string) => ({ at, by, field: 'note' as const, before: '', after });

describe('desk documents', () => {
  it('keep what every editor changes out of the article document, so statements never conflict through it', () => {
    const a = article();
    const doc = toArticleDoc(a, 'ana');
    expect(doc).toMatchObject({ _id: 'article:art1', type: 'article', editedBy: 'ana', statementIds: a.statements.map((s) => s.id) });
    expect(doc).not.toHaveProperty('updatedAt');
    expect(doc).not.toHaveProperty('statements');
    const other = toArticleDoc({ ...a, updatedAt: '2027-01-01T00:00:00.000Z', statements: a.statements.map((s) => ({ ...s, note: 'x' })) }, 'ben');
    expect(sameContent(doc, other)).toBe(true);
    expect(fromArticleDoc(doc)).toMatchObject({ id: 'art1', title: 'Crime', text: a.text });
  });

  it('carry statement fields the mapping does not name, and never the local conflict flag', () => {
    const s = { ...blankStatement(0, 5, 'Text.'), claimant: 'The mayor', deskConflict: { editors: ['a', 'b'], message: 'm' } } as Statement;
    const doc = toStatementDoc('art1', s, 'ana');
    expect(doc._id).toBe(`statement:art1:${s.id}`);
    expect(doc).toHaveProperty('claimant', 'The mayor');
    expect(doc).not.toHaveProperty('deskConflict');
    const back = fromStatementDoc({ ...doc, _rev: '2-x' });
    const { deskConflict: _, ...withoutFlag } = s;
    expect(back).toEqual(withoutFlag);
    expect(articleIdOf(doc._id)).toBe('art1');
    expect(articleIdOf('_design/factdesk')).toBeNull();
  });

  it('compare content without who wrote it or the revision', () => {
    const s = blankStatement(0, 5, 'Text.');
    const mine = toStatementDoc('art1', s, 'ana');
    const theirs = { ...toStatementDoc('art1', s, 'ben'), _rev: '3-abc' };
    expect(sameContent(mine, theirs)).toBe(true);
    expect(contentHash(mine)).toBe(contentHash(theirs));
    expect(sameContent(mine, toStatementDoc('art1', { ...s, note: 'changed' }, 'ana'))).toBe(false);
  });

  it('merge two sides of a conflict: the winner, the history of both in time order, and a flag naming both', () => {
    const base = blankStatement(0, 5, 'Text.');
    const shared = entry('2026-01-01T10:00:00.000Z', 'cleo', 'start');
    const winner = toStatementDoc('a', { ...base, verdict: 'false', history: [shared, entry('2026-01-01T12:00:00.000Z', 'ben', 'Ben')] }, 'ben');
    const loser = toStatementDoc('a', { ...base, verdict: 'verified', history: [shared, entry('2026-01-01T11:00:00.000Z', 'ana', 'Ana')] }, 'ana');
    const merged = mergeConflictingStatements(winner, [loser]);
    expect(merged.verdict).toBe('false');
    expect(merged.history.map((h) => h.after)).toEqual(['start', 'Ana', 'Ben']);
    expect(merged.deskConflict).toEqual({ editors: ['ana', 'ben'], message: 'Changed by ana and ben while apart' });
    expect(mergeConflictingStatements(winner, []).deskConflict).toBeUndefined();
    const sameEditor = mergeConflictingStatements(winner, [{ ...loser, editedBy: 'ben' }]);
    expect(sameEditor.deskConflict?.message).toBe('Changed by ben on two machines while apart');
  });

  it('union of histories keeps each entry once', () => {
    const a = entry('2026-01-01T10:00:00.000Z', 'ana', 'x');
    const b = entry('2026-01-01T09:00:00.000Z', 'ben', 'y');
    expect(unionHistory([[a], [b, { ...a }], []])).toEqual([b, a]);
  });
});
