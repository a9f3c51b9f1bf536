/**
 * The two-person rule, written once: a verdict that states a fact is published only after a
 * second editor, not the one who gave it, signs it off. The store enforces it (store.signOff),
 * the reports, work lists and search read it from here. The shared desk's server checks the same
 * rule again in its own JavaScript (services/desk/design.ts), because it runs inside CouchDB.
 */
import type { Statement } from './schema';
import type { Verdict } from './verdicts';

/** Opinion is not a claim of fact: it needs no second editor's sign-off. */
export const needsSignOff = (verdict: Verdict): boolean => verdict !== 'unchecked' && verdict !== 'opinion';

/**
 * One editor's name as the rules compare it: "Alice ", "alice" and "ALICE" are the same person,
 * so none of them can sign off a verdict Alice gave. Used wherever names decide what is allowed.
 */
export const editorKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export const sameEditor = (a: string, b: string): boolean => editorKey(a) === editorKey(b);

/** A verdict that states a fact and that no second editor has signed off yet. */
export const isAwaitingSignOff = (s: Pick<Statement, 'verdict' | 'review'>): boolean => needsSignOff(s.verdict) && !s.review;

/** Every statement has a verdict, and every verdict that states a fact is signed off. */
export function isReadyToPublish(statements: Pick<Statement, 'verdict' | 'review'>[]): boolean {
  return statements.length > 0 && statements.every((s) => s.verdict !== 'unchecked' && !isAwaitingSignOff(s));
}

/** Why `by` may not sign off this statement's verdict, in words for the editor; null when they may. */
export function signOffRefusal(statement: Pick<Statement, 'verdict' | 'checkedBy' | 'review'>, by: string): string | null {
  if (!by.trim()) return 'Set your name in Settings before signing off.';
  if (statement.verdict === 'unchecked') return 'Give the statement a verdict before signing it off.';
  if (!needsSignOff(statement.verdict)) return 'Opinion needs no sign-off.';
  if (sameEditor(statement.checkedBy, by)) return `${by} gave this verdict; a second editor must sign it off.`;
  if (statement.review) return `${statement.review.by} has already signed off this verdict.`;
  return null;
}
