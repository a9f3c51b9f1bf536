import type { Source } from './schema';

/**
 * The verdict vocabulary, shared by the store, the reports and the UI. Who may sign a verdict
 * off is in sign-off.ts.
 * Order matters: it is the order of the 1–7 keyboard shortcuts and of report summaries.
 */
export const VERDICTS = [
  'unchecked',
  'verified',
  'mostly-accurate',
  'misleading',
  'false',
  'unverifiable',
  'opinion',
] as const;

export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABEL: Record<Verdict, string> = {
  unchecked: 'Unchecked',
  verified: 'Verified',
  'mostly-accurate': 'Mostly accurate',
  misleading: 'Misleading',
  false: 'False',
  unverifiable: 'Unverifiable',
  opinion: 'Opinion',
};

export const SOURCE_ROLES = ['supports', 'contradicts', 'context'] as const;
export type SourceRole = (typeof SOURCE_ROLES)[number];

/** A blank source for the editor to fill in. */
export const emptySource = (): Source => ({
  role: 'supports',
  quote: '',
  title: '',
  url: '',
  file: '',
  publisher: '',
  author: '',
  publishedAt: '',
  accessedAt: '',
  documentId: '',
});
