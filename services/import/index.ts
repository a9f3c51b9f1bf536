/**
 * Turns a file the editor opened or dropped into the text and metadata of a new article.
 * Only formats we can read faithfully are accepted; everything else gets a message that
 * names the file and says what is wrong, and nothing is added to the library.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportedDraft } from '../../api/contract';
import { UserError } from '../../store/errors';
import { MAX_ARTICLE_CHARS } from '../../store/schema';
import { markdownToText } from './markdown';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const ARTICLE_EXTENSIONS = ['txt', 'md', 'markdown'] as const;

export async function importArticleFile(file: string): Promise<ImportedDraft> {
  const name = path.basename(file);
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (err) {
    throw new UserError('import-failed', `Could not open ${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message}.`);
  }
  checkSize(name, size);
  return importArticleBytes(name, new Uint8Array(await fs.readFile(file)));
}

export function importArticleBytes(name: string, bytes: Uint8Array): ImportedDraft {
  checkSize(name, bytes.byteLength);
  const ext = path.extname(name).slice(1).toLowerCase();
  if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UserError('import-failed', `${name} is not a file Factdesk can open as an article. Use a .txt or .md file, or paste the text.`);
  }
  const raw = decodeText(name, bytes);
  const { text, title } = ext === 'txt' ? { text: raw, title: '' } : markdownToText(raw);
  const clean = normaliseText(text);
  if (!clean.trim()) throw new UserError('import-failed', `${name} is empty: there is no text to check.`);
  if (clean.length > MAX_ARTICLE_CHARS) {
    throw new UserError('import-failed', `${name} is too long for one article (${clean.length.toLocaleString('en')} characters; the limit is ${MAX_ARTICLE_CHARS.toLocaleString('en')}).`);
  }
  return { text: clean, title, author: '', outlet: '', url: '', publishedAt: '', fileName: name };
}

function checkSize(name: string, bytes: number): void {
  if (bytes === 0) throw new UserError('import-failed', `${name} is empty: there is no text to check.`);
  if (bytes > MAX_IMPORT_BYTES) {
    throw new UserError('import-failed', `${name} is too large (${(bytes / 1024 / 1024).toFixed(1)} MB); Factdesk opens articles up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
}

/** Strict UTF-8 (with or without BOM), or UTF-16 with a BOM; a binary file is refused, not shown as garbage. */
export function decodeText(name: string, bytes: Uint8Array): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError('import-failed', `${name} is not UTF-8 text: it may be a binary file, or saved in another encoding. Save it as UTF-8 and try again.`);
  }
  // Control characters other than tab and line breaks do not occur in articles; they mean binary data.
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.001) {
    throw new UserError('import-failed', `${name} looks like a binary file, not text.`);
  }
  return text;
}

/** One kind of line break, no BOM, no trailing spaces: statement offsets refer to this text. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
