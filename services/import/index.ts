/**
 * Turns a file the editor opened or dropped, or a web address, into the text and metadata of
 * a new article. Only formats we can read faithfully are accepted; everything else gets one
 * message that names the file and says what is wrong, and nothing is added to the library.
 */
import path from 'node:path';
import type { ImportedDraft } from '../../api/contract';
import { checkSize, decodeText, describeSize, finishDraft, importError, MAX_IMPORT_BYTES, tooLargeMessage } from './draft';
import { readRegularFile } from './read-file';
import { markdownToText } from './markdown';
import type { UrlImportOptions } from './url';

export { MAX_IMPORT_BYTES, decodeText, normaliseText } from './draft';
export type { UrlImportOptions } from './url';
export { readRegularFile } from './read-file';

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
  // A regular file, sized before and while it is read: a 50 MB file is refused without loading it.
  const bytes = await readRegularFile(file, MAX_IMPORT_BYTES, importError, (size) => tooLargeMessage(name, describeSize(size)));
  return importArticleBytes(name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
