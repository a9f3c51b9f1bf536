import type { Article } from '../../domain/schema';
import { VERDICTS, type Verdict } from '../../domain/verdicts';

export interface ReportSummary {
  total: number;
  checked: number;
  /** Whole percent of statements with a verdict other than unchecked. */
  percentChecked: number;
  counts: Record<Verdict, number>;
}

export function summarise(article: Article): ReportSummary {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const s of article.statements) counts[s.verdict]++;
  const total = article.statements.length;
  const checked = total - counts.unchecked;
  return { total, checked, percentChecked: total ? Math.round((checked / total) * 100) : 0, counts };
}
