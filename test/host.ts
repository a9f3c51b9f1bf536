/**
 * The tests' host (main/handlers.ts Host): every capability there, as an editor who cancels
 * every dialog, has no desk user signed in, and whose file manager and browser only note what
 * they were asked to show. A test overrides what it exercises (a dialog's answer, a printer).
 * There is no printer unless a test brings one: a PDF export without it fails loudly.
 */
import type { Host } from '../main/handlers';

export interface TestHost extends Host {
  /** Files showInFolder was asked to show and links openExternal was asked to open, in order. */
  shown: string[];
  opened: string[];
}

export function testHost(overrides: Partial<Host> = {}): TestHost {
  const shown: string[] = [];
  const opened: string[] = [];
  return {
    shown,
    opened,
    chooseArticleFile: async () => null,
    chooseSourceFile: async () => null,
    chooseReportFile: async () => null,
    choosePublishedChecksFile: async () => null,
    chooseReportPath: async () => null,
    showInFolder: async (file) => void shown.push(file),
    openExternal: async (url) => void opened.push(url),
    printPdf: async () => {
      throw new Error('This test gave its host no printer.');
    },
    signedInUser: () => null,
    desk: null,
    ...overrides,
  };
}

/** A fake printer for tests that export PDFs without looking inside them. */
export const fakePrinter = async (html: string) => new TextEncoder().encode(`%PDF-1.7 fake ${html.length}`);
