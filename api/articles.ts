/** The library's articles: listing, opening, creating, editing their details and text, the trash. */
import * as v from 'valibot';
import {
  ArticleDraftSchema,
  ArticleMetaPatchSchema,
  ArticleSchema,
  ArticleSummarySchema,
  TrashEntrySchema,
} from '../domain/schema';
import { articleId, method, nothing, statementId } from './method';

// Inputs are strict: a field the store does not know is refused, never silently dropped.
const MetaPatch = v.strictObject(ArticleMetaPatchSchema.entries);

export const ARTICLE_METHODS = {
  /** The library's articles with their counts, from the index (no article file is read). */
  listArticles: method('factdesk:article:list', [], v.array(ArticleSummarySchema)),
  /** The articles in the trash, kept 30 days. */
  listTrash: method('factdesk:trash:list', [], v.array(TrashEntrySchema)),
  /** One article with its statements, verdicts and attached documents. */
  getArticle: method('factdesk:article:get', [articleId], ArticleSchema),
  /** Splits the text into statements and saves the new article. */
  createArticle: method('factdesk:article:create', [ArticleDraftSchema], ArticleSchema),
  /** Changes the article's details (title, outlet, author, link, date, fact-check page). */
  updateArticle: method('factdesk:article:update', [articleId, MetaPatch], ArticleSchema),
  /** Moves the article to the trash. */
  deleteArticle: method('factdesk:article:delete', [articleId], nothing),
  /** Brings an article back from the trash. */
  restoreArticle: method('factdesk:trash:restore', [articleId], ArticleSummarySchema),
  /**
   * Replaces the article's text; every verdict stays with its statement (re-anchored by its
   * words and their context), and verdicts whose statement is gone are kept as orphaned.
   */
  editArticleText: method('factdesk:article:edit-text', [articleId, ArticleDraftSchema.entries.text], ArticleSchema),
  /** Drops a verdict whose sentence was edited out of the text. */
  discardOrphan: method('factdesk:article:discard-orphan', [articleId, statementId], ArticleSchema),
};
