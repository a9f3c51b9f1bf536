/**
 * What a change does to a statement, as pure functions over statements: the history a change
 * leaves, who a verdict belongs to, the sign-off (the two-person rule itself is in
 * domain/sign-off.ts), corrections, splitting and merging, and where statements go when the
 * article's text is replaced. No disk and no clock: the store passes `now` and writes the result
 * (store.ts), and rules.test.ts tests them on plain objects. A refusal is a UserError the editor reads.
 */
import type { Correction, CorrectionInput, HistoryEntry, Source, Statement } from '../domain/schema';
import { signOffRefusal } from '../domain/sign-off';
import { blankStatement } from '../domain/statement';
import { VERDICT_LABEL } from '../domain/verdicts';
import { UserError } from './errors';

/** Typing into one field is one change in the timeline, not one per pause. */
export const HISTORY_MERGE_MS = 2 * 60 * 1000;

/** A change to a statement as the store applies it: sources come with their checks computed. */
export interface StatementChange {
  verdict?: Statement['verdict'];
  explanation?: string;
  note?: string;
  claimant?: string;
  sources?: Source[];
  unsupported?: string[];
}

/** A sentence of an article's new text, and the statement it continues (services/anchor), if any. */
export interface PlacedSentence {
  start: number;
  end: number;
  text: string;
  from: string | null;
  how: string;
}

/** A verdict and evidence change. A new verdict is `by`'s and needs a fresh sign-off. */
export function markStatement(current: Statement, change: StatementChange, by: string, now: string): Statement {
  const next: Statement = { ...current, ...definedOnly(change), updatedAt: now };
  if (change.verdict !== undefined && change.verdict !== current.verdict) Object.assign(next, newVerdict(change.verdict, by, now));
  next.history = recordHistory(current, next, by, now);
  return next;
}

/**
 * A correction made after publication: the day, what changed and why, with the verdict before
 * and after. A corrected verdict is a new verdict, so it is the corrector's and needs a fresh
 * sign-off like any other; the correction itself is never edited or removed.
 */
export function correctStatement(current: Statement, input: CorrectionInput, by: string, now: string): Statement {
  if (current.verdict === 'unchecked') {
    throw new UserError('invalid-input', 'Only a statement with a published verdict can be corrected; give it a verdict instead.');
  }
  const correction: Correction = { ...input, verdictBefore: current.verdict, by, at: now };
  const next: Statement = { ...current, corrections: [...current.corrections, correction], updatedAt: now };
  if (input.verdict !== current.verdict) Object.assign(next, newVerdict(input.verdict, by, now));
  // One timeline entry says it all: the verdict before, the verdict after and what changed.
  next.history = [
    ...current.history,
    { at: now, by, field: 'correction', before: VERDICT_LABEL[current.verdict], after: clip(`${VERDICT_LABEL[next.verdict]}: ${input.change}`) },
  ];
  return next;
}

/** A second editor signs off the statement's current verdict (the two-person rule decides who may). */
export function signOffStatement(current: Statement, by: string, now: string): Statement {
  const refusal = signOffRefusal(current, by);
  if (refusal) throw new UserError('invalid-input', refusal);
  const next: Statement = { ...current, review: { by: by.trim(), at: now }, updatedAt: now };
  next.history = recordHistory(current, next, by, now);
  return next;
}

/**
 * An editor settles a desk conflict by keeping the version shown: the flag goes, and the history
 * (which holds both sides) says who decided. The push then writes this version over the others.
 */
export function settleConflict(current: Statement, by: string, now: string): Statement {
  if (!current.deskConflict) throw new UserError('invalid-input', 'This statement has no conflict between editors to settle.');
  const { deskConflict, ...next } = current;
  const entry = { at: now, by, field: 'conflict' as const, before: clip(deskConflict.message), after: 'Kept the version shown' };
  return { ...next, updatedAt: now, history: [...current.history, entry] };
}

/**
 * Splits statement `i` in two at `offset` (into its text): the first part keeps the verdict and
 * evidence, the second starts unchecked. White space at the cut belongs to neither.
 */
export function splitStatement(statements: Statement[], i: number, offset: number, by: string, now: string): Statement[] {
  const current = statements[i]!;
  const head = current.text.slice(0, offset).trimEnd();
  const tailStart = offset + (current.text.slice(offset).length - current.text.slice(offset).trimStart().length);
  const tail = current.text.slice(tailStart);
  if (!head || !tail) throw new UserError('invalid-input', 'Put the caret inside the statement, between two words, to split it.');
  const first: Statement = { ...current, end: current.start + head.length, text: head, updatedAt: now };
  const second: Statement = {
    ...blankStatement(current.start + tailStart, current.end, tail),
    history: [{ at: now, by, field: 'statement', before: current.text, after: `Split from statement ${i + 1}` }],
  };
  return [...statements.slice(0, i), first, second, ...statements.slice(i + 1)];
}

/** Joins statement `i` with the next one; evidence from both is kept, the sign-off is not. */
export function mergeWithNext(statements: Statement[], i: number, articleText: string, by: string, now: string): Statement[] {
  const current = statements[i]!;
  const next = statements[i + 1];
  if (!next) throw new UserError('invalid-input', 'The last statement has no next statement to merge with.');
  const verdict = current.verdict !== 'unchecked' ? current : next;
  const merged: Statement = {
    ...current,
    end: next.end,
    text: articleText.slice(current.start, next.end),
    verdict: verdict.verdict,
    checkedBy: verdict.checkedBy,
    checkedAt: verdict.checkedAt,
    review: null,
    sources: [...current.sources, ...next.sources],
    note: [current.note, next.note].filter(Boolean).join('\n'),
    unsupported: [],
    updatedAt: now,
    history: [...current.history, { at: now, by, field: 'statement', before: current.text, after: 'Merged with the next statement' }],
  };
  return [...statements.slice(0, i), merged, ...statements.slice(i + 2)];
}

/**
 * The statements of an article's new text. Sentences that continue an old statement keep its
 * verdict and evidence; an edited one loses its sign-off (the wording it was signed off for is
 * gone); new sentences start unchecked. Old statements in `orphanedIds` are returned to be kept
 * as orphaned, never dropped.
 */
export function placeStatements(
  old: Statement[],
  placed: PlacedSentence[],
  orphanedIds: string[],
  by: string,
  now: string,
): { statements: Statement[]; orphaned: Statement[] } {
  const byId = new Map(old.map((s) => [s.id, s]));
  const statements = placed.map((p): Statement => {
    const was = p.from ? byId.get(p.from) : undefined;
    if (!was) return blankStatement(p.start, p.end, p.text);
    if (p.how !== 'edited') return { ...was, start: p.start, end: p.end, text: p.text };
    return {
      ...was,
      start: p.start,
      end: p.end,
      text: p.text,
      review: null,
      updatedAt: now,
      history: [...was.history, { at: now, by, field: 'statement', before: clip(was.text), after: clip(p.text) }],
    };
  });
  const orphaned = orphanedIds.map((id) => byId.get(id)).filter((s): s is Statement => !!s);
  return { statements, orphaned };
}

/** Who gave a verdict and when; a new verdict always needs a fresh sign-off. */
function newVerdict(verdict: Statement['verdict'], by: string, now: string): Pick<Statement, 'verdict' | 'checkedBy' | 'checkedAt' | 'review'> {
  const checked = verdict !== 'unchecked';
  return { verdict, checkedBy: checked ? by : '', checkedAt: checked ? now : null, review: null };
}

/** Adds what changed between two versions of a statement to its history. */
export function recordHistory(before: Statement, after: Statement, by: string, at: string): HistoryEntry[] {
  const history = before.history.slice();
  const fields: [HistoryEntry['field'], string, string][] = [
    // `?? verdict`: a caller that skipped validation still gets the schema's error, not a crash.
    ['verdict', VERDICT_LABEL[before.verdict] ?? before.verdict, VERDICT_LABEL[after.verdict] ?? String(after.verdict)],
    ['explanation', before.explanation, after.explanation],
    ['note', before.note, after.note],
    ['claimant', before.claimant, after.claimant],
    ['sources', describeSources(before.sources), describeSources(after.sources)],
    ['review', before.review ? `Signed off by ${before.review.by}` : '', after.review ? `Signed off by ${after.review.by}` : ''],
  ];
  for (const [field, was, now] of fields) {
    if (was === now) continue;
    const last = history.at(-1);
    // A statement flagged by the desk shows two editors' sides in its history: the next change
    // is always a new entry, so it never overwrites the entry of a side (nothing lost).
    if (last && !before.deskConflict && field !== 'verdict' && last.field === field && last.by === by && Date.parse(at) - Date.parse(last.at) < HISTORY_MERGE_MS) {
      history[history.length - 1] = { ...last, at, after: clip(now) };
    } else {
      history.push({ at, by, field, before: clip(was), after: clip(now) });
    }
  }
  return history;
}

function describeSources(sources: Source[]): string {
  return sources
    .filter((s) => s.quote || s.title || s.url || s.file)
    .map((s) => `${s.role}: ${s.quote ? `“${s.quote}” ` : ''}${[s.title, s.url || s.file].filter(Boolean).join(', ')}`.trim())
    .join('\n');
}

function clip(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

/** The fields of a patch that are set: an absent field leaves the stored value as it is. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
