/**
 * Words behind the quote check, kept apart from the matcher so that adding a word never means
 * reading it. The words of numbers, dates and names are the facts extractor's
 * (services/facts/words.ts) and the newsroom's (domain/lexicon.ts).
 */

/**
 * Words that turn a statement into its opposite. A quote that differs from its source only in
 * one of these is a contradiction, not a paraphrase. Contractions ("didn't") are recognised by
 * their ending; see isNegation.
 */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'cannot', 'without',
  // Hebrew: lo, ein and its forms, bli, lelo, af (as in "af echad", nobody).
  'לא', 'אין', 'אינו', 'אינה', 'אינם', 'אינן', 'איננו', 'בלי', 'ללא', 'אף',
]);

export function isNegation(word: string): boolean {
  const lower = word.toLowerCase().replace(/’/g, "'");
  return NEGATIONS.has(lower) || lower.endsWith("n't");
}
