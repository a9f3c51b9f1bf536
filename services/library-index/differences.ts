/**
 * What an earlier check of the same claim says differently: the numbers, dates and names of
 * one statement that the other gives differently, paired by kind in reading order, so the
 * editor reads "earlier: nine episodes; here: 10 episodes". Facts are compared by value
 * (services/evidence), so "nine" and "9" are no difference. A fact only one of them gives
 * ("on Tuesday") is a detail, not a difference, and is left out.
 */
import { unsupported } from '../evidence';
import { findFacts, type Fact } from '../facts';

export const DIFFERENCE_KINDS = ['number', 'date', 'name'] as const;
export type FactKind = (typeof DIFFERENCE_KINDS)[number];

export interface ClaimDifference {
  kind: FactKind;
  /** As the earlier statement wrote it. */
  earlier: string;
  /** As this statement writes it. */
  here: string;
}

export function claimDifferences(earlier: string, here: string): ClaimDifference[] {
  const onlyEarlier = factsMissingFrom(earlier, here);
  const onlyHere = factsMissingFrom(here, earlier);
  const found: ClaimDifference[] = [];
  for (const kind of DIFFERENCE_KINDS) {
    const a = onlyEarlier.filter((f) => kindOf(f) === kind);
    const b = onlyHere.filter((f) => kindOf(f) === kind);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const [was, now] = withSharedNoun(a[i]!, earlier, b[i]!, here);
      found.push({ kind, earlier: was, here: now });
    }
  }
  return found;
}

function factsMissingFrom(text: string, other: string): Fact[] {
  const missing = new Set(unsupported(text, [other]));
  return findFacts(text).filter((f) => missing.has(f.text));
}

function kindOf(fact: Fact): FactKind {
  return fact.kind === 'ordinal' ? 'number' : fact.kind === 'relative date' ? 'date' : fact.kind;
}

const NEXT_WORD = /^\s+(\p{L}+)/u;

/** "nine" and "10" read better as "nine episodes" and "10 episodes" when both count the same thing. */
function withSharedNoun(a: Fact, aText: string, b: Fact, bText: string): [string, string] {
  if (a.kind !== 'number' || b.kind !== 'number') return [a.text, b.text];
  const nounA = NEXT_WORD.exec(aText.slice(a.end))?.[1];
  const nounB = NEXT_WORD.exec(bText.slice(b.end))?.[1];
  if (!nounA || !nounB || nounA.toLowerCase() !== nounB.toLowerCase()) return [a.text, b.text];
  return [`${a.text} ${nounA}`, `${b.text} ${nounB}`];
}
