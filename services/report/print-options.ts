/**
 * What a PDF print asks Chromium for, in the app (Electron's printToPDF, main/pdf.ts) and in the
 * commands (playwright-core's page.pdf, pdf.ts), so the two PDFs are alike. Its own module so
 * that the app's main process does not load the browser driver only to read these options.
 */
export const PRINT_OPTIONS = {
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  /** A tagged (accessible) PDF. */
  tagged: true,
  /** Bookmarks from the report's headings (Summary, Statements, Still unchecked, Sources). */
  outline: true,
} as const;
