/** Source documents attached to an article, against which quotes are checked. */
import * as v from 'valibot';
import { DocumentRefSchema, SourceDocumentSchema } from '../domain/schema';
import { articleId, documentId, FetchOptionsSchema, httpUrl, method } from './method';

export const SOURCE_METHODS = {
  /** Native open dialog for a .pdf/.docx/.html/.txt/.md source, then attaches it; null when the editor cancels. */
  attachSourceFile: method('factdesk:source:attach-file', [articleId], v.nullable(DocumentRefSchema)),
  /**
   * Fetches an http(s) page and attaches its text. A page on this computer or the newsroom's
   * network fails with 'private-address' unless the editor allowed it (allowPrivateNetwork).
   */
  attachSourceUrl: method('factdesk:source:attach-url', [articleId, httpUrl, FetchOptionsSchema], DocumentRefSchema),
  /** An attached document with its full text, for the source viewer. */
  getSourceDocument: method('factdesk:source:get', [articleId, documentId], SourceDocumentSchema),
};
