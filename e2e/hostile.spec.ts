/**
 * Hostile articles: markup that would run code, placed in every field an article brings into
 * Factdesk (text, title, outlet, author, source quote and title, publisher, note) and in the
 * two formats that carry markup of their own (.html dropped on the window, .docx opened from
 * the File menu). A sentinel `__pwned()` is installed before the page loads and every payload
 * that could execute calls it (or alert()); the test ends by proving that nothing called it,
 * no dialog opened, no CSP violation was reported, no payload became an element or an event
 * handler, and the exported HTML report, parsed by jsdom and by Chromium, is inert.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { dropFile, nameEditorWhenAsked, waitUntilSaved } from './steps';
import { activeContent, hostileArticle, hostileDocx, hostileHtmlPage, PAYLOADS } from '../test/fuzz/hostile-corpus';

// The name dialog before the first verdict is answered wherever it appears.
test.beforeEach(({ app }) => nameEditorWhenAsked(app.page));

interface Tripwires {
  pwned: string[];
  violations: string[];
}

/** Runs in the page before any of its scripts: records calls to the sentinel and CSP violations. */
function installTripwires() {
  const w = window as unknown as { __pwned: (id?: unknown) => void; __tripwires: Tripwires };
  w.__tripwires = { pwned: [], violations: [] };
  w.__pwned = (id?: unknown) => void w.__tripwires.pwned.push(String(id));
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__tripwires.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`.trim()),
  );
}

async function tripwires(page: Page): Promise<Tripwires> {
  return page.evaluate(() => (window as unknown as { __tripwires: Tripwires }).__tripwires);
}

/** Elements and attributes that only a payload could have put in the app's page. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const attr of el.attributes) {
        if (attr.name.toLowerCase().startsWith('on')) found.push(`${tag}[${attr.name}]`);
        if (/^\s*(javascript|data|vbscript):/i.test(attr.value) && ['href', 'src', 'action', 'formaction', 'data'].includes(attr.name)) {
          found.push(`${tag}[${attr.name}=${attr.value.slice(0, 30)}]`);
        }
      }
      if (['iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'base', 'mglyph', 'noscript'].includes(tag)) found.push(tag);
      if (tag === 'script' && !(el as HTMLScriptElement).src) found.push('inline script');
      if ((tag === 'meta' || tag === 'link') && !el.closest('head')) found.push(tag);
    }
    return found;
  });
}

test('hostile markup in every field, in .html and in .docx never runs, and the report is inert', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  await page.addInitScript(installTripwires);
  await page.reload();
  await expect(page.getByText('No articles yet')).toBeVisible();

  // 1. Pasted text, with payloads in the title, outlet and author fields as well.
  await page.getByRole('button', { name: 'New article' }).first().click();
  const form = page.getByRole('dialog', { name: 'New article' });
  await form.getByTestId('article-text').fill(hostileArticle());
  await form.getByLabel('Title').fill(PAYLOADS[0]!.text);
  await form.getByLabel('Outlet').fill(PAYLOADS[16]!.text);
  await form.getByLabel('Author').fill(PAYLOADS[2]!.text);
  await form.getByRole('button', { name: 'Create and check' }).click();
  await expect(form).toBeHidden();

  const statements = page.getByTestId('statement');
  await expect(statements).toHaveCount(PAYLOADS.length + 1);
  await expect(statements.first()).toHaveText(`Council <b>approves</b> budget ${PAYLOADS[1]!.text}`);
  for (const [i, p] of PAYLOADS.entries()) {
    await expect(statements.nth(i + 1), p.id).toHaveText(`Claim ${i + 1} says ${p.text} and ends here.`);
  }

  // 2. Evidence: quote, source title, publisher and note of two statements.
  for (const [n, payloads] of [
    [1, PAYLOADS.slice(3, 7)],
    [26, PAYLOADS.slice(20, 24)],
  ] as const) {
    await statements.nth(n).click();
    await page.keyboard.press('5'); // False
    await page.getByTestId('quote').fill(payloads[0]!.text);
    await page.getByTestId('source-title').fill(payloads[1]!.text);
    await page.getByTestId('source-publisher').fill(payloads[2]!.text);
    await page.getByTestId('note').fill(payloads[3]!.text);
    await waitUntilSaved(page);
    await expect(page.getByTestId('quote')).toHaveValue(payloads[0]!.text);
  }

  // 3. The HTML report of that article.
  const reportFile = test.info().outputPath('hostile-report.html');
  await app.answerSaveDialog(reportFile);
  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('message')).toContainText('Report saved to');
  const reportHtml = await readFile(reportFile, 'utf8');

  // 4. A saved web page dropped on the window (services/import reads .html with jsdom + DOMPurify).
  await page.keyboard.press('Control+l');
  await dropFile(page, 'hostile.html', 'text/html', new TextEncoder().encode(hostileHtmlPage()));
  const fromHtml = page.getByRole('dialog', { name: 'New article' });
  await expect(fromHtml).toContainText('from hostile.html');
  const htmlText = await fromHtml.getByTestId('article-text').inputValue();
  expect(htmlText).toContain('The council approved the harbour budget on Tuesday');
  // Markup that was markup in the page is gone; markup that was text in the page is text.
  expect(htmlText).not.toContain('page-script');
  expect(htmlText).toContain(PAYLOADS[1]!.text);
  await fromHtml.getByRole('button', { name: 'Create and check' }).click();
  await expect(fromHtml).toBeHidden();
  await expect(statements.first()).toBeVisible();

  // 5. A Word document from the open dialog (Ctrl+O).
  const docxFile = test.info().outputPath('hostile.docx');
  await writeFile(docxFile, await hostileDocx());
  await page.keyboard.press('Control+l');
  await app.answerOpenDialog(docxFile);
  await page.keyboard.press('Control+o');
  const fromDocx = page.getByRole('dialog', { name: 'New article' });
  await expect(fromDocx).toContainText('from hostile.docx');
  const docxText = await fromDocx.getByTestId('article-text').inputValue();
  for (const p of PAYLOADS) expect(docxText, p.id).toContain(p.text);
  await fromDocx.getByRole('button', { name: 'Create and check' }).click();
  await expect(fromDocx).toBeHidden();
  await expect(statements.filter({ hasText: PAYLOADS[5]!.text })).toHaveCount(1);

  // 6. The library lists three articles whose titles are payloads, as text.
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('article-row')).toHaveCount(3);
  await expect(page.getByTestId('article-row').filter({ hasText: PAYLOADS[0]!.text })).not.toHaveCount(0);

  // Nothing ran in the app, and nothing became markup.
  expect(await injected(page)).toEqual([]);
  expect(await tripwires(page)).toEqual({ pwned: [], violations: [] });

  // 7. The report: every payload is there as text, none as markup (jsdom's parser)…
  const dom = new JSDOM(reportHtml);
  try {
    expect(activeContent(dom.window.document)).toEqual([]);
    const shown = dom.window.document.body.textContent!.replace(/\s+/g, ' ');
    for (const p of PAYLOADS) expect(shown, p.id).toContain(p.text.replace(/\s+/g, ' '));
  } finally {
    dom.window.close();
  }
  // …and Chromium's, with the sentinel still installed in the window.
  await page.setContent(reportHtml);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PAYLOADS[0]!.text);
  expect(await page.evaluate(`(${activeContent.toString()})(document)`)).toEqual([]);
  expect((await tripwires(page)).pwned).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('an error can be copied with its details for support', async ({ app }) => {
  const { page } = app;
  if (app.host === 'chromium') {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  }
  await dropFile(page, 'photo.txt', 'text/plain', new Uint8Array([0, 1, 2, 0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('photo.txt');
  await alert.getByRole('button', { name: 'Copy details' }).click();
  await expect(alert.getByTestId('copy-details')).toHaveText('Copied');
  if (app.host === 'chromium') {
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^Factdesk error\nMessage: photo\.txt (is not UTF-8 text|looks like a binary file)/);
    expect(copied).toMatch(/\nTime: \d{4}-\d\d-\d\dT/);
  }
  // Only errors have the button.
  await alert.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByTestId('copy-details')).toHaveCount(0);
});
