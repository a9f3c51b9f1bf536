/**
 * The desk's work lists for one editor: what is assigned to her, what awaits her sign-off, and
 * what is overdue. Pure functions over articles, so the app, the CLI and the tests agree.
 */
import type { WorkItem, WorkLists } from '../../api/contract';
import type { Article, Assignment, Statement } from '../../domain/schema';
import { isAwaitingSignOff, sameEditor } from '../../domain/sign-off';

const ANYONE = 'any second editor';

/** A statement's assignment, or else its article's. */
function assignmentOf(article: Article, statement: Statement): Assignment | null {
  return statement.assignment ?? article.assignment ?? null;
}

function unfinished(article: Article): boolean {
  return article.statements.some((s) => s.verdict === 'unchecked' || isAwaitingSignOff(s));
}

/** `today` is YYYY-MM-DD in the editor's time zone: a deadline is overdue the day after it. */
export function workLists(articles: Iterable<Article>, me: string, today: string): WorkLists {
  const lists: WorkLists = { assignedToMe: [], awaitingMySignOff: [], overdue: [] };
  for (const article of articles) {
    const item = (assignment: Assignment, statement: Statement | null): WorkItem => ({
      articleId: article.id,
      title: article.title,
      statementId: statement?.id ?? null,
      index: statement ? article.statements.indexOf(statement) + 1 : null,
      text: statement?.text ?? article.title,
      to: assignment.to,
      due: assignment.due,
      signOffBy: assignment.reviewer || ANYONE,
    });
    if (article.assignment && unfinished(article)) {
      const a = article.assignment;
      if (sameEditor(a.to, me)) lists.assignedToMe.push(item(a, null));
      if (a.due && a.due < today) lists.overdue.push(item(a, null));
    }
    for (const s of article.statements) {
      const a = s.assignment;
      const open = s.verdict === 'unchecked' || isAwaitingSignOff(s);
      if (a && open) {
        if (sameEditor(a.to, me) && s.verdict === 'unchecked') lists.assignedToMe.push(item(a, s));
        if (a.due && a.due < today) lists.overdue.push(item(a, s));
      }
      // Names compare as the two-person rule compares them: "Ana" never signs off what "ana" checked.
      if (isAwaitingSignOff(s) && !sameEditor(s.checkedBy, me)) {
        const reviewer = assignmentOf(article, s)?.reviewer ?? '';
        if (!reviewer || sameEditor(reviewer, me)) {
          const base = assignmentOf(article, s) ?? { to: s.checkedBy, reviewer: '', due: '', by: '', at: '' };
          lists.awaitingMySignOff.push(item(base, s));
        }
      }
    }
  }
  const byDue = (x: WorkItem, y: WorkItem) => (x.due || '9999').localeCompare(y.due || '9999');
  lists.assignedToMe.sort(byDue);
  lists.overdue.sort(byDue);
  return lists;
}
