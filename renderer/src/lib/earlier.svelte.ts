/**
 * Earlier checks of the claim the editor is looking at (issue 16): the list for the selected
 * statement, and which statements of the open article have one (the reading view marks them).
 * Both come from the library index in the main process; a failure shows as a message and
 * leaves the check itself untouched.
 */
import type { EarlierCheck } from '$api/contract';
import { api, errorMessage } from './api';

/** How many earlier checks the evidence panel lists. */
export const EARLIER_LIMIT = 5;

class EarlierChecks {
  /** For the statement in `statementId`; empty while loading or when there are none. */
  list = $state.raw<EarlierCheck[]>([]);
  statementId = $state('');
  error = $state('');
  /** Statements of the open article with at least one earlier check. */
  marked = $state.raw<ReadonlySet<string>>(new Set());
  private asked = 0;
  private marksAsked = 0;

  load = async (articleId: string, statementId: string): Promise<void> => {
    const ticket = ++this.asked;
    this.statementId = statementId;
    this.list = [];
    this.error = '';
    try {
      const found = await api.earlierChecks(articleId, statementId, EARLIER_LIMIT);
      // A later selection wins: an answer for a statement no longer shown is dropped.
      if (ticket === this.asked) this.list = found;
    } catch (err) {
      if (ticket === this.asked) this.error = errorMessage(err);
    }
  };

  loadMarks = async (articleId: string): Promise<void> => {
    const ticket = ++this.marksAsked;
    try {
      const ids = await api.statementsWithEarlierChecks(articleId);
      if (ticket === this.marksAsked) this.marked = new Set(ids);
    } catch {
      if (ticket === this.marksAsked) this.marked = new Set(); // the panel says why when a statement is chosen
    }
  };
}

export const earlier = new EarlierChecks();
