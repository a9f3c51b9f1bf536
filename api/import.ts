/** Bringing an article in: a file from the open dialog, a dropped file, or a web page. */
import * as v from 'valibot';
import { FetchOptionsSchema, httpUrl, method, nothing } from './method';

/** The largest article file or page Factdesk reads (services/import checks it while reading). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** What an import produces for the New article form: text plus whatever metadata the file had. */
export const ImportedDraftSchema = v.object({
  text: v.string(),
  title: v.string(),
  author: v.string(),
  outlet: v.string(),
  url: v.string(),
  publishedAt: v.string(),
  fileName: v.string(),
});
export type ImportedDraft = v.InferOutput<typeof ImportedDraftSchema>;

/** A file the editor dropped on the window, read by the renderer and sent as bytes. */
export const DroppedFileSchema = v.strictObject({
  // A file's own name: no folders, no control characters, no bidi overrides that could
  // make "invoice\u202Etxt.exe" read as "invoiceexe.txt" in a message.
  name: v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(255),
    v.regex(/^[^\u0000-\u001f\u007f/\\\u202a-\u202e\u2066-\u2069]+$/, 'must be a plain file name'),
  ),
  bytes: v.pipe(
    v.instance(Uint8Array),
    v.check((b) => b.byteLength <= MAX_IMPORT_BYTES, `is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
  ),
});
export type DroppedFile = v.InferInput<typeof DroppedFileSchema>;

export const IMPORT_METHODS = {
  /** Native open dialog for .txt/.md/.html/.docx, then reads it; null when the editor cancels. */
  openArticleFile: method('factdesk:file:open', [], v.nullable(ImportedDraftSchema)),
  /** Reads a file dropped on the window. */
  readArticleFile: method('factdesk:file:read', [DroppedFileSchema], ImportedDraftSchema),
  /**
   * Fetches an http(s) page in the main process and extracts its article; fileName is the site's
   * host name. A page on this computer or the newsroom's network fails with 'private-address'
   * unless the editor allowed it (options.allowPrivateNetwork).
   */
  importUrl: method('factdesk:file:url', [httpUrl, FetchOptionsSchema], ImportedDraftSchema),
  /** Stops the file or page being read for an import or a source; that call fails with 'cancelled'. */
  cancelImport: method('factdesk:file:cancel', [], nothing),
};
