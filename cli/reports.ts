/** `factdesk export`: the fact-check report of one article, or of every article in the library. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { REPORT_FORMATS, type ReportFormat, type ReportScope } from '../api/contract';
import type { ChromiumPrinter } from '../services/report/pdf';
import { removeStalePrintFolders } from '../services/report/files';
import { UserError } from '../store/errors';
import type { Command } from './commands';
import type { Options } from './factdesk';
import { definedOnly, loadPdf, need, UsageError, withStore } from './session';

export const REPORT_COMMANDS: Record<string, Command> = {
  async export(args, values, dir) {
    // A PDF export killed midway leaves the report's HTML in a temp folder: remove what the dead left.
    await removeStalePrintFolders();
    const format = values.format as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
    if (values.all) {
      if (args.length) throw new UsageError('export --all exports every article: give no ID.');
      if (!values.out) throw new UsageError('export --all needs --out DIR.');
      return exportAll(dir, format, path.resolve(values.out), reportScope(values));
    }
    const [id] = need(args, 1, 'export ID --format FORMAT --out FILE');
    if (!values.out) throw new UsageError('export needs --out FILE.');
    const out = path.resolve(values.out);
    await fs.access(path.dirname(out)).catch(() => {
      throw new UserError('write-failed', `The folder ${path.dirname(out)} does not exist.`);
    });
    const saved = await withStore(dir, true, async ({ api, files }) => {
      await api.getArticle(id); // the id checked as the app checks it
      return (await files.prepareReport(id, format, reportScope(values))).saveAs(out);
    });
    for (const warning of saved.warnings ?? []) process.stderr.write(`factdesk: warning: ${warning}\n`);
    return saved;
  },
};

/** What `export` includes, from its flags; unset flags keep the public defaults. */
function reportScope(values: Options): Partial<ReportScope> {
  return definedOnly({
    signedOffOnly: values['signed-off-only'],
    includeUnchecked: values['no-unchecked'] ? false : undefined,
    internal: values.internal,
    includeUnsigned: values['include-unsigned'],
  });
}

/**
 * `export --all`: every article of the library into one folder, each under the name the app
 * would suggest (made unique), made as a single export is. Progress goes to stderr; an article
 * that fails is reported and the others still exported.
 */
async function exportAll(dir: string, format: ReportFormat, outDir: string, scope: Partial<ReportScope>) {
  await fs.mkdir(outDir, { recursive: true }).catch((err) => {
    throw new UserError('write-failed', `Could not create the folder ${outDir}: ${(err as Error).message}`);
  });
  const taken = new Set<string>();
  const unique = (name: string) => {
    const ext = path.extname(name);
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, -ext.length)}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return path.join(outDir, candidate);
  };
  // One browser prints every PDF of the run, started on the first.
  let printer: Promise<ChromiumPrinter> | null = null;
  const printPdf = async (html: string) => (await (printer ??= loadPdf().then((pdf) => pdf.ChromiumPrinter.launch()))).print(html);
  try {
    return await withStore(
      dir,
      true,
      async ({ api, files }) => {
        const articles = await api.listArticles();
        const saved: { id: string; title: string; path: string }[] = [];
        const failed: { id: string; title: string; error: string }[] = [];
        for (const [i, article] of articles.entries()) {
          const step = `[${i + 1}/${articles.length}]`;
          try {
            const report = await files.prepareReport(article.id, format, scope);
            const done = await report.saveAs(unique(report.fileName));
            for (const warning of done.warnings ?? []) process.stderr.write(`factdesk: ${step} warning: ${warning}\n`);
            saved.push({ id: article.id, title: article.title, path: done.path });
            process.stderr.write(`factdesk: ${step} ${path.basename(done.path)}\n`);
          } catch (err) {
            if (!(err instanceof UserError)) throw err;
            // The same failure for the first article and every later one (no newsroom, no Chromium) stops the run.
            if (i === 0 && articles.length > 1 && err.code !== 'not-found') throw err;
            failed.push({ id: article.id, title: article.title, error: err.message });
            process.stderr.write(`factdesk: ${step} failed: ${article.title}: ${err.message}\n`);
          }
        }
        if (failed.length) process.exitCode = 1;
        return { format, dir: outDir, exported: saved.length, failed, files: saved };
      },
      { printPdf },
    );
  } finally {
    const started = await (printer as Promise<ChromiumPrinter> | null)?.catch(() => null);
    await started?.close();
  }
}
