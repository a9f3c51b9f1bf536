/**
 * Who made a claim, suggested from its attribution: "…, said Yorkin." → Nicole Yorkin (the full
 * name from earlier in the article), "According to the Office for National Statistics, …" → the
 * Office for National Statistics, "She said …" → the person named in the sentence before. A
 * sentence with no attribution, here or in the sentence before, is the article's own claim: its
 * author, or else its outlet. Only a suggestion: the editor confirms or edits it, and the
 * statement records the claimant the editor chose.
 */
import { alternation, ATTRIBUTION_VERBS, ATTRIBUTION_VERBS_AFTER_A_NAME, isTitle, NAME_PARTICLES, SPEECH_VERBS } from '../../domain/lexicon';

export interface ClaimantSuggestion {
  claimant: string;
  /** Why: where the attribution was found. */
  from: 'sentence' | 'sentence before' | 'article';
}

const VERBS = alternation(new Set([...SPEECH_VERBS, ...ATTRIBUTION_VERBS, ...ATTRIBUTION_VERBS_AFTER_A_NAME]));
const UPPER = String.raw`\p{Lu}[\p{L}\p{M}'’-]*\.?`;
const CONNECTOR = String.raw`(?:of|for|the|and|&|${alternation(NAME_PARTICLES)})`;
/** "Nicole Yorkin", "Dr. Jane M. Doe", "the Office for National Statistics", "Yorkin". */
const NAME = String.raw`(?:the\s+)?${UPPER}(?:\s+(?:${CONNECTOR}\s+)*${UPPER}){0,5}`;
const PRONOUN = String.raw`(?:he|she|they|He|She|They)`;

const NAME_BEFORE_VERB = new RegExp(String.raw`(${NAME}|${PRONOUN})(?:,[^,]{1,80},)?\s+(?:${VERBS})\b`, 'gu');
const VERB_BEFORE_NAME = new RegExp(String.raw`\b(?:${VERBS})\s+(${NAME}|${PRONOUN})`, 'gu');
const ACCORDING_TO = new RegExp(String.raw`\b[Aa]ccording to\s+(${NAME})`, 'gu');

/** Words that start a sentence with a capital but name nobody. */
const NOT_NAMES = new Set(
  'The A An This That These Those It Its There Here But And Or So Yet When While If As In On At By For From To Of Officials Critics Experts Residents Reports Data Figures Police Some Many Most Others We I You Our Their His Her Which What Who Why How Later Earlier Today Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);
function clean(candidate: string): string {
  let words = candidate.replace(/\s+/g, ' ').trim().split(' ');
  if (words[0]?.toLowerCase() === 'the' && words.length > 1) return words.join(' ').replace(/^The /, 'the '); // "the Office for …"
  while (words.length && NOT_NAMES.has(words[0]!)) words = words.slice(1);
  return words.join(' ').replace(/[.,]$/, '');
}

const isPronoun = (word: string) => /^(?:he|she|they)$/i.test(word);

/** Attributions in one sentence, in the order they appear. */
function attributions(sentence: string): string[] {
  const found: [number, string][] = [];
  for (const re of [ACCORDING_TO, VERB_BEFORE_NAME, NAME_BEFORE_VERB]) {
    re.lastIndex = 0;
    for (const m of sentence.matchAll(re)) found.push([m.index ?? 0, m[1]!]);
  }
  return found
    .sort((a, b) => a[0] - b[0])
    .map(([, name]) => (isPronoun(name) ? name.toLowerCase() : clean(name)))
    .filter(Boolean);
}

/** "Yorkin" → "Nicole Yorkin" when the article named her in full before; titles dropped. */
function fullName(name: string, earlierText: string): string {
  const words = name.split(' ').filter((w) => !isTitle(w));
  const short = words.join(' ');
  if (words.length !== 1) return short || name;
  const re = new RegExp(String.raw`((?:${UPPER}\s+){1,3})${escapeRegExp(short)}\b`, 'gu');
  let best = '';
  for (const m of earlierText.matchAll(re)) {
    const first = m[1]!.trim().split(/\s+/).filter((w) => !NOT_NAMES.has(w) && !isTitle(w));
    if (first.length) best ||= `${first.join(' ')} ${short}`;
  }
  return best || short;
}

/** The last person or body named in a sentence (for "she said" in the next one). */
function lastNamed(sentence: string): string {
  const names = [...sentence.matchAll(new RegExp(NAME, 'gu'))]
    .map((m) => clean(m[0]))
    .filter((n) => n && n.split(' ').length >= 2);
  return names.at(-1) ?? '';
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function suggestClaimant(
  article: { text: string; author: string; outlet: string; statements: readonly { start: number; text: string }[] },
  index: number,
): ClaimantSuggestion {
  const statement = article.statements[index];
  const own: ClaimantSuggestion = { claimant: article.author || article.outlet, from: 'article' };
  if (!statement) return own;
  const before = article.text.slice(0, statement.start);
  const previous = article.statements[index - 1]?.text ?? '';
  for (const [sentence, from] of [
    [statement.text, 'sentence'],
    [previous, 'sentence before'],
  ] as const) {
    for (const name of attributions(sentence)) {
      if (isPronoun(name)) {
        const named = lastNamed(from === 'sentence' ? previous : article.statements[index - 2]?.text ?? '');
        if (named) return { claimant: fullName(named, before), from };
        continue;
      }
      return { claimant: fullName(name, before), from };
    }
  }
  return own;
}
