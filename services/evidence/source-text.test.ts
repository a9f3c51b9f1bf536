import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../store/errors';
import { findHebrewFont, makePasswordProtectedPdf, makePdf, makeScannedPdf } from './fixtures/make-pdf';
import { matchQuote } from './quote-match';
import { isSourceFile, pageAt, readPdfText, readSourceText } from './source-text';

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-evidence-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The UserError a promise rejects with. */
async function userError(promise: Promise<unknown>): Promise<UserError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('readPdfText', () => {
  it('reads a generated PDF line by line and page by page', async () => {
    const bytes = await makePdf([
      ['Harbour Report 2024', 'The minister said “we will not', 'raise taxes” and the inter-', 'national community agreed.', '1'],
      ['Harbour Report 2024', 'On page two the council voted', 'nine to four.', '2'],
      ['Harbour Report 2024', 'Page three ends the report.', '3'],
    ]);
    await writeFile(file('report.pdf'), bytes);
    const source = await readSourceText(file('report.pdf'));
    // The running head and the page numbers are gone; lines and pages are kept.
    expect(source).toEqual({
      text: 'The minister said “we will not\nraise taxes” and the inter-\nnational community agreed.\n\nOn page two the council voted\nnine to four.\n\nPage three ends the report.',
      pageStarts: [0, 87, 132],
    });
    expect(pageAt(source, 0)).toBe(1);
    expect(pageAt(source, 86)).toBe(1);
    expect(pageAt(source, 87)).toBe(2);
    expect(pageAt(source, source.text.length - 1)).toBe(3);

    // What the text is for: a quote typed straight, across a line break and a hyphenation.
    expect(matchQuote(source.text, '"We will not raise taxes" and the international community agreed')).toEqual({
      match: 'normalised',
      start: 18,
      end: 84,
      passage: '“we will not\nraise taxes” and the inter-\nnational community agreed',
      differences: [],
    });
  });

  it('puts spaces between words a PDF positions without space characters', async () => {
    const source = await readPdfText('words.pdf', await makePdf([['The council voted nine to four', 'on the harbour budget.']], { wordByWord: true }));
    expect(source.text).toBe('The council voted nine to four\non the harbour budget.');
  });

  it('reads a PDF of Hebrew text in reading order', async (context) => {
    const font = findHebrewFont();
    if (!font) return context.skip('no font with Hebrew letters on this machine');
    const source = await readPdfText('hebrew.pdf', await makePdf([['הממשלה לא אישרה את התקציב', 'של משרד הביטחון השנה']], { fontFile: font }));
    expect(source.text).toBe('הממשלה לא אישרה את התקציב\nשל משרד הביטחון השנה');
    expect(matchQuote(source.text, 'לא אישרה את התקציב של משרד הביטחון')).toMatchObject({ match: 'normalised', start: 7 });
  });

  it('explains a scanned PDF, a protected PDF, a damaged PDF and a file that is not a PDF', async () => {
    expect((await userError(readPdfText('scan.pdf', await makeScannedPdf()))).message).toBe(
      "scan.pdf has no text layer (scanned?): Factdesk can only check quotes against PDFs with text. Run it through OCR first, or use the publisher's text version.",
    );
    expect((await userError(readPdfText('secret.pdf', await makePasswordProtectedPdf()))).message).toBe(
      'secret.pdf is protected with a password. Open it in a PDF reader, save an unprotected copy, and use that.',
    );
    const good = await makePdf([['Some text.']]);
    expect((await userError(readPdfText('cut.pdf', good.slice(0, 300)))).message).toBe('cut.pdf is damaged: it is not a PDF Factdesk can read.');
    expect((await userError(readPdfText('junk.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a PDF')))).message).toBe(
      'junk.pdf is damaged: it is not a PDF Factdesk can read.',
    );
    expect((await userError(readPdfText('photo.pdf', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])))).message).toBe(
      'photo.pdf is not a PDF: it may have been renamed, or be damaged.',
    );
    expect((await userError(readPdfText('empty.pdf', new Uint8Array()))).message).toBe('empty.pdf is empty: there is no text to check.');
    expect((await userError(readPdfText('scan.pdf', await makeScannedPdf()))).code).toBe('import-failed');
  });

  it('leaves the caller’s bytes intact', async () => {
    const bytes = await makePdf([['Kept.']]);
    const copy = bytes.slice();
    await readPdfText('kept.pdf', bytes);
    expect(bytes).toEqual(copy);
  });
});

describe('readSourceText', () => {
  it('reads text, Markdown and HTML sources as the article importer does', async () => {
    await writeFile(file('notes.txt'), 'Line one.\r\nThe inter-\r\nnational line.\n');
    await writeFile(file('notes.md'), '# Title\n\nSome **bold** words.\n');
    expect(await readSourceText(file('notes.txt'))).toEqual({ text: 'Line one.\nThe inter-\nnational line.', pageStarts: [0] });
    expect(await readSourceText(file('notes.md'))).toEqual({ text: 'Title\n\nSome bold words.', pageStarts: [0] });
  });

  it('names the file in every refusal', async () => {
    await writeFile(file('sheet.xlsx'), 'x');
    expect((await userError(readSourceText(file('sheet.xlsx')))).message).toBe(
      'sheet.xlsx is not a file Factdesk can read as a source. Use a .pdf, .txt, .md, .html or .docx file.',
    );
    expect((await userError(readSourceText(file('missing.pdf')))).message).toBe('Could not open missing.pdf: the file does not exist.');
    expect((await userError(readSourceText(file('missing.txt')))).message).toBe('Could not open missing.txt: the file does not exist.');
  });

  it('knows its formats by extension', () => {
    expect(['a.PDF', 'b.docx', 'c.html', 'd.md', 'e.txt'].every(isSourceFile)).toBe(true);
    expect(isSourceFile('f.xlsx')).toBe(false);
  });
});
