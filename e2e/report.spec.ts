/**
 * Reports a newsroom can publish, exported through the UI: the PDF (looked at as a picture of
 * its first page, kept in the test's output folder), every other format, "show in folder",
 * the recent list, and a JSON report imported back into the library.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { createArticle, nameEditorWhenAsked, sampleText, statement, waitUntilSaved } from './steps';

// The name dialog before the first verdict is answered wherever it appears.
test.beforeEach(({ app }) => nameEditorWhenAsked(app.page));

const QUOTE = 'Hit & Run debuted in the Top 10 after one day on the service';

/** Verdicts, a quote and a source on a few statements of the sample article. */
async function checkSome(page: Page): Promise<void> {
  await statement(page, 'Per Netflix').click();
  await page.keyboard.press('2'); // Verified
  await page.getByTestId('quote').fill(QUOTE);
  await page.getByTestId('source-title').fill('Netflix Top 10, week of August 12');
  await page.getByTestId('source-url').fill('https://top10.netflix.com/tv');
  await page.getByTestId('source-publisher').fill('Netflix');
  await waitUntilSaved(page);
  await statement(page, 'Hit & Run will not be getting').click();
  await page.keyboard.press('5'); // False
  await waitUntilSaved(page);
  await statement(page, 'Both sets of co-creators').click();
  await page.keyboard.press('4'); // Misleading
  await waitUntilSaved(page);
}

async function exportAs(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
}

test('the PDF report is printed by Chromium, with its title, numbered pages and the checks', async ({ app }) => {
  test.skip(!existsSync('/usr/bin/pdftoppm'), 'needs poppler-utils (pdftoppm) to look at the PDF');
  const { page } = app;
  await createArticle(page, await sampleText(), { outlet: 'The Hollywood Reporter' });
  await checkSome(page);

  const pdf = test.info().outputPath('report.pdf');
  await app.answerSaveDialog(pdf);
  await exportAs(page, 'PDF');
  await expect(page.getByTestId('message')).toContainText('Report saved to', { timeout: 30_000 });
  await expect(page.getByTestId('message')).toContainText('report.pdf');

  const bytes = await readFile(pdf);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pages).toBeGreaterThan(1);
  const squash = (t: string) => t.replace(/\s+/g, '');
  const pageText = (n: number) => squash(execFileSync('pdftotext', ['-f', `${n}`, '-l', `${n}`, pdf, '-'], { encoding: 'utf8' }));
  expect(pageText(1)).toContain(squash('Hit & Run will not be getting a second season at Netflix.'));
  expect(pageText(1)).toContain(squash(`Page 1 of ${pages}`));
  expect(pageText(2)).toContain(squash(`Page 2 of ${pages}`));
  expect(pageText(2)).toContain(squash('Hit & Run will not be getting a second season at Netflix.')); // the running header
  const all = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
  expect(all).toContain(squash(`“${QUOTE}”`));
  expect(all).toContain(squash('Netflix Top 10, week of August 12. Netflix. https://top10.netflix.com/tv'));
  expect(all).toContain(squash('STILL UNCHECKED16')); // the heading is set in capitals

  // The first page as a picture, for a person to look at.
  const png = test.info().outputPath('report-page1');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
  expect((await stat(`${png}.png`)).size).toBeGreaterThan(10_000);
  await test.info().attach('report-page1.png', { path: `${png}.png`, contentType: 'image/png' });

  // Show in folder, right after saving and from the recent list.
  await page.getByTestId('show-in-folder').click();
  await page.getByRole('button', { name: 'Export report' }).click();
  await expect(page.getByTestId('recent-export')).toHaveCount(1);
  await expect(page.getByTestId('recent-export')).toHaveAttribute('title', pdf);
  await page.getByRole('menuitem', { name: 'Show report.pdf in folder' }).click();
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(page.getByTestId('message')).not.toHaveClass(/error/);
});

test('every format from the Export menu, and a JSON report imported back with its verdicts', async ({ app }) => {
  const { page } = app;
  await createArticle(page, await sampleText(), { outlet: 'The Hollywood Reporter' });
  await checkSome(page);

  await page.getByRole('button', { name: 'Export report' }).click();
  await expect(page.getByRole('menuitem')).toHaveText([
    /^PDF/,
    /^Web page \(HTML\)/,
    /^Markdown/,
    /^CSV spreadsheet/,
    /^JSON/,
    /^ClaimReview/,
    /^Annotated article \(HTML\)/,
    /^Annotated article \(PDF\)/,
  ]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  const saved: Record<string, string> = {};
  for (const [label, file] of [
    ['CSV spreadsheet', 'report.csv'],
    ['JSON', 'report.json'],
    ['Markdown', 'report.md'],
    ['Web page (HTML)', 'report.html'],
  ] as const) {
    const out = test.info().outputPath(file);
    await app.answerSaveDialog(out);
    await exportAs(page, label);
    await expect(page.getByTestId('message')).toContainText(`Report saved to ${out}`);
    saved[file] = await readFile(out, 'utf8');
  }
  expect(saved['report.csv']!.startsWith('\uFEFFIndex,Statement,Claimant,Verdict,Awaiting sign-off,Public explanation,Quote')).toBe(true);
  expect(saved['report.csv']).toContain(`,${QUOTE},`);
  expect(saved['report.csv']).toContain(`"Netflix Top 10, week of August 12",https://top10.netflix.com/tv`);
  expect(JSON.parse(saved['report.json']!).summary).toMatchObject({ total: 19, checked: 3 });
  expect(saved['report.html']).toContain('<h2 id="h-unchecked">Still unchecked<span class="count">16</span></h2>');

  await page.getByRole('button', { name: 'Export report' }).click();
  await expect(page.getByTestId('recent-export')).toHaveText([/report\.html/, /report\.md/, /report\.json/, /report\.csv/]);
  // The options apply to the next export: an internal report says so, and lists no unchecked statements here.
  await page.getByLabel('Internal report (notes, history, who checked)').check();
  await page.getByLabel('List unchecked statements').uncheck();
  await page.keyboard.press('Escape');
  const internal = test.info().outputPath('internal.md');
  await app.answerSaveDialog(internal);
  await exportAs(page, 'Markdown');
  await expect(page.getByTestId('message')).toContainText(`Report saved to ${internal}`);
  const internalMd = await readFile(internal, 'utf8');
  expect(internalMd).toContain('For the desk only');
  expect(internalMd).toContain('16 unchecked statements are counted but not listed.');
  expect(internalMd).not.toContain('## Still unchecked');

  // ClaimReview needs the newsroom; without it the editor is told so before any file is written.
  await exportAs(page, 'ClaimReview');
  await expect(page.getByTestId('message')).toContainText('set its name and web address first');

  // Back in the library, the JSON report comes back as a second article with the same checks.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await app.answerOpenDialog(test.info().outputPath('report.json'));
  await page.getByRole('button', { name: 'Import report…' }).click();
  await expect(page.getByTestId('message')).toContainText('19 statements, 3 with a verdict');
  await expect(statement(page, 'Per Netflix')).toHaveAttribute('data-verdict', 'verified');
  await statement(page, 'Per Netflix').click();
  await expect(page.getByTestId('quote')).toHaveValue(QUOTE);
  await expect(page.getByTestId('source-url')).toHaveValue('https://top10.netflix.com/tv');
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('article-row')).toHaveCount(2);
});

test('the public explanation is published, the internal note is not, and the suggested claimant is one click away', async ({ app }) => {
  const { page } = app;
  await createArticle(page, await sampleText(), { outlet: 'The Hollywood Reporter' });
  await statement(page, 'They want it to be an international hit').click();
  await page.keyboard.press('4'); // Misleading
  await page.getByTestId('use-claimant').click();
  await expect(page.getByTestId('claimant')).toHaveValue('Nicole Yorkin');
  await page.getByTestId('explanation').fill('Netflix never said so (see its Top 10).');
  await page.getByTestId('note').fill('Ask the desk whether to correct.');
  await waitUntilSaved(page);

  const out = test.info().outputPath('public.md');
  await app.answerSaveDialog(out);
  await exportAs(page, 'Markdown');
  await expect(page.getByTestId('message')).toContainText(`Report saved to ${out}`);
  const md = await readFile(out, 'utf8');
  expect(md).toContain('Claim by Nicole Yorkin:');
  expect(md).toContain('Netflix never said so (see its Top 10).');
  expect(md).not.toContain('Ask the desk');
});
