/**
 * What the menu items and their shortcuts do. The menu (in Electron) and the keyboard (in
 * every host) both end up here.
 */
import type { MenuCommand, ReportFormat } from '$api/contract';
import { reportOptions } from './report-options.svelte';
import { api, errorMessage } from './api';
import { check } from './check.svelte';
import { earlier } from './earlier.svelte';
import { library } from './library.svelte';
import { settings } from './settings.svelte';
import { ui } from './ui.svelte';

// Files are read in the main process's reader, which may take seconds on a large page; the New
// article dialog shows the read with Cancel meanwhile (ui.readIntoNewArticle).
export async function openArticleFile(): Promise<void> {
  await ui.readIntoNewArticle('the file', () => api.openArticleFile());
}

export async function importDroppedFile(file: File): Promise<void> {
  await ui.readIntoNewArticle(file.name, async () => api.readArticleFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
}

/** Stops the read under way, in the main process too; the dialog stays open for pasting. */
export async function cancelReading(): Promise<void> {
  ui.reading = null;
  await api.cancelImport().catch(() => undefined);
}

/** Saves the open article's report; resolves to the file saved, or null (cancelled, failed, nothing open). */
export async function exportReport(format: ReportFormat): Promise<string | null> {
  const article = check.article;
  if (!article) {
    ui.tell('Open an article to export its report.');
    return null;
  }
  try {
    await check.flush();
    const saved = await api.exportReport(article.id, format, reportOptions.scope);
    // What the report fell back on or left out stays on screen until read (like an error).
    if (saved?.warnings?.length) ui.tell(`Report saved to ${saved.path}. ${saved.warnings.join(' ')}`, 'error');
    else if (saved) ui.tell(`Report saved to ${saved.path}`);
    return saved?.path ?? null;
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
    return null;
  }
}

export async function showInFolder(path: string): Promise<void> {
  try {
    await api.showInFolder(path);
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

/** Brings back an article from a JSON report, with its verdicts and sources, and opens it. */
export async function importReport(): Promise<void> {
  try {
    const article = await api.importReport();
    if (!article) return;
    const checked = article.statements.filter((s) => s.verdict !== 'unchecked').length;
    await library.refresh();
    await openArticle(article.id);
    ui.tell(`Imported “${article.title}”: ${article.statements.length} statements, ${checked} with a verdict.`);
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

/** Other publishers' fact-checks (ClaimReview), kept apart, matched as earlier checks. */
export async function importPublishedChecks(): Promise<void> {
  try {
    const imported = await api.importPublishedChecks();
    if (!imported) return;
    const again = imported.alreadyKept ? `; ${imported.alreadyKept} were already imported` : '';
    ui.tell(`Imported ${imported.added} published fact-check${imported.added === 1 ? '' : 's'} from ${imported.file}${again}.`);
    if (check.article) await earlier.loadMarks(check.article.id);
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

export async function showLibrary(): Promise<void> {
  try {
    await check.close();
  } catch (err) {
    // Changes that cannot be saved keep the editor on the article, where they show.
    return ui.tell(errorMessage(err), 'error');
  }
  ui.screen = { name: 'library' };
  await library.refresh();
}

export async function openArticle(id: string, statementId?: string): Promise<void> {
  try {
    await check.open(id, statementId);
    ui.screen = { name: 'article', id };
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

export function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'new-article':
      return ui.openNewArticle();
    case 'open-file':
      return void openArticleFile();
    case 'import-report':
      return void importReport();
    case 'import-published-checks':
      return void importPublishedChecks();
    case 'show-library':
      return void showLibrary();
    case 'open-settings':
      settings.open = true;
      return;
    default:
      return void exportReport(command.slice('export-'.length) as ReportFormat);
  }
}
