/**
 * The text of a source document, for checking quotes against it: PDFs through pdf.js, and
 * .txt/.md/.html/.docx through the article importer, so a source reads exactly as it would
 * if it were opened as an article.
 *
 * PDF text keeps its line breaks (one line of the page, one line of text) and its pages
 * (separated by a blank line), because that is what quote matching needs to undo
 * hyphenation across lines and to tell the editor which page a passage is on.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserError } from '../../store/errors';
import { ARTICLE_EXTENSIONS, importArticleFile, readRegularFile } from '../import';

export interface SourceText {
  text: string;
  /** Where each page starts in `text`; one entry, 0, for a document without pages. */
  pageStarts: number[];
}

/** The 1-based page that `offset` falls on. */
export function pageAt(source: SourceText, offset: number): number {
  let page = 0;
  while (page + 1 < source.pageStarts.length && source.pageStarts[page + 1]! <= offset) page++;
  return page + 1;
}

export const SOURCE_EXTENSIONS = ['pdf', ...ARTICLE_EXTENSIONS] as const;

/**
 * The most pages Factdesk reads from one PDF: long reports and court filings run to hundreds of
 * pages; 20,000 pages took minutes (issue 11), and a quote is checked against the whole text.
 */
export const MAX_PDF_PAGES = 2_000;

/** PDFs may be larger than articles: reports and court filings run to hundreds of pages. */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

function sourceError(message: string): UserError {
  return new UserError('import-failed', message);
}

export async function readSourceText(file: string): Promise<SourceText> {
  const name = path.basename(file);
  const ext = path.extname(name).slice(1).toLowerCase();
  if (ext !== 'pdf') {
    if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(ext)) {
      throw sourceError(`${name} is not a file Factdesk can read as a source. Use a .pdf, .txt, .md, .html or .docx file.`);
    }
    // Same reading as an article: same decoding, same normal form, same messages.
    const draft = await importArticleFile(file);
    return { text: draft.text, pageStarts: [0] };
  }
  const read = await readRegularFile(file, MAX_PDF_BYTES, sourceError, (size) =>
    `${name} is too large (${(size / 1024 / 1024).toFixed(1)} MB); Factdesk reads PDFs up to ${MAX_PDF_BYTES / 1024 / 1024} MB.`,
  );
  const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  return readPdfText(name, bytes);
}

// ---- PDF ----

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoading: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded once and on first use (it is large). Its worker runs on this thread: the
 * worker module is imported here and registered where pdf.js looks for it, which works the
 * same under Node, Vitest and a bundled Electron main process, with no worker file to ship.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsLoading;
}

/** Font metrics and character maps that pdf.js needs for PDFs that do not embed their fonts (with a trailing slash, as it requires). */
function pdfjsDataFolders(): { standardFontDataUrl: string; cMapUrl: string } | Record<string, never> {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep, cMapUrl: path.join(root, 'cmaps') + path.sep };
  } catch {
    return {}; // text still comes out; only unusual encodings may suffer
  }
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
/** A run of text on a page (pdf.js also lists marked-content markers, which hold none). */
type PdfTextItem = Extract<Awaited<ReturnType<PdfPage['getTextContent']>>['items'][number], { str: string }>;

/** The text of a PDF held in memory; `name` is what messages call it. */
export async function readPdfText(name: string, bytes: Uint8Array): Promise<SourceText> {
  if (bytes.byteLength === 0) throw sourceError(`${name} is empty: there is no text to check.`);
  if (bytes.byteLength > MAX_PDF_BYTES) throw sourceError(`${name} is too large; Factdesk reads PDFs up to ${MAX_PDF_BYTES / 1024 / 1024} MB.`);
  // A PDF starts with "%PDF-" within its first kilobyte; anything else was renamed or is not a PDF.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw sourceError(`${name} is not a PDF: it may have been renamed, or be damaged.`);

  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's intact.
    data: bytes.slice(),
    // Text only: no code generated from the document, no fonts installed, no system fonts read.
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...pdfjsDataFolders(),
  });
  let document: PdfDocument;
  try {
    document = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const kind = (err as { name?: string }).name;
    if (kind === 'PasswordException') {
      throw sourceError(`${name} is protected with a password. Open it in a PDF reader, save an unprotected copy, and use that.`);
    }
    if (kind === 'InvalidPDFException') throw sourceError(`${name} is damaged: it is not a PDF Factdesk can read.`);
    throw sourceError(`Could not read ${name}: ${(err as Error).message}.`);
  }

  try {
    if (document.numPages > MAX_PDF_PAGES) {
      throw sourceError(
        `${name} has ${document.numPages.toLocaleString('en')} pages; Factdesk reads PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages. Save the part the quote comes from as its own PDF, and attach that.`,
      );
    }
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      try {
        const content = await page.getTextContent();
        pages.push(pageText(content.items.filter((item): item is PdfTextItem => 'str' in item)));
      } finally {
        page.cleanup();
      }
    }
    const cleaned = withoutRunningHeads(pages);
    if (!cleaned.some((page) => /[\p{L}\p{N}]/u.test(page))) {
      throw sourceError(`${name} has no text layer (scanned?): Factdesk can only check quotes against PDFs with text. Run it through OCR first, or use the publisher's text version.`);
    }
    const pageStarts: number[] = [];
    let text = '';
    for (const page of cleaned) {
      if (text) text += '\n\n';
      pageStarts.push(text.length);
      text += page;
    }
    return { text, pageStarts };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw sourceError(`${name} is damaged: ${(err as Error).message}.`);
  } finally {
    await document.destroy();
  }
}

/**
 * A page's text items as lines. pdf.js marks most line ends itself (hasEOL); where it does not,
 * a change of baseline starts a new line, and a gap wider than a fraction of the font size
 * between two pieces of one line is a space the PDF did not encode (many PDFs position words
 * instead of writing spaces).
 */
function pageText(items: PdfTextItem[]): string {
  const lines: string[] = [];
  let line = '';
  let previous: PdfTextItem | null = null;
  const endLine = () => {
    lines.push(line.replace(/[ \t]+/g, ' ').trim());
    line = '';
    previous = null;
  };
  for (const item of items) {
    if (previous && item.str) {
      const size = Math.max(Math.abs(previous.height), Math.abs(item.height), 1);
      const [, , , , x, y] = item.transform as [number, number, number, number, number, number];
      const [, , , , px, py] = previous.transform as [number, number, number, number, number, number];
      if (Math.abs(y - py) > size * 0.5) endLine();
      else {
        // Distance between the end of one piece and the start of the next, in either writing direction.
        const gap = Math.max(x - (px + previous.width), px - (x + item.width));
        if (gap > size * 0.15 && !/\s$/.test(line) && !/^\s/.test(item.str)) line += ' ';
      }
    }
    line += item.str;
    if (item.str) previous = item;
    if (item.hasEOL) endLine();
  }
  if (line) endLine();
  // Blank lines inside a page carry no meaning for quote checking; keep at most one.
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Drops running heads and feet: a first or last line that recurs (digits aside) on most pages,
 * such as a report title or "Page 3 of 40", and a last line that is only a page number. They
 * would otherwise sit in the middle of any quote that runs across a page break.
 */
function withoutRunningHeads(pages: string[]): string[] {
  const split = pages.map((page) => (page ? page.split('\n') : []));
  const shape = (line: string | undefined) => (line ?? '').replace(/\d+/g, '#').trim();
  const recurring = (pick: (lines: string[]) => string | undefined) => {
    const counts = new Map<string, number>();
    for (const lines of split) {
      const key = shape(pick(lines));
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return new Set([...counts].filter(([, count]) => pages.length >= 3 && count >= pages.length * 0.6).map(([key]) => key));
  };
  const heads = recurring((lines) => lines[0]);
  const feet = recurring((lines) => lines[lines.length - 1]);
  return split.map((lines) => {
    const kept = [...lines];
    if (kept.length > 1 && heads.has(shape(kept[0]))) kept.shift();
    const last = kept[kept.length - 1];
    if (kept.length > 1 && last !== undefined && (feet.has(shape(last)) || /^\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*$/.test(last))) kept.pop();
    return kept.join('\n');
  });
}

/** Whether Factdesk can read `file` as a source, by its extension. */
export function isSourceFile(file: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(file).slice(1).toLowerCase());
}

