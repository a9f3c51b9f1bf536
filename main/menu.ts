import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, REPORT_FORMATS, type MenuCommand, type ReportFormat } from '../api/contract';

const FORMAT_LABEL: Record<ReportFormat, string> = {
  pdf: 'PDF',
  html: 'Web Page (HTML)',
  md: 'Markdown',
  csv: 'Spreadsheet (CSV)',
  json: 'JSON',
  claimreview: 'ClaimReview (JSON-LD)',
  annotated: 'Annotated Article (HTML)',
  'annotated-pdf': 'Annotated Article (PDF)',
};

/**
 * The application menu. Its shortcuts are shown but not registered (registerAccelerator:
 * false): the renderer handles the same keys itself, so they behave the same in every host
 * and never fire while the editor is typing in a field where they mean something else.
 */
export function installMenu(getWindow: () => BrowserWindow | null): void {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: send(command),
  });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        item('New Article…', 'CmdOrCtrl+N', 'new-article'),
        item('Open Article File…', 'CmdOrCtrl+O', 'open-file'),
        { type: 'separator' },
        item('Import Report (JSON)…', '', 'import-report'),
        item('Import Published Fact-checks…', '', 'import-published-checks'),
        {
          label: 'Export Report',
          submenu: REPORT_FORMATS.map((format) =>
            item(`${FORMAT_LABEL[format]}…`, format === 'html' ? 'CmdOrCtrl+E' : '', `export-${format}`),
          ),
        },
        { type: 'separator' },
        item('Library', 'CmdOrCtrl+L', 'show-library'),
        item('Settings…', 'CmdOrCtrl+,', 'open-settings'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
