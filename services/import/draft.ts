/**
 * What every import path shares: size limits, strict decoding, one normal form for the text,
 * and the final checks that decide whether a draft reaches the New article form at all.
 * Each failure is a UserError whose message names the file (or page) and says what is wrong.
 */
import { MAX_IMPORT_BYTES, type ImportedDraft } from '../../api/import';
import { UserError } from '../../store/errors';
import { MAX_ARTICLE_CHARS } from '../../domain/schema';

export { MAX_IMPORT_BYTES };
/** The whole exchange with a web server, redirects and body included. */
export const URL_TIMEOUT_MS = 15_000;

/** Title, author and outlet are stored with this limit (see domain/schema.ts); longer values would be refused on save. */
const MAX_META_CHARS = 500;

export function importError(message: string): UserError {
  return new UserError('import-failed', message);
}

export function describeSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function tooLargeMessage(name: string, detail: string): string {
  return `${name} is too large (${detail}); Factdesk opens articles up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`;
}

export function checkSize(name: string, bytes: number): void {
  if (bytes === 0) throw importError(`${name} is empty: there is no text to check.`);
  if (bytes > MAX_IMPORT_BYTES) throw importError(tooLargeMessage(name, describeSize(bytes)));
}

/**
 * Strict UTF-8 (with or without BOM), or UTF-16 with a BOM; a binary file is refused, not shown
 * as garbage. `charset` is what an HTML page or an HTTP header declared: a byte order mark
 * still wins over it, and UTF-8 (the default) is always decoded strictly.
 */
export function decodeText(name: string, bytes: Uint8Array, charset = 'utf-8'): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeStrict(name, bytes, 'utf-16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeStrict(name, bytes, 'utf-16be');
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = decodeStrict(name, bytes, 'utf-8');
  else text = decodeStrict(name, bytes, declaredEncoding(charset));
  // Control characters other than tab and line breaks do not occur in articles; they mean binary data.
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.001) {
    throw importError(`${name} looks like a binary file, not text.`);
  }
  return text;
}

function decodeStrict(name: string, bytes: Uint8Array, encoding: string): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    // Node 20's decoder reads windows-1252 as ISO-8859-1, turning curly quotes and dashes into C1 controls.
    return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c) : text;
  } catch {
    if (encoding === 'utf-8') {
      throw importError(`${name} is not UTF-8 text: it may be a binary file, or saved in another encoding. Save it as UTF-8 and try again.`);
    }
    throw importError(`${name} is not valid ${encoding} text, although it says it is: it may be damaged.`);
  }
}

/** Bytes 0x80–0x9F in windows-1252; the five it leaves undefined map to themselves. */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * The WHATWG name of a declared encoding label ("latin1" -> "windows-1252"). Labels Node does not
 * know fall back to UTF-8, and so does UTF-16 without a byte order mark: browsers do the same,
 * because such a declaration is almost always wrong.
 */
function declaredEncoding(label: string): string {
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return 'utf-8';
  }
}

/** One kind of line break, no BOM, no trailing spaces: statement offsets refer to this text. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .split('\n')
    .map(trimEndBlanks)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A line without its trailing spaces and tabs. By hand, not `/[ \t]+$/gm`: that pattern
 * restarts at every blank of a long run that does not end the line, so 100,000 spaces in the
 * middle of a line took half a minute.
 */
export function trimEndBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Metadata as a form field shows it: one line, trimmed, no longer than the store keeps. */
export function metaField(value: string | null | undefined): string {
  const line = (value ?? '').replace(/\s+/g, ' ').trim();
  return line.length > MAX_META_CHARS ? `${line.slice(0, MAX_META_CHARS - 1)}…` : line;
}

export type DraftMeta = Partial<Pick<ImportedDraft, 'title' | 'author' | 'outlet' | 'url' | 'publishedAt'>>;

/**
 * The last step of every import: normalise the text, refuse an empty or over-long article,
 * and fill every field so the form never sees undefined. `name` is what messages call the
 * source; `fileName` what the form shows it came from.
 */
export function finishDraft(name: string, text: string, meta: DraftMeta = {}, fileName = name): ImportedDraft {
  const clean = normaliseText(text);
  if (!clean) throw importError(`${name} is empty: there is no text to check.`);
  if (clean.length > MAX_ARTICLE_CHARS) {
    throw importError(
      `${name} is too long for one article (${clean.length.toLocaleString('en')} characters; the limit is ${MAX_ARTICLE_CHARS.toLocaleString('en')}).`,
    );
  }
  return {
    text: clean,
    title: metaField(meta.title),
    author: metaField(meta.author),
    outlet: metaField(meta.outlet),
    url: meta.url ?? '',
    publishedAt: meta.publishedAt ?? '',
    fileName,
  };
}
