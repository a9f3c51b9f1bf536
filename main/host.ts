import { dialog, shell, type BrowserWindow } from 'electron';
import { SOURCE_EXTENSIONS } from '../services/evidence/source-text';
import type { ReportFormat } from '../api/contract';
import { ARTICLE_EXTENSIONS } from '../services/import';
import type { LiveDesk } from '../services/desk';
import type { Host } from './handlers';
import { printPdf } from './pdf';
import { isSafeExternalUrl } from './security';

const REPORT_FILTERS: Record<ReportFormat, Electron.FileFilter> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  html: { name: 'Web page (HTML)', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
  csv: { name: 'CSV spreadsheet', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  claimreview: { name: 'ClaimReview (JSON-LD)', extensions: ['jsonld', 'json'] },
  annotated: { name: 'Annotated article (HTML)', extensions: ['html'] },
  'annotated-pdf': { name: 'Annotated article (PDF)', extensions: ['pdf'] },
};

/**
 * Native dialogs, the file manager, the browser and printing, for the handlers; and the desk's
 * live sync (main/desk.ts), whose signed-in user every change carries.
 */
export function electronHost(getWindow: () => BrowserWindow | null, desk: LiveDesk): Host {
  return {
    desk,
    signedInUser: () => desk.user(),
    async chooseSourceFile() {
      return openOne(getWindow(), 'Attach a source document', [
        { name: 'Source documents', extensions: [...SOURCE_EXTENSIONS] },
        { name: 'All files', extensions: ['*'] },
      ]);
    },
    async chooseArticleFile() {
      return openOne(getWindow(), 'Open an article', [
        { name: 'Articles', extensions: [...ARTICLE_EXTENSIONS] },
        { name: 'All files', extensions: ['*'] },
      ]);
    },
    async chooseReportPath(defaultName, format) {
      const options: Electron.SaveDialogOptions = {
        title: 'Export fact-check report',
        defaultPath: defaultName,
        filters: [REPORT_FILTERS[format]],
      };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openExternal(url) {
      if (isSafeExternalUrl(url)) await shell.openExternal(url);
    },
    printPdf,
    async showInFolder(file) {
      shell.showItemInFolder(file);
    },
    async chooseReportFile() {
      return openOne(getWindow(), 'Import a fact-check report', [{ name: 'Factdesk JSON report', extensions: ['json'] }]);
    },
    async choosePublishedChecksFile() {
      return openOne(getWindow(), 'Import published fact-checks', [
        { name: 'ClaimReview (JSON-LD or a fact-check page)', extensions: ['json', 'jsonld', 'html', 'htm'] },
        { name: 'All files', extensions: ['*'] },
      ]);
    },
  };
}

async function openOne(win: BrowserWindow | null, title: string, filters: Electron.FileFilter[]): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title, properties: ['openFile'], filters };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
