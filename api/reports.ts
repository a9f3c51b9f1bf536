/** Fact-check reports: exporting one, importing a JSON report, and the session's recent exports. */
import * as v from 'valibot';
import { ArticleSchema, ReportScopeSchema } from '../domain/schema';
import { REPORT_FORMATS } from './formats';
import { articleId, method, nothing } from './method';

export { REPORT_FORMATS, type ReportFormat } from './formats';

/** A report this session saved, for the Export menu's recent list and "Show in folder". */
export const RecentExportSchema = v.object({
  path: v.string(),
  format: v.picklist(REPORT_FORMATS),
  articleId: v.string(),
  title: v.string(),
  /** ISO timestamp. */
  at: v.string(),
});
export type RecentExport = v.InferOutput<typeof RecentExportSchema>;

/** What the report includes; a public report when absent, each option left out keeps its default. */
const Scope = v.optional(v.strictObject(v.partial(ReportScopeSchema).entries));

export const REPORT_METHODS = {
  /**
   * Native save dialog, then writes the report; null when the editor cancels. `scope` says what
   * it includes (a public report when absent); `warnings` what it fell back on or left out.
   */
  exportReport: method(
    'factdesk:report:export',
    [articleId, v.picklist(REPORT_FORMATS), Scope],
    v.nullable(v.object({ path: v.string(), warnings: v.optional(v.array(v.string())) })),
  ),
  /** Native open dialog for a JSON report, then adds its article with every verdict and source; null when cancelled. */
  importReport: method('factdesk:report:import', [], v.nullable(ArticleSchema)),
  /** The reports saved since the app started, newest first (a short list). */
  recentExports: method('factdesk:report:recent', [], v.array(RecentExportSchema)),
  /** Shows a report saved this session in the file manager; other paths are refused. */
  showInFolder: method('factdesk:shell:show-in-folder', [v.pipe(v.string(), v.minLength(1), v.maxLength(4096))], nothing),
};
