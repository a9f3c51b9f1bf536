/**
 * Markdown to the plain text an editor reads: markup is removed, paragraphs are kept, and a
 * leading "# Heading" becomes the title. Only what articles use; not a Markdown renderer.
 *
 * Every step is a single left-to-right pass. Files come from strangers, and the regular
 * expressions this replaced (`!\[([^\]]*)\]\(…`, `(\*\*)(.+?)\1`) rescanned the rest of the line
 * from every unclosed `![`, `[` or `**`: one 150 KB line of them took half a minute.
 */
export function markdownToText(markdown: string): { text: string; title: string } {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let inFence = false;
  let title = '';
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) continue; // horizontal rule: anchored, one way to match
    const heading = headingText(line);
    if (heading !== null) {
      const text = inline(heading);
      if (!title && !out.some((l) => l.trim())) title = text;
      out.push(text, '');
      continue;
    }
    out.push(inline(line.replace(/^\s{0,3}>\s?/, '')));
  }
  return { text: out.join('\n'), title };
}

/** "## Title ##" -> "Title"; null when the line is not an ATX heading. */
function headingText(line: string): string | null {
  const open = /^\s{0,3}#{1,6}\s+/.exec(line);
  if (!open) return null;
  // The closing sequence: trailing blanks, then #s, then blanks again.
  let end = line.length;
  while (end > open[0].length && /\s/.test(line[end - 1]!)) end--;
  while (end > open[0].length && line[end - 1] === '#') end--;
  while (end > open[0].length && /\s/.test(line[end - 1]!)) end--;
  return line.slice(open[0].length, end);
}

function inline(text: string): string {
  let out = text;
  out = replaceSpans(out, (s, i, next) => bracketed(s, i, next, '![', 0, '(', ')')); // images keep their alt text
  out = replaceSpans(out, (s, i, next) => bracketed(s, i, next, '[', 1, '(', ')')); // links keep their words
  out = replaceSpans(out, (s, i, next) => bracketed(s, i, next, '[', 1, '[', ']')); // reference links
  out = replaceSpans(out, code);
  out = replaceSpans(out, (s, i, next) => delimited(s, i, next, '**', true) ?? delimited(s, i, next, '__', true));
  out = replaceSpans(out, (s, i, next) => delimited(s, i, next, '*', true) ?? delimited(s, i, next, '_', true));
  out = replaceSpans(out, (s, i, next) => delimited(s, i, next, '~~', false));
  return replaceSpans(out, htmlTag);
}

interface Span {
  /** Just past the span. */
  end: number;
  /** What the span becomes. */
  keep: string;
}

/**
 * Finds the first position at or after `from` where a needle occurs (or a test passes). A pass
 * asks with `from` that never decreases, so each answer is reused until the pass moves beyond
 * it: however many openers share one closer, or lack one, the text is searched once.
 */
class NextFinder {
  /** The last search: from where, and what it found (-1: nothing from there to the end). */
  private from = -1;
  private found = -1;
  constructor(
    private readonly text: string,
    private readonly at: (text: string, position: number) => boolean,
  ) {}
  next(from: number): number {
    if (this.from >= 0 && from >= this.from && (this.found === -1 || this.found >= from)) return this.found;
    let position = -1;
    for (let k = from; k < this.text.length; k++) {
      if (this.at(this.text, k)) {
        position = k;
        break;
      }
    }
    this.from = from;
    this.found = position;
    return position;
  }
}

type Finders = (key: string, at: (text: string, position: number) => boolean) => NextFinder;
type Matcher = (text: string, i: number, finder: Finders) => Span | null;

/** One pass like `text.replace(/pattern/g, …)`: try a match at each position, left to right. */
function replaceSpans(text: string, match: Matcher): string {
  const finders = new Map<string, NextFinder>();
  const finder: Finders = (key, at) => {
    let found = finders.get(key);
    if (!found) finders.set(key, (found = new NextFinder(text, at)));
    return found;
  };
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const span = match(text, i, finder);
    if (span) {
      out += text.slice(copied, i) + span.keep;
      i = copied = span.end;
    } else i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const isChar = (char: string) => (text: string, k: number) => text[k] === char;

/** `![alt](…)`, `[words](…)`, `[words][ref]`: the words between the brackets, at least `min` of them. */
function bracketed(text: string, i: number, finder: Finders, open: string, min: number, targetOpen: string, targetClose: string): Span | null {
  if (!text.startsWith(open, i)) return null;
  const start = i + open.length;
  const close = finder(']', isChar(']')).next(start);
  if (close < 0 || close - start < min || text[close + 1] !== targetOpen) return null;
  const end = finder(`target${targetClose}`, isChar(targetClose)).next(close + 2);
  return end < 0 ? null : { end: end + 1, keep: text.slice(start, close) };
}

/** `` `code` ``: the characters up to the next backtick, at least one. */
function code(text: string, i: number, finder: Finders): Span | null {
  if (text[i] !== '`') return null;
  const close = finder('`', isChar('`')).next(i + 1);
  return close <= i + 1 ? null : { end: close + 1, keep: text.slice(i + 1, close) };
}

/**
 * `**words**`, `*words*`, `~~struck~~`: the first closer after at least one character.
 * `flanked`: the words may neither start nor end with a blank, as in Markdown.
 */
function delimited(text: string, i: number, finder: Finders, mark: string, flanked: boolean): Span | null {
  if (!text.startsWith(mark, i)) return null;
  const start = i + mark.length;
  if (start >= text.length || (flanked && /\s/.test(text[start]!))) return null;
  const closes = finder(`close${mark}`, (s, k) => s.startsWith(mark, k) && (!flanked || !/\s/.test(s[k - 1]!)));
  const close = closes.next(start + 1);
  return close < 0 ? null : { end: close + mark.length, keep: text.slice(start, close) };
}

/** `<b>`, `</span>`, `<a href=…>`: dropped. */
function htmlTag(text: string, i: number, finder: Finders): Span | null {
  if (text[i] !== '<') return null;
  const name = text[i + 1] === '/' ? i + 2 : i + 1;
  if (!/[a-z]/i.test(text[name] ?? '')) return null;
  const close = finder('>', isChar('>')).next(name + 1);
  return close < 0 ? null : { end: close + 1, keep: '' };
}
