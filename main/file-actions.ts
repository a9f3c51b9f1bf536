/**
 * What Factdesk does with a file the editor named: attach it as a source, import a JSON report
 * or published fact-checks from it, save a report to it. The app calls these after its native
 * dialogs (main/handlers.ts); the `factdesk` command calls them with the paths it was given on
 * its command line. Both record changes under the same editor's name (`editorNames`).
 */
import path from 'node:path';
import type { ReportFormat } from '../api/contract';
import { DOCUMENT_KINDS, type DocumentRef, type ReportScope, type SourceDocument } from '../domain/schema';
import { SOURCE_EXTENSIONS } from '../services/evidence';
import { readRegularFile } from '../services/import';
// Files from strangers are read in a worker with a time and memory budget (issue 11).
import { parseClaimReviews, readSourceText } from '../services/isolate';
import { MAX_CLAIMREVIEW_BYTES } from '../services/library-index';
import { importReport, MAX_REPORT_BYTES, parseReportJson, produceReport, reportFileName } from '../services/report';
import { writeReportFile } from '../services/report/files';
import { UserError } from '../store/errors';
import type { Store } from '../store/store';

/** What every host gives the file actions: a PDF printer and the desk user signed in, if any. */
export interface Printing {
  /** Prints report HTML to PDF (Electron's printToPDF in the app, headless Chromium elsewhere). */
  printPdf(html: string): Promise<Uint8Array>;
  /** The desk user signed in for this store (services/desk), whose name every change then carries; null when none. */
  signedInUser(): string | null;
}

/**
 * Who is making a change. The desk user signed in, whose name the desk's server insists on;
 * otherwise the editor's name from settings, never a name the renderer sends.
 */
export function editorNames(store: Store, host: Pick<Printing, 'signedInUser'>) {
  const signedName = () => host.signedInUser() || store.settings().editorName.trim();
  return { signedName, editor: () => signedName() || 'Unnamed editor' };
}

/** A report rendered and ready to be saved; a PDF is printed only when it is saved. */
export interface PreparedReport {
  /** The name the save dialog suggests. */
  fileName: string;
  title: string;
  /** Writes it completely or not at all; `warnings` says what it fell back on or left out. */
  saveAs(target: string): Promise<{ path: string; warnings?: string[] }>;
}

export function fileActions(store: Store, host: Printing) {
  const { editor } = editorNames(store, host);
  return {
    /** Attaches a .pdf/.docx/.html/.txt/.md file as a source document of the article. */
    attachSource: async (articleId: string, file: string): Promise<DocumentRef> =>
      store.attachDocument(articleId, await readSourceDocument(file), editor()),

    /** Adds the article of a JSON report (export --format json) with its verdicts and sources. */
    importReport: async (file: string) =>
      importReport(store, parseReportJson(await readLimited(file, MAX_REPORT_BYTES), path.basename(file)), editor()),

    /** Adds other publishers' fact-checks (ClaimReview JSON-LD, or a page carrying it). */
    importPublishedChecks: async (file: string) => {
      const checks = await parseClaimReviews(await readLimited(file, MAX_CLAIMREVIEW_BYTES), path.basename(file));
      const { added, alreadyKept } = await store.addPublishedChecks(checks);
      return { file: path.basename(file), added: added.length, alreadyKept };
    },

    /**
     * Renders the report before anything is saved, so that a report that cannot be made
     * (ClaimReview without a newsroom) fails before the editor picks a file; a PDF is printed
     * when it is saved.
     */
    prepareReport: async (articleId: string, format: ReportFormat, scope?: Partial<ReportScope>): Promise<PreparedReport> => {
      const article = await store.get(articleId);
      const isPdf = format === 'pdf' || format === 'annotated-pdf';
      const warnings: string[] = [];
      const options = { publisher: store.settings(), scope, warn: (message: string) => void warnings.push(message) };
      const early = isPdf ? null : await produceReport(article, format, options);
      return {
        fileName: reportFileName(article, format),
        title: article.title,
        saveAs: async (target) => {
          // Complete or not at all: a temporary file beside the target, renamed over it.
          await writeReportFile(target, early ?? (await produceReport(article, format, { ...options, printPdf: (html) => host.printPdf(html) })));
          return warnings.length ? { path: target, warnings } : { path: target };
        },
      };
    },
  };
}

/** A file the editor named, as UTF-8: a regular file only, never more than maxBytes read. */
async function readLimited(file: string, maxBytes: number): Promise<string> {
  const bytes = await readRegularFile(
    file,
    maxBytes,
    (message) => new UserError('import-failed', message),
    () => `${path.basename(file)} is larger than ${maxBytes / 1024 / 1024} MB.`,
  );
  return bytes.toString('utf8');
}

/** A source document's text and kind, for attaching: PDFs through pdf.js, the rest as articles are read. */
async function readSourceDocument(file: string): Promise<Omit<SourceDocument, 'id' | 'attachedAt' | 'attachedBy' | 'chars'>> {
  const ext = path.extname(file).slice(1).toLowerCase();
  const kind = ext === 'htm' ? 'html' : ext === 'markdown' ? 'md' : ext;
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind) || kind === 'url') {
    throw new UserError(
      'import-failed',
      `${path.basename(file)} cannot be attached as a source. Use ${SOURCE_EXTENSIONS.map((e) => `.${e}`).join(', ')}.`,
    );
  }
  const { text, pageStarts } = await readSourceText(file);
  return { name: path.basename(file), kind: kind as DocumentRef['kind'], url: '', text, pageStarts };
}
