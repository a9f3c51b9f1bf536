/**
 * What an editor does lands where they did it (issue 10): a slow attach keeps its statement
 * while the editor moves on, the name is asked before the first verdict, each statement's
 * panel starts at its top, and a small window keeps every button and message in reach.
 */
import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { makePdf } from '../services/evidence/fixtures/make-pdf';
import { test, expect } from './fixtures';
import { createArticle, nameEditorWhenAsked, statement, waitUntilSaved } from './steps';

const ARTICLE = [
  'Council budget rises',
  '',
  'The council approved a budget of 4 million euros on Monday. Spending rose by 12 percent last year, the report says. ' +
    'The mayor said taxes will not rise. Officials expect a surplus in 2027.',
].join('\n');

async function openOnlyArticle(page: Page) {
  await page.getByTestId('article-row').first().getByRole('button').first().click();
  await expect(page.getByRole('article', { name: 'Article statements' })).toBeVisible();
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

test('a document attached to one statement lands there while the editor moves to another', async ({ app }) => {
  const { page } = app;
  await nameEditorWhenAsked(page);
  await createArticle(page, ARTICLE);
  const pdf = test.info().outputPath('council-report.pdf');
  await writeFile(pdf, await makePdf([['Council report 2026', 'Spending rose by 12 percent last year, the report says.']]));

  await statement(page, 'Spending rose').click();
  // The document takes seconds to arrive, as a 60-page PDF does.
  await app.answerOpenDialog(pdf, { delayMs: 3000 });
  await page.getByRole('button', { name: 'Attach…' }).click();
  await expect(statement(page, 'Spending rose')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('statement-busy')).toHaveText('Attaching a document…');

  // The editor moves on while it loads: the other statement is not busy and can attach its own.
  await statement(page, 'The council approved').click();
  await expect(page.getByTestId('selected-statement')).toContainText('The council approved');
  await expect(page.getByTestId('statement-busy')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Attach…' })).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('attach-under-way-elsewhere.png') });

  await expect(statement(page, 'Spending rose')).not.toHaveAttribute('aria-busy', 'true', { timeout: 15_000 });
  await waitUntilSaved(page);
  // The editor is left where they went, and that statement got nothing.
  await expect(page.getByTestId('selected-statement')).toContainText('The council approved');
  await expect(page.getByTestId('source-document')).toHaveValue('');
  await statement(page, 'Spending rose').click();
  await expect(page.getByTestId('source-document').locator('option:checked')).toHaveText('council-report.pdf');
  await expect(page.getByTestId('quote-check')).toBeHidden();

  // On disk as on screen.
  await app.restart();
  await openOnlyArticle(page);
  await statement(page, 'Spending rose').click();
  await expect(page.getByTestId('source-document').locator('option:checked')).toHaveText('council-report.pdf');
  await statement(page, 'The council approved').click();
  await expect(page.getByTestId('source-document')).toHaveValue('');
});

test("the editor's name is asked before the first verdict; it can change later and the history keeps who did what", async ({ app }) => {
  const { page } = app;
  await createArticle(page, ARTICLE);
  await statement(page, 'The council approved').click();
  await page.keyboard.press('2'); // Verified
  const dialog = page.getByRole('dialog', { name: 'Who is checking?' });
  await expect(dialog).toBeVisible();
  await expect(statement(page, 'The council approved')).toHaveAttribute('data-verdict', 'unchecked');
  await dialog.getByTestId('name-before-verdict').fill('Dana Fox');
  await dialog.getByRole('button', { name: 'Save and give the verdict' }).click();
  await expect(dialog).toBeHidden();
  await expect(statement(page, 'The council approved')).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('accountability')).toContainText('Checked by Dana Fox');
  await waitUntilSaved(page);

  // Another editor at the same desk later: Settings, then a verdict of hers.
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByTestId('editor-name')).toHaveValue('Dana Fox');
  await settings.getByTestId('editor-name').fill('Eli Moss');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  await statement(page, 'Spending rose').click();
  await page.getByRole('radio', { name: /False/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('accountability')).toContainText('Checked by Eli Moss');
  await waitUntilSaved(page);

  await statement(page, 'The council approved').click();
  await expect(page.getByTestId('accountability')).toContainText('Checked by Dana Fox');
  await page.getByText(/^History \(\d+\)$/).click();
  await expect(page.getByRole('list', { name: 'History of this statement' })).toContainText('Dana Fox');
});

test("each statement's evidence panel starts at its top", async ({ app }) => {
  const { page } = app;
  await nameEditorWhenAsked(page);
  await page.setViewportSize({ width: 1024, height: 640 });
  await createArticle(page, ARTICLE);
  await statement(page, 'The council approved').click();
  const panel = page.getByTestId('evidence-panel');
  await panel.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  await expect(page.getByRole('radio', { name: /Verified/ })).not.toBeInViewport();

  await statement(page, 'Spending rose').click();
  await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(page.getByTestId('selected-statement')).toBeInViewport();
  await expect(page.getByRole('radio', { name: /Verified/ })).toBeInViewport();
});

test('a 1024×640 window keeps the New article buttons in reach, and messages cover nothing', async ({ app }) => {
  const { page } = app;
  await nameEditorWhenAsked(page);
  for (const [width, height] of [
    [1024, 640],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole('button', { name: 'New article' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New article' });
    await dialog.getByTestId('article-text').fill(ARTICLE);
    await expect(dialog.getByRole('button', { name: 'Create and check' })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: test.info().outputPath(`new-article-${width}x${height}.png`) });
    await dialog.getByRole('button', { name: 'Create and check' }).click();
    await expect(dialog).toBeHidden();

    // The confirmation sits in its own row under the article and the panel, and goes.
    const message = page.getByTestId('message');
    await expect(message).toContainText('statements to check');
    const bar = await box(message);
    for (const region of [page.getByRole('article', { name: 'Article statements' }), page.getByTestId('evidence-panel')]) {
      const parent = await box(region.locator('xpath=..'));
      expect(parent.y + parent.height, 'the message bar starts below this region').toBeLessThanOrEqual(bar.y + 1);
    }
    await page.screenshot({ path: test.info().outputPath(`check-${width}x${height}.png`) });
    await expect(message).toBeHidden({ timeout: 6000 });
    await page.getByRole('button', { name: '← Library' }).click();
  }
});
