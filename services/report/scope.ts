/**
 * What a report includes: which statements it lists and what it says about each, decided once
 * here so that every format leaves out the same things.
 *
 * A public report (the default) carries each statement's public explanation and never its
 * internal note, history or who checked it; it lists unchecked statements marked as such and
 * verdicts nobody has signed off marked "awaiting sign-off". The options narrow that down
 * (signed-off verdicts only, no unchecked statements) or widen it into an internal report.
 * Statements keep their reading-order number in every report, so "statement 7" is the same
 * sentence whatever was left out around it.
 */
import type { ReportScope } from '../../domain/schema';
import type { Article, Statement } from '../../domain/schema';
import { isAwaitingSignOff, needsSignOff } from '../../domain/sign-off';
import { VERDICTS, type Verdict } from '../../domain/verdicts';

export type { ReportScope } from '../../domain/schema';

/** A public report: unchecked statements and unsigned verdicts listed and marked, no internal notes. */
export const PUBLIC_SCOPE: ReportScope = { signedOffOnly: false, includeUnchecked: true, internal: false, includeUnsigned: false };

export interface ListedStatement {
  statement: Statement;
  /** The statement's place in the article, from 1. */
  number: number;
  /** A verdict that needs a second editor's sign-off and does not have it. */
  awaitingSignOff: boolean;
}

export interface ScopedSummary {
  /** Every statement in the article, listed or not. */
  total: number;
  /** Statements with a verdict (signed off or not). */
  checked: number;
  percentChecked: number;
  /** Statements per verdict; verdicts left out for want of a sign-off are not counted under their verdict. */
  counts: Record<Verdict, number>;
  /** Verdicts left out because nobody has signed them off (signed-off-only reports). */
  leftOutAwaitingSignOff: number;
  /** Unchecked statements left out of the statement list (still counted under Unchecked). */
  leftOutUnchecked: number;
  /** Of the verdicts that need a sign-off, how many have one. */
  signedOff: number;
  needingSignOff: number;
}

export interface ScopedReport {
  article: Article;
  scope: ReportScope;
  listed: ListedStatement[];
  summary: ScopedSummary;
}

export function scopeReport(article: Article, scope: Partial<ReportScope> = {}): ScopedReport {
  const full: ReportScope = { ...PUBLIC_SCOPE, ...definedOnly(scope) };
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const listed: ListedStatement[] = [];
  let leftOutAwaitingSignOff = 0;
  let leftOutUnchecked = 0;
  let signedOff = 0;
  let needingSignOff = 0;
  article.statements.forEach((statement, i) => {
    const awaiting = isAwaitingSignOff(statement);
    if (needsSignOff(statement.verdict)) {
      needingSignOff++;
      if (!awaiting) signedOff++;
    }
    if (awaiting && full.signedOffOnly) {
      leftOutAwaitingSignOff++;
      return;
    }
    counts[statement.verdict]++;
    if (statement.verdict === 'unchecked' && !full.includeUnchecked) {
      leftOutUnchecked++;
      return;
    }
    listed.push({ statement, number: i + 1, awaitingSignOff: awaiting });
  });
  const total = article.statements.length;
  const checked = article.statements.filter((s) => s.verdict !== 'unchecked').length;
  return {
    article,
    scope: full,
    listed,
    summary: {
      total,
      checked,
      percentChecked: total ? Math.round((checked / total) * 100) : 0,
      counts,
      leftOutAwaitingSignOff,
      leftOutUnchecked,
      signedOff,
      needingSignOff,
    },
  };
}

/** The corrections of the listed statements, oldest first, each with its statement's number. */
export function correctionsOf(report: ScopedReport) {
  return report.listed
    .flatMap(({ statement, number }) => statement.corrections.map((correction) => ({ correction, number, statement })))
    .sort((a, b) => a.correction.date.localeCompare(b.correction.date) || a.number - b.number);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
