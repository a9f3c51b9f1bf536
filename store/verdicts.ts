import type { Source } from './schema';

/**
 * The verdict vocabulary, shared by the store, the reports and the UI.
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

/** Opinion is not a claim of fact: it needs no second editor's sign-off. */
export const needsSignOff = (verdict: Verdict): boolean => verdict !== 'unchecked' && verdict !== 'opinion';

/**
 * One editor's name as the rules compare it: "Alice ", "alice" and "ALICE" are the same person,
 * so none of them can sign off a verdict Alice gave. Used wherever names decide what is allowed.
 */
export const editorKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export const sameEditor = (a: string, b: string): boolean => editorKey(a) === editorKey(b);
