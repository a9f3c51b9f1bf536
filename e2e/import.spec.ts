/** Articles arrive from anywhere: Word files, web pages (dropped or by URL), right-to-left text. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { coreXml, heading, makeDocx, para } from '../services/import/fixtures/make-docx';
import { test, expect } from './fixtures';
import { dropFile } from './steps';

const PAGE = `<!doctype html><html><head><title>Port strike ends | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times"><meta name="author" content="Mia Chen">
<meta property="article:published_time" content="2026-10-02T08:00:00Z"></head>
<body><nav>Home · World · Sport</nav><article><h1>Port strike ends after nine days</h1>
<p>Dock workers voted 412 to 88 to accept the offer on Thursday, the union said. Ships began unloading at 6 a.m. on Friday.</p>
<p>The deal raises pay by 4.5% this year. “We got what we came for,” said union leader Sam Okoro. Exporters estimated their losses at $30 million.</p>
<script>window.__pwned && window.__pwned()</script></article><footer>© Harbour Times</footer></body></html>`;

async function expectStatements(page: import('@playwright/test').Page, texts: string[]) {
  await expect(page.getByTestId('statement')).toHaveText(texts);
}

test('a .docx dropped on the window becomes an article with its title, author and statements', async ({ app }) => {
  const { page } = app;
  const docx = await makeDocx({
    body: heading('Council approves budget', 1) + para('The council approved the budget 7-2 on Tuesday. Spending rises 3.5% next year.'),
    core: coreXml({ title: 'Council approves budget', creator: 'Ana Ruiz', created: '2026-11-03T09:00:00Z' }),
  });
  await dropFile(page, 'budget.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx);
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Council approves budget');
  await expect(dialog.getByLabel('Author')).toHaveValue('Ana Ruiz');
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expectStatements(page, [
    'Council approves budget',
    'The council approved the budget 7-2 on Tuesday.',
    'Spending rises 3.5% next year.',
  ]);
});

test('an .html page dropped on the window is reduced to its article, scripts and navigation left out', async ({ app }) => {
  const { page } = app;
  await page.addInitScript(() => {
    (window as unknown as { __pwned: () => void }).__pwned = () => {
      throw new Error('a script from the imported page ran');
    };
  });
  await page.reload();
  await dropFile(page, 'strike.html', 'text/html', PAGE);
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await expect(dialog.getByLabel('Outlet')).toHaveValue('Harbour Times');
  await expect(dialog.getByLabel('Author')).toHaveValue('Mia Chen');
  await expect(dialog.getByLabel('Published')).toHaveValue('2026-10-02');
  await expect(dialog.getByTestId('article-text')).not.toHaveValue(/Home · World|window\.__pwned|©/);
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expect(page.getByTestId('statement')).toHaveCount(6);
  await expect(page.getByTestId('statement').nth(4)).toHaveText('“We got what we came for,” said union leader Sam Okoro.');
});

test('a web page is imported by its URL; a missing page says so', async ({ app }) => {
  const { page } = app;
  const server = http.createServer((req, res) => {
    if (req.url === '/strike') res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.getByRole('button', { name: 'New article' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New article' });
    // The test server is on this computer: Factdesk asks before fetching it, and fetches only on yes.
    const ask = dialog.getByRole('alertdialog', { name: 'Fetch a page from the local network?' });
    await dialog.getByTestId('import-url').fill(`${base}/gone`);
    await dialog.getByRole('button', { name: 'Fetch', exact: true }).click();
    await expect(ask).toContainText("127.0.0.1 is on this computer or the newsroom's own network, not the public web.");
    await ask.getByRole('button', { name: "Don't fetch" }).click();
    await expect(ask).toBeHidden();
    await dialog.getByRole('button', { name: 'Fetch', exact: true }).click();
    await ask.getByRole('button', { name: 'Fetch anyway' }).click();
    await expect(dialog.getByRole('alert')).toContainText('answered 404 Not Found');
    await dialog.getByTestId('import-url').fill(`${base}/strike`);
    await dialog.getByRole('button', { name: 'Fetch', exact: true }).click();
    await ask.getByRole('button', { name: 'Fetch anyway' }).click();
    await expect(dialog.getByLabel('URL', { exact: true })).toHaveValue(`${base}/strike`);
    await expect(dialog.getByTestId('article-text')).toHaveValue(/^Port strike ends after nine days\n\nDock workers voted 412 to 88/);
  } finally {
    server.close();
  }
});

test('Hebrew and Chinese articles are split and shown right to left and left to right', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'New article' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByTestId('article-text').fill('הכנסת אישרה את התקציב\n\nההצבעה נערכה ביום שלישי. 62 חברי כנסת תמכו בהצעה.\n\n预算获得通过。投票于周二举行！');
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expectStatements(page, [
    'הכנסת אישרה את התקציב',
    'ההצבעה נערכה ביום שלישי.',
    '62 חברי כנסת תמכו בהצעה.',
    '预算获得通过。',
    '投票于周二举行！',
  ]);
  const hebrew = page.getByTestId('statement').nth(1);
  expect(await hebrew.evaluate((el) => getComputedStyle(el.closest('p')!).direction)).toBe('rtl');
  const chinese = page.getByTestId('statement').nth(3);
  expect(await chinese.evaluate((el) => getComputedStyle(el.closest('p')!).direction)).toBe('ltr');
  await page.screenshot({ path: test.info().outputPath('rtl-cjk.png') });
});

/** 8,000 sibling blocks: Readability takes a minute over them (5,000 took 24 s in issue 11's red-team pass). */
const SLOW_PAGE = `<!doctype html><html><body>${'<div><p>One more paragraph of a page built to keep a reader busy.</p></div>'.repeat(8000)}</body></html>`;

test('the window answers while a slow page is read, and the read can be cancelled', async ({ app }) => {
  // The reader's worker starts from source here (through tsx), which takes seconds on a busy machine.
  test.setTimeout(120_000);
  const { page } = app;
  await dropFile(page, 'slow.html', 'text/html', SLOW_PAGE);
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await expect(dialog.getByRole('status')).toHaveText('Reading slow.html…');
  // While the page is being read, the editor can still write an article and have it split and
  // saved: the main process is not busy with the page.
  await dialog.getByTestId('article-text').fill('Harbour budget\n\nThe council approved it on Tuesday.');
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expect(page.getByTestId('statement')).toHaveText(['Harbour budget', 'The council approved it on Tuesday.']);

  // Again, and this time Cancel: the form stays for pasting, and the late page never fills it.
  await dropFile(page, 'slow.html', 'text/html', SLOW_PAGE);
  await expect(dialog.getByRole('status')).toHaveText('Reading slow.html…');
  await dialog.getByRole('button', { name: 'Cancel reading' }).click();
  await expect(dialog.getByRole('status')).toBeHidden();
  await expect(dialog.getByTestId('article-text')).toHaveValue('');
});

test('a page that takes longer than the budget is given up on with one clear message, and nothing is added', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await dropFile(page, 'slow.html', 'text/html', SLOW_PAGE);
  await expect(page.getByRole('dialog', { name: 'New article' }).getByRole('status')).toHaveText('Reading slow.html…');
  await expect(page.getByRole('alert')).toHaveText(/Gave up on slow\.html after 10 s: the page is built in a way Factdesk cannot read\./, { timeout: 30_000 });
  await expect(page.getByRole('dialog', { name: 'New article' })).toBeHidden();
  await expect(page.getByTestId('article-row')).toHaveCount(0);
});
