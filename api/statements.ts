/** A statement's verdict and evidence, its sign-off and corrections, and splitting and merging. */
import * as v from 'valibot';
import { ArticleSchema, CorrectionInputSchema, MAX_ARTICLE_CHARS, StatementPatchSchema, StatementSchema } from '../domain/schema';
import { articleId, method, statementId } from './method';

const StatementPatch = v.strictObject(StatementPatchSchema.entries);
const CorrectionInput = v.strictObject(CorrectionInputSchema.entries);
/** Characters from the start of the statement. */
const offset = v.pipe(v.number(), v.integer(), v.minValue(1, 'must be inside the statement'), v.maxValue(MAX_ARTICLE_CHARS));

export const STATEMENT_METHODS = {
  /**
   * Records a verdict, explanation, internal note, claimant or sources for one statement,
   * under the editor's name; quotes are checked again against their attached documents.
   */
  markStatement: method('factdesk:statement:mark', [articleId, statementId, StatementPatch], StatementSchema),
  /** Splits a statement at `offset` into its text; the first part keeps the verdict and evidence. */
  splitStatement: method('factdesk:statement:split', [articleId, statementId, offset], ArticleSchema),
  /** Joins a statement with the next one, keeping the evidence of both. */
  mergeWithNext: method('factdesk:statement:merge', [articleId, statementId], ArticleSchema),
  /** Records a correction after publication (day, what changed, why, the corrected verdict). */
  correctStatement: method('factdesk:statement:correct', [articleId, statementId, CorrectionInput], StatementSchema),
  /** A second editor signs off the current verdict (never the editor who gave it). */
  signOff: method('factdesk:statement:sign-off', [articleId, statementId], StatementSchema),
  /** Settles a desk conflict (two editors changed the statement while apart) by keeping the version shown. */
  settleConflict: method('factdesk:statement:settle-conflict', [articleId, statementId], StatementSchema),
};
