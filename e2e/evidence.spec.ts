/**
 * Issue 5 as an editor works it: attach source documents, see whether each quote is in its
 * source, have a second editor sign off, undo a verdict, and search the whole library.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { makePdf } from '../services/evidence/fixtures/make-pdf';
import { test, expect } from './fixtures';
import { createArticle, nameEditorWhenAsked, sampleText, statement, waitUntilSaved } from './steps';

// The name dialog before the first verdict is answered wherever it appears.
test.beforeEach(({ app }) => nameEditorWhenAsked(app.page));

async function setEditorName(page: Page, name: string) {
  await page.keyboard.press('Control+l');
  await page.getByTestId('editor-button').click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByTestId('editor-name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('editor-button')).toHaveText(`Editor: ${name}`);
}

async function openFirstArticle(page: Page) {
  await page.getByTestId('article-row').last().getByRole('button').first().click();
}

test('quotes are checked against attached PDF and HTML sources, signed off by a second editor', async ({ app }) => {
  const { page } = app;
  const pdf = test.info().outputPath('netflix-top10.pdf');
  await writeFile(
    pdf,
    await makePdf([
      ['Netflix Top 10 — week of August 12', 'Hit & Run landed in the streamer’s Top 10 after a one-', 'day debut, the company said.'],
      ['Page two: the show also made the Nielsen charts.'],
    ]),
  );
  const html = test.info().outputPath('thr.html');
  await writeFile(
    html,
    `<html><head><title>THR</title></head><body><article><h1>Hit &amp; Run cancelled</h1>${'<p>The espionage thriller will end after one season at the streaming giant, the outlet confirmed on Friday. The co-creators keep their overall deals at the company, sources said.</p>'.repeat(3)}</article></body></html>`,
  );

  await setEditorName(page, 'Ana Ruiz');
  await createArticle(page, await sampleText());

  // A quote that is in the PDF, across its line break and hyphen.
  await statement(page, 'Per Netflix').click();
  await page.keyboard.press('2');
  await app.answerOpenDialog(pdf);
  await page.getByRole('button', { name: 'Attach…' }).click();
  await expect(page.getByTestId('source-document')).toHaveValue(/.+/);
  await page.getByTestId('quote').fill('landed in the streamer’s Top 10 after a one-day debut');
  await waitUntilSaved(page);
  await expect(page.getByTestId('quote-check')).toHaveAttribute('data-match', /exact|normalised/);
  await expect(page.getByTestId('quote-check')).toContainText('Found in the source');
  await expect(page.getByTestId('source-title')).toHaveValue('netflix-top10.pdf');
  await page.getByRole('button', { name: 'Show in source' }).click();
  await expect(page.getByTestId('source-viewer').locator('mark')).toContainText('Top 10 after a one-');
  await page.screenshot({ path: test.info().outputPath('source-viewer.png') });
  await page.keyboard.press('Escape');

  // A quote that is not in the HTML source.
  await statement(page, 'It also made the Nielsen').click();
  await page.keyboard.press('2');
  await app.answerOpenDialog(html);
  await page.getByRole('button', { name: 'Attach…' }).click();
  await expect(page.getByTestId('source-document')).toHaveValue(/.+/);
  await page.getByTestId('quote').fill('It topped the Nielsen chart for three weeks');
  await waitUntilSaved(page);
  await expect(page.getByTestId('quote-check')).toHaveAttribute('data-match', 'none');
  await expect(page.getByTestId('quote-check')).toContainText('Not found in the source');

  // The checker cannot sign off their own verdict; a second editor can.
  await statement(page, 'Per Netflix').click();
  await page.keyboard.press('s');
  // A refusal with its reason, on the statement: not a failed save, nothing to retry.
  await expect(page.getByTestId('action-refused')).toHaveText('Sign-off refused: Ana Ruiz gave this verdict; a second editor must sign it off.');
  await expect(page.getByTestId('save-state')).not.toContainText('Not saved');
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('sign-off-refused.png') });
  await setEditorName(page, 'Ben Okafor');
  await openFirstArticle(page);
  await statement(page, 'Per Netflix').click();
  await expect(page.getByTestId('accountability')).toContainText('Checked by Ana Ruiz');
  await page.keyboard.press('s');
  await expect(page.getByTestId('signed-off')).toHaveText('✓ Signed off by Ben Okafor');
  await page.getByText(/^History \(\d+\)$/).click();
  await expect(page.getByRole('list', { name: 'History of this statement' })).toContainText('Ben Okafor changed the sign-off');
  await page.screenshot({ path: test.info().outputPath('evidence-panel.png') });
});

test('a verdict can be undone, and search finds statements across two articles', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Budget vote delayed\n\nThe council moved the Top 10 priorities vote to March.');
  await page.keyboard.press('Control+l');
  await createArticle(page, await sampleText());
  await statement(page, 'Per Netflix').click();
  await page.keyboard.press('5');
  await expect(statement(page, 'Per Netflix')).toHaveAttribute('data-verdict', 'false');
  await page.keyboard.press('Control+z');
  await expect(statement(page, 'Per Netflix')).toHaveAttribute('data-verdict', 'unchecked');
  await page.keyboard.press('4');
  await waitUntilSaved(page);

  await page.keyboard.press('Control+l');
  await page.keyboard.press('/');
  await page.keyboard.type('top 10');
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(3);
  await expect(hits.filter({ hasText: 'Budget vote delayed' })).toHaveCount(1);
  await page.getByLabel('Verdict').selectOption('misleading');
  await expect(hits).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('search.png') });
  await hits.first().click();
  await expect(page.getByTestId('selected-statement')).toHaveText(
    'Per Netflix, Hit & Run landed in the streamer’s Top 10 after a one-day debut.',
  );
});

test('the sample article goes from unchecked to ready to publish with the keyboard alone', async ({ app }) => {
  const { page } = app;
  const setName = async (name: string) => {
    await page.keyboard.press('Control+,');
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden();
  };
  await setName('Ana Ruiz');
  await page.keyboard.press('Control+n');
  await page.keyboard.insertText(await sampleText());
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('statement')).toHaveCount(19);

  // Ana checks: quotations are verified, everything else is opinion or verified in turn.
  for (let i = 0; i < 19; i++) {
    await page.keyboard.press(i % 3 === 2 ? '7' : '2');
    await page.keyboard.press('j');
  }
  await waitUntilSaved(page);
  await expect(page.getByTestId('progress-count')).toHaveText('19 / 19');

  // Ben signs off every verdict that needs it.
  await setName('Ben Okafor');
  await page.keyboard.press('Home');
  for (let i = 0; i < 19; i++) {
    if (i % 3 !== 2) {
      await page.keyboard.press('s');
      await expect(page.getByTestId('signed-off')).toHaveText('✓ Signed off by Ben Okafor');
    }
    await page.keyboard.press('j');
  }
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('article-row').getByTestId('ready')).toHaveText('Ready to publish');
});
