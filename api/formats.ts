/**
 * The report formats, in the Export menu's order. Kept apart from the schemas (reports.ts) so
 * that the renderer, which only lists them, does not bundle the validators.
 */
export const REPORT_FORMATS = ['pdf', 'html', 'md', 'csv', 'json', 'claimreview', 'annotated', 'annotated-pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
