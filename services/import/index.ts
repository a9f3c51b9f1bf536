/**
 * Turns a file the editor opened or dropped, or a web address, into the text and metadata of
 * a new article. Only formats we can read faithfully are accepted; everything else gets one
 * message that names the file and says what is wrong, and nothing is added to the library.
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { ImportedDraft } from '../../api/contract';
import { checkSize, decodeText, finishDraft, importError } from './draft';
import { markdownToText } from './markdown';
import type { UrlImportOptions } from './url';

export { MAX_IMPORT_BYTES, decodeText, normaliseText } from './draft';
export type { UrlImportOptions } from './url';

// jsdom takes about half a second to load. The HTML, Word and URL paths are imported when first
// used, so starting the app or the `factdesk` command, or opening a .txt file, does not pay for it.
const html = () => import('./html');
const article = () => import('./article');

/** A web page's article and metadata; see url.ts. */
export async function importArticleUrl(address: string, options?: UrlImportOptions): Promise<ImportedDraft> {
  return (await import('./url')).importArticleUrl(address, options);
}

/** Any HTML fragment (a rich-text paste) as sanitised plain text with its paragraphs. */
export async function htmlToText(markup: string): Promise<string> {
  return (await html()).htmlToText(markup);
}

export const ARTICLE_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm', 'docx'] as const;

export async function importArticleFile(file: string): Promise<ImportedDraft> {
  const name = path.basename(file);
  let stat: Stats;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    throw importError(`Could not open ${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message}.`);
  }
  if (!stat.isFile()) throw importError(`Could not open ${name}: it is a folder, not a file.`);
  // Sized before it is read: a 50 MB file is refused without loading it into memory.
  checkSize(name, stat.size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (err) {
    throw importError(`Could not read ${name}: ${(err as Error).message}.`);
  }
  return importArticleBytes(name, bytes);
}

export async function importArticleBytes(name: string, bytes: Uint8Array): Promise<ImportedDraft> {
  checkSize(name, bytes.byteLength);
  const ext = path.extname(name).slice(1).toLowerCase();
  switch (ext) {
    case 'txt':
      return finishDraft(name, decodeText(name, bytes));
    case 'md':
    case 'markdown': {
      const { text, title } = markdownToText(decodeText(name, bytes));
      return finishDraft(name, text, { title });
    }
    case 'html':
    case 'htm': {
      const charset = (await html()).declaredCharset(bytes);
      const { text, ...meta } = (await article()).extractArticle(name, decodeText(name, bytes, charset));
      return finishDraft(name, text, meta);
    }
    case 'docx': {
      const { text, ...meta } = await (await import('./docx')).readDocx(name, bytes);
      return finishDraft(name, text, meta);
    }
    default:
      throw importError(`${name} is not a file Factdesk can open as an article. Use a .txt, .md, .html or .docx file, or paste the text.`);
  }
}
