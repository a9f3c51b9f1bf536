/**
 * What the menu items and their shortcuts do. The menu (in Electron) and the keyboard (in
 * every host) both end up here.
 */
import type { MenuCommand, ReportFormat } from '../../../api/contract';
import { api, errorMessage } from './api';
import { check } from './check.svelte';
import { library } from './library.svelte';
import { ui } from './ui.svelte';

export async function openArticleFile(): Promise<void> {
  try {
    const draft = await api.openArticleFile();
    if (draft) ui.openNewArticle(draft);
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

export async function importDroppedFile(file: File): Promise<void> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    ui.openNewArticle(await api.readArticleFile({ name: file.name, bytes }));
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

export async function exportReport(format: ReportFormat): Promise<void> {
  const article = check.article;
  if (!article) return ui.tell('Open an article to export its report.');
  try {
    await check.flush();
    const saved = await api.exportReport(article.id, format);
    if (saved) ui.tell(`Report saved to ${saved.path}`);
  } catch (err) {
    ui.tell(errorMessage(err), 'error');
  }
}

export async function showLibrary(): Promise<void> {
  await check.close();
  ui.screen = { name: 'library' };
  await library.refresh();
}

export async function openArticle(id: string): Promise<void> {
  try {
    await check.open(id);
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
    case 'export-report':
      return void exportReport('html');
    case 'show-library':
      return void showLibrary();
  }
}
