/**
 * One normal form for comparing a quote with its source, and a map back to the original text.
 *
 * What is folded away is only what typesetting, copying and PDF extraction change without
 * changing the words: the shape of quote marks and dashes (ASCII "--" included), runs of whitespace and line breaks,
 * soft hyphens and words hyphenated across a line, ligatures, letter case, Unicode composition,
 * invisible direction marks and Hebrew/Arabic vowel points. Letters and digits themselves are
 * never changed, dropped or merged, so two texts that differ in a number, a name or a "not" can
 * never become equal here. That is what lets `quote-match` call such a match "normalised".
 *
 * Every character of the normal form remembers which stretch of the original it came from,
 * so a match found in the normal form can be shown, and stored, as offsets in the original.
 */

export interface NormalisedText {
  /** The normal form. */
  text: string;
  /** For each UTF-16 unit of `text`: where its original character starts. */
  starts: Int32Array;
  /** For each UTF-16 unit of `text`: where its original character (or whitespace run) ends. */
  ends: Int32Array;
}

// Invisible characters that copying and PDF extraction add or drop at random: soft hyphen,
// zero-width space/joiners, word joiner, byte order mark, and left-to-right/right-to-left marks
// and embeddings (common around Hebrew and Arabic text).
const IGNORED = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// Hebrew points and cantillation, and Arabic harakat: many sources print them, quotes rarely do.
// The Hebrew punctuation in the same block (maqaf, paseq, sof pasuq, geresh…) is not a mark.
const VOWEL_POINTS = /[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670]/;
// Joins parts of one word ("well-known", "inter-\nnational"); dropped between two letters.
const HYPHENS = new Set(['-', '\u2010', '\u2011', '\u05be' /* Hebrew maqaf */]);
// Dashes that set words apart; all become "-", and the spaces around them are dropped because
// typesetters disagree on them ("a — b", "a—b", "a - b").
const DASHES = new Set(['\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2043', '\ufe58', '\ufe63', '\uff0d']);
// Quotation marks and apostrophes, straight or curly, single or double, all become "'": a quote
// nested in an article's own quotation is printed with the other kind of mark, so which kind
// carries no meaning when comparing a quote with its source.
const QUOTE_MARKS = new Set([
  "'", '"', '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4', '\u02bc', '\u05f3' /* geresh */,
  '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb', '\u301d', '\u301e', '\u05f4' /* gershayim */,
]);
// Compatibility characters PDFs are full of. Deliberately not full NFKD: that would also turn
// "10²" into "102" and "½" into "1⁄2", which changes numbers.
const COMPATIBILITY: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
  '\u2026': '...',
};
const WHITESPACE = /\s/;
const LETTER = /\p{L}/u;
const NEWLINES = new Set(['\n', '\r', '\u2028', '\u2029', '\u000b', '\u000c']);

/** The normal form of `original`; see the file comment for what it folds. */
export function normalise(original: string): NormalisedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const last = () => out[out.length - 1];
  const emit = (text: string, start: number, end: number) => {
    for (let k = 0; k < text.length; k++) {
      out.push(text[k]!);
      starts.push(start);
      ends.push(end);
    }
  };

  let i = 0;
  while (i < original.length) {
    const code = original.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const next = i + ch.length;

    // Plain ASCII letters and digits are by far the most common: skip the checks below.
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) {
      emit(ch, i, next);
      i = next;
      continue;
    }
    if (code >= 0x41 && code <= 0x5a) {
      emit(ch.toLowerCase(), i, next);
      i = next;
      continue;
    }

    if (code === 0x20 || code === 0x0a || (code !== 0xad && WHITESPACE.test(ch))) {
      const previous = last();
      // A run of whitespace becomes one space, which stands for the whole run in the map.
      // None is kept at the start, or after a dash (see DASHES).
      if (previous === ' ') ends[ends.length - 1] = next;
      else if (previous !== undefined && previous !== '-') emit(' ', i, next);
      i = next;
      continue;
    }

    // "--" and "---" are how a keyboard types a dash (and TeX an en and em dash): a dash, not two hyphens.
    if (code === 0x2d && original[next] === '-') {
      let end = next + 1;
      if (original[end] === '-') end++;
      emitDash(i, end);
      i = end;
      continue;
    }

    if (HYPHENS.has(ch) || code === 0xad) {
      const previous = last();
      const after = skipToNextVisible(original, next);
      const previousIsLetter = previous !== undefined && LETTER.test(previous);
      const nextIsLetter = after.index < original.length && LETTER.test(String.fromCodePoint(original.codePointAt(after.index)!));
      // "inter-\nnational" and "well-known": a hyphen between letters, directly or across a line
      // break, joins one word. Dropping it on both sides makes "well-known" typed in a quote match
      // "well-\nknown" broken in a PDF, and "international" match "inter-\nnational". Next to a
      // digit ("10-12", "COVID-19", "-5") it is kept: there it may be a range or a minus sign.
      if (previousIsLetter && nextIsLetter && (after.index === next || after.crossesLine)) {
        i = after.index;
        continue;
      }
      // A soft hyphen is only ever a possible break, never a character of the text.
      if (code !== 0xad) emitDash(i, next);
      i = next;
      continue;
    }

    if (IGNORED.test(ch) || VOWEL_POINTS.test(ch)) {
      i = next;
      continue;
    }

    if (DASHES.has(ch)) {
      emitDash(i, next);
      i = next;
      continue;
    }

    if (QUOTE_MARKS.has(ch)) {
      emit("'", i, next);
      i = next;
      continue;
    }

    const compatible = COMPATIBILITY[ch];
    if (compatible !== undefined) {
      emit(compatible, i, next);
      i = next;
      continue;
    }
    // Full-width ASCII (common in CJK text): "ＡＢＣ１２" is "ABC12".
    if (code >= 0xff01 && code <= 0xff5e) {
      emit(String.fromCharCode(code - 0xfee0).toLowerCase(), i, next);
      i = next;
      continue;
    }

    // Canonical decomposition makes "é" typed as one character equal "é" typed as e + accent.
    // Hebrew/Arabic points can appear only after decomposition, so they are filtered again.
    let decomposed = code < 0x80 ? ch : ch.normalize('NFD');
    if (decomposed.length > 1 || code >= 0x80) decomposed = [...decomposed].filter((c) => !VOWEL_POINTS.test(c)).join('');
    emit(decomposed.toLowerCase(), i, next);
    i = next;
  }

  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };

  function emitDash(start: number, end: number) {
    // "a — b", "a—b" and "a - b" all become "a-b". But a space before a dash that stands right
    // before a number, after a word, is kept: that dash is a minus sign ("fell to -5"), and
    // must not look like the hyphen in "COVID-19".
    const minusSign = isDigitAt(original, end) && !isDigitAt(out[out.length - 2] ?? '', 0);
    if (last() === ' ' && !minusSign) {
      out.pop();
      starts.pop();
      ends.pop();
    }
    emit('-', start, end);
  }
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

/** Where the next visible character after `from` is, and whether a line break lies before it. */
function skipToNextVisible(text: string, from: number): { index: number; crossesLine: boolean } {
  let index = from;
  let crossesLine = false;
  while (index < text.length) {
    const ch = text[index]!;
    if (NEWLINES.has(ch)) crossesLine = true;
    else if (!IGNORED.test(ch) && !WHITESPACE.test(ch)) break;
    index++;
  }
  return { index, crossesLine };
}

/** The original offsets of the normal-form range [start, end); `end` > `start`. */
export function toOriginalRange(normal: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: normal.starts[start]!, end: normal.ends[end - 1]! };
}
