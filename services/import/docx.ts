/**
 * Word documents (.docx). mammoth turns the document body into simple HTML (paragraphs,
 * headings, lists, tables), which then takes the same sanitise-and-walk path as a web page,
 * so both kinds of file give the same paragraphs. mammoth does not read the document's
 * properties, so title, author and date come from docProps/core.xml, read here with JSZip.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { domToText } from './dom-text';
import type { DraftMeta } from './draft';
import { importError } from './draft';
import { parseHtml, sanitise } from './html';
import { normaliseDate } from './metadata';

/**
 * The most a .docx may unpack to. A 10 MB .docx can unpack to gigabytes (a "zip bomb"); a
 * 2-million-character article is nowhere near this, even with all of Word's markup.
 */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_DCTERMS = 'http://purl.org/dc/terms/';

/** Word's own style names that mammoth does not map by default: the Title style is the headline. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export interface DocxArticle extends DraftMeta {
  text: string;
}

export async function readDocx(name: string, bytes: Uint8Array): Promise<DocxArticle> {
  const damaged = `${name} is not a Word document (.docx) Factdesk can read: the file is damaged, or is another kind of file renamed .docx.`;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw importError(`${name} is an old Word document (.doc, Word 97–2003). Open it in Word and save it as .docx, then try again.`);
  }
  if (!startsWith(bytes, [0x50, 0x4b])) throw importError(damaged); // every zip starts "PK"
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw importError(damaged);
  }
  const body = zip.file('word/document.xml');
  if (!body) throw importError(`${name} is not a Word document: it is a zip file without a document in it (word/document.xml is missing).`);
  // The directory's sizes are what the file claims; a bomb claims little. Counted as inflated.
  const tooLarge = importError(`${name} is too large once unpacked; Factdesk cannot open it as one article.`);
  const declared = Object.values(zip.files).reduce((sum, file) => sum + uncompressedSize(file), 0);
  if (declared > MAX_UNPACKED_BYTES) throw tooLarge;
  try {
    await inflateWithin(zip, MAX_UNPACKED_BYTES);
  } catch (err) {
    if (err === LIMIT_REACHED) throw tooLarge;
    throw importError(damaged);
  }

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Images are not text to check; dropping them also keeps megabytes of base64 out of the HTML.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        // A document may link images by path or URL; never let a file read the editor's disk.
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    throw importError(damaged);
  }

  const dom = parseHtml('');
  try {
    const fragment = sanitise(dom.window, html);
    const properties = await readCoreProperties(zip);
    // Like a Markdown file's leading "# Heading": a document that opens with its headline names itself.
    const first = fragment.firstElementChild;
    const leadingHeading = first && /^h[1-6]$/.test(first.localName) ? (first.textContent ?? '') : '';
    return { text: domToText(fragment), ...properties, title: properties.title || leadingHeading };
  } finally {
    dom.window.close();
  }
}

/**
 * dc:title, dc:creator and dcterms:created from docProps/core.xml. Missing or unreadable
 * properties leave the fields empty: the text is what matters, and the editor can fill them in.
 */
async function readCoreProperties(zip: JSZip): Promise<DraftMeta> {
  const file = zip.file('docProps/core.xml');
  if (!file || uncompressedSize(file) > 1024 * 1024) return {};
  let dom: JSDOM;
  try {
    dom = new JSDOM(await file.async('string'), { contentType: 'application/xml', virtualConsole: new VirtualConsole() });
  } catch {
    return {};
  }
  try {
    const doc = dom.window.document;
    const value = (ns: string, local: string) => doc.getElementsByTagNameNS(ns, local)[0]?.textContent?.trim() ?? '';
    return {
      title: value(NS_DC, 'title'),
      author: value(NS_DC, 'creator'),
      publishedAt: normaliseDate(value(NS_DCTERMS, 'created')),
    };
  } finally {
    dom.window.close();
  }
}

const LIMIT_REACHED = new Error('unpacked size limit reached');

/**
 * Inflates every entry once, counting the bytes as they come out and dropping them, and stops
 * as soon as the total passes `limit`, whatever the zip's directory says the sizes are. Only
 * then does mammoth unpack the document for real, knowing it is of a size it can handle.
 */
async function inflateWithin(zip: JSZip, limit: number): Promise<void> {
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = file.nodeStream('nodebuffer');
      const onData = (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total <= limit) return;
        // No more reads: the inflater stops once the stream's small buffer is full.
        stream.removeListener('data', onData);
        stream.pause();
        reject(LIMIT_REACHED);
      };
      stream.on('data', onData).on('error', reject).on('end', () => resolve());
    });
  }
}

/** JSZip learns each entry's unpacked size from the zip's directory, before inflating anything. */
function uncompressedSize(file: JSZip.JSZipObject): number {
  return (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
