/**
 * How an article travels through the desk's CouchDB: the mapping between one lowdb article
 * file and its documents. Pure functions, tested without a database.
 *
 * One document per article (text, metadata, the order of its statements), one per statement
 * (verdict, sources, note, review, history…) and one per attached source document (its
 * reference, with the text as an attachment). Two editors working on different statements of
 * one article therefore write different documents and never conflict. What every editor's
 * change would touch is left out of the shared documents: the article's `updatedAt` (each
 * store sets its own) and the local conflict flag (derived from the replica on each pull).
 *
 * The statement and article documents carry every field of the store's schema except those
 * named here, so fields added to the schema later travel without a change to this file.
 */
import { createHash } from 'node:crypto';
import type { Article, DocumentRef, SourceDocument, Statement } from '../../domain/schema';

export const ARTICLE_PREFIX = 'article:';
export const STATEMENT_PREFIX = 'statement:';
export const DOCUMENT_PREFIX = 'document:';
/** The attachment of a source document's document: its text and page starts, as JSON. */
export const DOCUMENT_ATTACHMENT = 'text.json';

export const articleDocId = (articleId: string) => `${ARTICLE_PREFIX}${articleId}`;
export const statementDocId = (articleId: string, statementId: string) => `${STATEMENT_PREFIX}${articleId}:${statementId}`;
export const documentDocId = (articleId: string, documentId: string) => `${DOCUMENT_PREFIX}${articleId}:${documentId}`;

/** The article a document belongs to, from its _id (ids never contain ':'). */
export function articleIdOf(docId: string): string | null {
  const [type, articleId] = docId.split(':');
  return type && articleId && ['article', 'statement', 'document'].includes(type) ? articleId : null;
}

/** Fields CouchDB and the desk add; never part of an article. */
interface DeskFields {
  _id: string;
  _rev?: string;
  _conflicts?: string[];
  _deleted?: boolean;
  /** The desk user who wrote this revision; the server refuses any other name (design.ts). */
  editedBy: string;
}

export type ArticleDoc = DeskFields & { type: 'article'; statementIds: string[] } & Omit<
    Article,
    'statements' | 'documents' | 'updatedAt' | 'deskConflict'
  >;
export type StatementDoc = DeskFields & { type: 'statement'; articleId: string } & Omit<Statement, 'id' | 'deskConflict'>;
export type DocumentDoc = DeskFields & { type: 'document'; articleId: string } & Omit<DocumentRef, never>;
export type DeskDoc = ArticleDoc | StatementDoc | DocumentDoc;

export function toArticleDoc(article: Article, editedBy: string): ArticleDoc {
  const { statements, documents: _, updatedAt: __, deskConflict: ___, ...rest } = article;
  return { _id: articleDocId(article.id), type: 'article', editedBy, ...rest, statementIds: statements.map((s) => s.id) };
}

export function toStatementDoc(articleId: string, statement: Statement, editedBy: string): StatementDoc {
  const { id, deskConflict: _, ...rest } = statement;
  return { _id: statementDocId(articleId, id), type: 'statement', articleId, editedBy, ...rest };
}

export function toDocumentDoc(articleId: string, ref: DocumentRef, editedBy: string): DocumentDoc {
  return { _id: documentDocId(articleId, ref.id), type: 'document', articleId, editedBy, ...ref };
}

export function documentAttachment(document: SourceDocument): { content_type: string; data: Buffer } {
  const body = JSON.stringify({ text: document.text, pageStarts: document.pageStarts });
  return { content_type: 'application/json', data: Buffer.from(body, 'utf8') };
}

export function fromArticleDoc(doc: ArticleDoc): Omit<Article, 'statements' | 'documents' | 'updatedAt' | 'deskConflict'> {
  const { _id, _rev, _conflicts, _deleted, type, editedBy, statementIds, ...article } = doc as ArticleDoc & { _attachments?: unknown };
  return article;
}

export function fromStatementDoc(doc: StatementDoc): Statement {
  const { _id, _rev, _conflicts, _deleted, type, editedBy, articleId, ...statement } = doc;
  return { id: _id.slice(STATEMENT_PREFIX.length + articleId.length + 1), ...statement };
}

export function fromDocumentDoc(doc: DocumentDoc): DocumentRef {
  const { _id, _rev, _conflicts, _deleted, type, editedBy, articleId, ...ref } = doc as DocumentDoc & { _attachments?: unknown };
  return ref;
}

/**
 * A statement changed on two sides while apart: CouchDB keeps every side as a revision and
 * picks the same winner everywhere. Factdesk shows the winner with the history of every side
 * (history entries merge by union, in time order) and flags it, naming who changed it.
 */
export function mergeConflictingStatements(winner: StatementDoc, others: StatementDoc[]): Statement {
  const statement = fromStatementDoc(winner);
  if (!others.length) return statement;
  statement.history = unionHistory([winner, ...others].map((d) => d.history));
  const editors = [...new Set([winner, ...others].map((d) => d.editedBy))].sort();
  statement.deskConflict = { editors, message: `Changed by ${listNames(editors)} while apart` };
  return statement;
}

/**
 * The article's own fields changed on two sides while apart: CouchDB's winner is shown (the
 * same everywhere) and the other sides stay on the desk; the flag names who changed it.
 */
export function articleConflict(winner: ArticleDoc, others: ArticleDoc[]): Article['deskConflict'] {
  if (!others.length) return undefined;
  const editors = [...new Set([winner, ...others].map((d) => d.editedBy))].sort();
  return { editors, message: `Article details changed by ${listNames(editors)} while apart` };
}

export function unionHistory(histories: Statement['history'][]): Statement['history'] {
  const seen = new Map<string, Statement['history'][number]>();
  for (const history of histories) for (const entry of history) seen.set(stableJson(entry), entry);
  // Stable sort: entries with the same time keep the order of the first side that had them.
  return [...seen.values()].sort((a, b) => a.at.localeCompare(b.at));
}

function listNames(names: string[]): string {
  if (names.length === 1) return `${names[0]} on two machines`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Whether a stored document already says what a new one says, ignoring who wrote it and the
 * revision bookkeeping: only a real change is written (and replicated).
 */
export function sameContent(a: object, b: object): boolean {
  return stableJson(content(a)) === stableJson(content(b));
}

function content(doc: object): object {
  const { _rev, _conflicts, _attachments, editedBy, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/** A short fingerprint of a document's content (what sameContent compares). */
export function contentHash(doc: object): string {
  return createHash('sha1').update(stableJson(content(doc))).digest('base64url');
}

/** JSON with object keys sorted, so two equal documents always give the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
