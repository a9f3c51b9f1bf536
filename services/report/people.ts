/**
 * Who checked a statement, who signed it off and when, for every report format: the store's
 * accountability fields (checkedBy/checkedAt, review), read the same way everywhere. A
 * statement without a verdict has no checker, whatever a stale field may say; "checked at"
 * falls back to the statement's last change for data saved before checkedAt existed.
 */
import type { Statement } from '../../domain/schema';
import { isAwaitingSignOff } from '../../domain/sign-off';

export interface Accountability {
  /** Who gave the verdict; '' when unknown or unchecked. */
  checker: string;
  /** Who signed the verdict off; '' when nobody has. */
  reviewer: string;
  /** When the verdict was given (ISO timestamp); '' for unchecked statements. */
  checkedAt: string;
  /** When it was signed off (ISO timestamp), or ''. */
  reviewedAt: string;
  /** A verdict that needs a second editor's sign-off and does not have it yet. */
  awaitingSignOff: boolean;
}

const NONE: Accountability = { checker: '', reviewer: '', checkedAt: '', reviewedAt: '', awaitingSignOff: false };

export function accountability(statement: Statement): Accountability {
  if (statement.verdict === 'unchecked') return NONE;
  // Fields are read defensively: a report may be rendered from data older than the fields.
  const review = statement.review ?? null;
  return {
    checker: (statement.checkedBy ?? '').trim(),
    reviewer: (review?.by ?? '').trim(),
    checkedAt: statement.checkedAt ?? statement.updatedAt ?? '',
    reviewedAt: review?.at ?? '',
    awaitingSignOff: isAwaitingSignOff({ verdict: statement.verdict, review }),
  };
}
