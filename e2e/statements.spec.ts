/** What to check first, and verdicts that survive an edit of the article's text. */
import { test, expect } from './fixtures';
import { createArticle, nameEditorWhenAsked, statement, waitUntilSaved } from './steps';

// The name dialog before the first verdict is answered wherever it appears.
test.beforeEach(({ app }) => nameEditorWhenAsked(app.page));

const ARTICLE =
  'Council budget\n\nWhat a wonderful day for the city! The council approved $4.2 million for roads on Tuesday, the mayor said. Is this enough? Spending rose 12% compared with 2024.';

test('likely claims come first, and the filter shows only one kind', async ({ app }) => {
  const { page } = app;
  await createArticle(page, ARTICLE);
  await statement(page, 'The council approved').click();
  await expect(page.getByRole('list', { name: 'What to check' }).getByTestId('hint')).toContainText([
    'number: $4.2 million',
    'date: Tuesday',
    'attribution: said',
  ]);
  await page.getByTestId('order').selectOption('claims');
  const items = page.getByTestId('claim-item');
  // A number, a comparison and a date outrank a number, a date and an attribution; opinion and
  // the article's own question come last.
  await expect(items.nth(0)).toContainText('Spending rose 12% compared with 2024.');
  await expect(items.nth(1)).toContainText('The council approved $4.2 million');
  await expect(items.nth(3)).toContainText('What a wonderful day');
  await expect(items.nth(4)).toContainText('Is this enough?');
  await page.getByTestId('filter').selectOption('opinion');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('What a wonderful day');
  await page.screenshot({ path: test.info().outputPath('claims-first.png') });
});

test('editing the text keeps each verdict with its statement and keeps orphaned ones', async ({ app }) => {
  const { page } = app;
  await createArticle(page, ARTICLE);
  await statement(page, 'The council approved').click();
  await page.keyboard.press('2');
  await statement(page, 'Is this enough?').click();
  await page.keyboard.press('7');
  await statement(page, 'Spending rose').click();
  await page.keyboard.press('5');
  await waitUntilSaved(page);

  await page.getByText('Add outlet, author, date and URL').click();
  await page.getByRole('button', { name: 'Edit the article text…' }).click();
  const edited = ARTICLE.replace('Is this enough? ', '').replace('on Tuesday', 'on Monday').replace('Council budget\n\n', 'Council budget\n\nA new first sentence. ');
  await page.getByTestId('edit-text').fill(edited);
  await page.getByRole('button', { name: 'Save text' }).click();
  await expect(page.getByTestId('message')).toContainText('1 verdict has no statement any more');
  await expect(statement(page, 'The council approved')).toHaveText('The council approved $4.2 million for roads on Monday, the mayor said.');
  await expect(statement(page, 'The council approved')).toHaveAttribute('data-verdict', 'verified');
  await expect(statement(page, 'Spending rose')).toHaveAttribute('data-verdict', 'false');
  await expect(statement(page, 'A new first sentence.')).toHaveAttribute('data-verdict', 'unchecked');
  const orphaned = page.getByTestId('orphaned');
  await expect(orphaned).toContainText('Opinion');
  await expect(orphaned).toContainText('Is this enough?');

  await app.restart();
  await page.getByTestId('article-row').getByRole('button').first().click();
  await expect(page.getByTestId('orphaned')).toContainText('Is this enough?');
  await page.getByTestId('orphaned').getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('orphaned')).toBeHidden();
});
