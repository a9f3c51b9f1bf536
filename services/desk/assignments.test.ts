import { describe, expect, it } from 'vitest';
import { blankStatement } from '../../domain/statement';
import type { Article, Assignment, Statement } from '../../domain/schema';
import { workLists } from './assignments';

const TODAY = '2026-03-10';
const given = (to: string, due = '', reviewer = ''): Assignment => ({ to, due, reviewer, by: 'chief', at: '2026-03-01T09:00:00.000Z' });
const checked = (by: string, extra: Partial<Statement> = {}): Statement => ({
  ...blankStatement(0, 5, 'Text.'),
  verdict: 'false',
  checkedBy: by,
  ...extra,
});

function article(id: string, statements: Statement[], assignment: Assignment | null = null): Article {
  return { id, title: `Article ${id}`, statements, assignment } as unknown as Article;
}

describe('work lists', () => {
  it('list work assigned to me that is not done, by deadline', () => {
    const done = article('done', [checked('ana', { review: { by: 'ben', at: TODAY } })], given('ana', '2026-03-01'));
    const later = article('later', [blankStatement(0, 5, 'A.')], given('ana', '2026-04-01'));
    const sooner = article('sooner', [blankStatement(0, 5, 'A.')], given('ana', '2026-03-12'));
    const other = article('other', [blankStatement(0, 5, 'A.')], given('ben'));
    const lists = workLists([done, later, sooner, other], 'ana', TODAY);
    expect(lists.assignedToMe.map((w) => w.articleId)).toEqual(['sooner', 'later']);
  });

  it('a statement given to me shows with its number; checked, it leaves my list', () => {
    const s1 = { ...blankStatement(0, 5, 'A.'), assignment: given('ana') };
    const s2 = { ...checked('ana'), assignment: given('ana') };
    const lists = workLists([article('a', [s1, s2])], 'ana', TODAY);
    expect(lists.assignedToMe.map((w) => [w.statementId, w.index])).toEqual([[s1.id, 1]]);
  });

  it('awaiting my sign-off: checked by someone else, not signed off, and for me or for anyone', () => {
    const forAnyone = checked('ben');
    const forMe = { ...checked('ben'), assignment: given('ben', '', 'ana') };
    const forCleo = { ...checked('ben'), assignment: given('ben', '', 'cleo') };
    const mine = checked('ana');
    const opinion = checked('ben', { verdict: 'opinion' });
    const signed = checked('ben', { review: { by: 'cleo', at: TODAY } });
    const lists = workLists([article('a', [forAnyone, forMe, forCleo, mine, opinion, signed])], 'ana', TODAY);
    expect(lists.awaitingMySignOff.map((w) => [w.index, w.signOffBy])).toEqual([
      [1, 'any second editor'],
      [2, 'ana'],
    ]);
  });

  it('names compare as the two-person rule compares them: case and spacing make no other editor', () => {
    const mine = checked('Ana ');
    const forMe = { ...checked('ben'), assignment: given('ben', '', 'ANA') };
    const givenToMe = article('g', [blankStatement(0, 5, 'A.')], given(' ana'));
    const lists = workLists([article('a', [mine, forMe]), givenToMe], 'ana', TODAY);
    expect(lists.awaitingMySignOff.map((w) => w.index)).toEqual([2]);
    expect(lists.assignedToMe.map((w) => w.articleId)).toEqual(['g']);
  });

  it('overdue: past its deadline and not finished, whoever it is for; the deadline day itself is not overdue', () => {
    const late = article('late', [blankStatement(0, 5, 'A.')], given('ben', '2026-03-09'));
    const today = article('today', [blankStatement(0, 5, 'A.')], given('ben', TODAY));
    const awaiting = article('awaiting', [checked('ben')], given('ben', '2026-03-01'));
    const finished = article('finished', [checked('ben', { review: { by: 'ana', at: TODAY } })], given('ben', '2026-03-01'));
    const lists = workLists([late, today, awaiting, finished], 'ana', TODAY);
    expect(lists.overdue.map((w) => w.articleId).sort()).toEqual(['awaiting', 'late']);
  });
});
