/**
 * `npm run bench:hostile [-- --quick]`: issue 11's table of hostile inputs, each read the way the
 * app reads it (in the reader's worker, services/isolate), with wall time and the process's peak
 * resident memory while it runs. The baseline, measured in the same run, is the regular
 * expressions the text passes replaced, on the same input at a size they can finish; the ratio
 * is old time / new time on that input.
 */
import { deflateRawSync, deflateSync } from 'node:zlib';
import { sized, QUICK } from './quick';
import { makePdf } from '../services/evidence/fixtures/make-pdf';
import { unsupported } from '../services/evidence/claims-agree';
import { countTags } from '../services/import/article';
import { normaliseText } from '../services/import/draft';
import { markdownToText } from '../services/import/markdown';
import { zipOf } from '../services/import/fixtures/make-docx';
import { importArticleBytes } from '../services/isolate';

const MB = 1024 * 1024;

async function measure(run: () => Promise<unknown> | unknown): Promise<{ ms: number; peakMb: number; outcome: string }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = performance.now();
  let outcome: string;
  try {
    await run();
    outcome = 'imported';
  } catch (err) {
    outcome = `refused: ${(err as Error).message}`;
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, peakMb: peak / MB, outcome };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** A zip whose directory says 1,000 bytes for an entry that inflates to `inflated` bytes. */
function lyingDocx(inflated: number): Uint8Array {
  const document = bytes('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  const bomb = deflateRawSync(new Uint8Array(inflated), { level: 9 });
  const entries = [
    { name: 'word/document.xml', data: document, size: document.byteLength, method: 0 as const },
    { name: 'word/media/filler.bin', data: bomb, size: 1000, method: 8 as const },
  ];
  return zipOf(entries);
}

/** A one-page PDF whose content stream inflates to `inflated` bytes of text operators. */
function pdfBomb(inflated: number): Uint8Array {
  const unit = Buffer.from('BT /F1 12 Tf 50 800 Td (Budget) Tj ET\n'.repeat(1024));
  const content = deflateSync(Buffer.concat(Array.from({ length: Math.ceil(inflated / unit.length) }, () => unit)), { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null, // the stream
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const piece = body
      ? Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`)
      : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream\nendobj\n')]);
    chunks.push(piece);
    length += piece.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([...chunks, Buffer.from(xref)]));
}

// ---- The regular expressions the text passes replaced: the baseline ----
const oldNormalise = (text: string) => text.replace(/[ \t]+$/gm, '');
const oldInline = (text: string) => text.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
const oldCountTags = (html: string) => html.replace(/<(script|style|svg|template)\b[^]*?<\/\1\s*>/gi, '').match(/<[a-z]/gi)?.length ?? 0;

async function main() {
  console.log(`Hostile inputs (issue 11)${QUICK ? ' — quick mode, small sizes' : ''}: read in the worker, ${'time'.padStart(8)} / peak RSS of the whole process`);
  // The reader and its libraries load once (jsdom, mammoth, pdf.js); that is not counted below.
  await importArticleBytes('warm-up.txt', bytes('The reader starts once; its start is not counted below.'));
  await importArticleBytes('warm-up.html', bytes('<p>x</p>')).catch(() => undefined);
  await importArticleBytes('warm-up.docx', lyingDocx(10)).catch(() => undefined);

  const spaces = sized(100_000, 20_000);
  const mdLine = sized(150_000, 30_000);
  const scripts = sized(2_700_000, 300_000);
  const statementChars = sized(600_000, 60_000);
  const cases: Array<[string, () => Promise<unknown> | unknown]> = [
    [`.txt: "Start." + ${spaces.toLocaleString('en')} spaces + "b"`, () => importArticleBytes('spaces.txt', bytes(`Start.${' '.repeat(spaces)}b`))],
    [`.md: one ${mdLine / 1000} KB line of "![a"`, () => importArticleBytes('images.md', bytes('![a'.repeat(mdLine / 3)))],
    [`.md: one ${mdLine / 1000} KB line of "**a "`, () => importArticleBytes('bold.md', bytes('**a '.repeat(mdLine / 4)))],
    [`.md: one ${mdLine / 1000} KB line of "[a"`, () => importArticleBytes('links.md', bytes('[a'.repeat(mdLine / 2)))],
    [`.html: ${(scripts / MB).toFixed(1)} MB of "<script x"`, () => importArticleBytes('scripts.html', bytes('<script x'.repeat(scripts / 9)))],
    ...sized([1000, 2000, 3000, 5000], [1000, 5000]).map((depth): [string, () => Promise<unknown>] => [
      `.html: ${depth.toLocaleString('en')} nested <div>s`,
      () => importArticleBytes(`nested-${depth}.html`, bytes(`${'<div>'.repeat(depth)}<p>The council approved the harbour budget on Tuesday after a long debate.</p>${'</div>'.repeat(depth)}`)),
    ]),
    [`facts check on save: a ${statementChars.toLocaleString('en')}-character statement with a quote`, () => {
      const words = ['The', 'minister', 'said', '4.2', 'billion', 'in', 'May', 'Paris', 'and', '"Nobody', 'knew,"', 'Bank', 'of', 'England', '1st'];
      let statement = '';
      for (let i = 0; statement.length < statementChars; i++) statement += `${words[i % words.length]} `;
      unsupported(statement, ['The minister said 4.2 billion']);
    }],
    [`.docx whose directory lies: inflates to ${sized(400, 120)} MB`, () => importArticleBytes('lying.docx', lyingDocx(sized(400, 120) * MB))],
  ];
  const bomb = pdfBomb(sized(700, 60) * MB);
  const pages = sized(20_000, 2_500);
  const longPdf = await makePdf(Array.from({ length: pages }, (_, i) => [`Page ${i + 1} of the annual report.`]));
  const { readSourceText } = await import('../services/isolate');
  const { writeFile, mkdtemp, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-hostile-'));
  await writeFile(path.join(dir, 'bomb.pdf'), bomb);
  await writeFile(path.join(dir, 'long.pdf'), longPdf);
  cases.push(
    [`.pdf compression bomb as a source (${(bomb.byteLength / MB).toFixed(2)} MB, inflates to ${sized(700, 60)} MB)`, () => readSourceText(path.join(dir, 'bomb.pdf'))],
    [`.pdf of ${pages.toLocaleString('en')} pages as a source`, () => readSourceText(path.join(dir, 'long.pdf'))],
  );
  await readSourceText(path.join(dir, 'long.pdf')).catch(() => undefined);
  for (const [name, run] of cases) {
    const { ms, peakMb, outcome } = await measure(run);
    console.log(`  ${name.padEnd(66)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${peakMb.toFixed(0).padStart(5)} MB  ${outcome.slice(0, 110)}`);
  }
  await rm(dir, { recursive: true, force: true });

  // Baseline: the old expressions and the new passes on the same input, in this process.
  console.log('Baseline: the replaced regular expressions against the linear passes, same input');
  const at = sized(30_000, 12_000);
  const pairs: Array<[string, string, (s: string) => unknown, (s: string) => unknown]> = [
    [`${at.toLocaleString('en')} spaces mid-line, normalise`, `Start.${' '.repeat(at)}b`, oldNormalise, normaliseText],
    [`${at.toLocaleString('en')} chars of "![a", Markdown`, '![a'.repeat(at / 3), oldInline, markdownToText],
    [`${(at * 5).toLocaleString('en')} chars of "<script x", tag count`, '<script x'.repeat((at * 5) / 9), oldCountTags, countTags],
  ];
  for (const [name, input, old, now] of pairs) {
    const t0 = performance.now();
    old(input);
    const t1 = performance.now();
    now(input);
    const t2 = performance.now();
    console.log(`  ${name.padEnd(40)} old ${(t1 - t0).toFixed(1).padStart(8)} ms   new ${(t2 - t1).toFixed(1).padStart(6)} ms   ratio old/new ${((t1 - t0) / Math.max(t2 - t1, 0.01)).toFixed(0)}×`);
  }
}

await main();
