/**
 * A DOM tree as the plain text an editor reads: block elements become paragraphs separated by
 * a blank line, <br> a line break, list items and table rows one per line, headings a paragraph
 * of their own. Whitespace is collapsed as a browser would (except in <pre>); entities were
 * already decoded by the parser. Right-to-left and CJK text pass through untouched: only ASCII
 * whitespace is ever changed, and no spaces are invented between inline elements.
 */

/** Not reading matter even when a sanitiser let it through: skipped with everything inside. */
const SKIPPED = new Set([
  'head', 'title', 'meta', 'link', 'base', 'script', 'noscript', 'style', 'template', 'iframe', 'frame',
  'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'img',
  'picture', 'map', 'area', 'input', 'button', 'select', 'option', 'textarea', 'datalist', 'dialog',
]);

/** Elements that start and end a paragraph. */
const PARAGRAPH = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'nav', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'ul', 'caption',
]);

/** Elements that take a line of their own inside a paragraph. */
const LINE = new Set(['li', 'dt', 'dd', 'tr']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function domToText(root: Node): string {
  const out = new TextWriter();
  // An explicit stack instead of recursion: a hostile page can nest elements deeper than the call stack.
  const stack: Array<{ node: Node; leaving: boolean }> = [{ node: root, leaving: false }];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      out.write(node.nodeValue ?? '');
      continue;
    }
    const tag = node.nodeType === ELEMENT_NODE ? (node as Element).localName : '';
    if (leaving) {
      leave(out, node as Element, tag);
      continue;
    }
    if (tag) {
      const element = node as Element;
      if (SKIPPED.has(tag) || element.hasAttribute('hidden')) continue;
      if (!enter(out, element, tag)) continue;
      stack.push({ node, leaving: true });
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push({ node: child, leaving: false });
  }
  return out.toString();
}

/** Writes what comes before the element's content; false when it has none worth walking. */
function enter(out: TextWriter, element: Element, tag: string): boolean {
  if (tag === 'br') {
    out.lineBreak();
    return false;
  }
  if (tag === 'pre') out.preformatted++;
  if (tag === 'td' || tag === 'th') out.separator('\t');
  else if (isList(tag) && element.parentElement?.closest('li, dd')) out.breakLine(1); // a nested list stays with its item
  else if (PARAGRAPH.has(tag)) out.breakLine(2);
  else if (LINE.has(tag)) out.breakLine(1);
  return true;
}

function leave(out: TextWriter, element: Element, tag: string): void {
  if (tag === 'pre') out.preformatted--;
  if (isList(tag) && element.parentElement?.closest('li, dd')) out.breakLine(1);
  else if (PARAGRAPH.has(tag)) out.breakLine(2);
  else if (LINE.has(tag)) out.breakLine(1);
}

function isList(tag: string): boolean {
  return tag === 'ul' || tag === 'ol' || tag === 'dl';
}

/**
 * Accumulates text, holding back line breaks and spaces until the next visible character, so
 * that nested blocks give one blank line, not several, and no line starts or ends with a space.
 */
class TextWriter {
  preformatted = 0;
  private parts: string[] = [];
  private pendingBreaks = 0;
  private pendingSpace = '';
  private atLineStart = true;

  write(raw: string): void {
    if (this.preformatted > 0) {
      if (raw) this.emit(raw.replace(/\r\n?/g, '\n'));
      return;
    }
    // HTML collapses ASCII whitespace only; U+00A0 and CJK/Arabic spacing are the author's and stay.
    const text = raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (!text) return;
    const body = text.replace(/^ /, '').replace(/ $/, '');
    if (text.startsWith(' ')) this.separator(' ');
    if (body) this.emit(body);
    if (body && text.endsWith(' ')) this.separator(' ');
  }

  /** A space (or tab between table cells) before the next text, unless that text starts a line. */
  separator(sep: string): void {
    if (this.atLineStart || this.pendingBreaks) return;
    if (this.pendingSpace !== '\t') this.pendingSpace = sep;
  }

  /** 1: the next text starts a new line; 2: a new paragraph. Never at the very start. */
  breakLine(lines: 1 | 2): void {
    if (!this.parts.length) return;
    this.pendingBreaks = Math.max(this.pendingBreaks, lines);
    this.pendingSpace = '';
  }

  /** <br>: each one adds a line; two in a row make a paragraph break, and more are no different. */
  lineBreak(): void {
    if (!this.parts.length) return;
    this.pendingBreaks = Math.min(2, this.pendingBreaks + 1);
    this.pendingSpace = '';
  }

  private emit(text: string): void {
    if (this.pendingBreaks) this.parts.push('\n'.repeat(this.pendingBreaks));
    else if (this.pendingSpace) this.parts.push(this.pendingSpace);
    this.pendingBreaks = 0;
    this.pendingSpace = '';
    this.parts.push(text);
    this.atLineStart = text.endsWith('\n');
  }

  toString(): string {
    return this.parts.join('');
  }
}
