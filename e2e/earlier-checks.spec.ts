/**
 * Issue 16 as an editor meets it: a claim checked in one article comes back in the next day's
 * story with a changed number; the evidence panel shows the earlier check, what changed, and
 * copies its source in one step. An unrelated claim shows nothing.
 */
import { test, expect } from './fixtures';
import { createArticle, nameEditorWhenAsked, statement, waitUntilSaved } from './steps';

test.beforeEach(({ app }) => nameEditorWhenAsked(app.page));

test('a second article restating a checked claim shows the earlier check and its changed number', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Streaming\n\nThe series ran nine episodes before it was cancelled, the network said. Critics praised the cast.');
  await statement(page, 'The series ran nine episodes').click();
  await page.keyboard.press('5'); // False
  await page.getByTestId('quote').first().fill('The season had eight episodes in all.');
  await waitUntilSaved(page);

  await page.keyboard.press('Control+l');
  await createArticle(page, 'Follow-up\n\nThe network said the series ran 10 episodes before it was cancelled. Snow fell across the north overnight.');

  // The reading view marks the restated claim, and only it.
  await expect(statement(page, 'The network said the series ran 10 episodes')).toHaveClass(/checked-before/);
  await expect(statement(page, 'Snow fell')).not.toHaveClass(/checked-before/);

  await statement(page, 'The network said the series ran 10 episodes').click();
  const earlier = page.getByTestId('earlier-check');
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toContainText('False');
  await expect(earlier).toContainText('Casey Editor');
  await expect(earlier).toContainText('The series ran nine episodes before it was cancelled');
  await expect(earlier.getByTestId('earlier-differences')).toHaveText('earlier: nine episodes; here: 10 episodes');

  // One step copies the earlier check's source into this statement, saved like any change.
  await earlier.getByTestId('copy-earlier-sources').click();
  await expect(page.getByTestId('quote').first()).toHaveValue('The season had eight episodes in all.');
  await waitUntilSaved(page);

  // An unrelated claim from the same story shows nothing rather than a least bad match.
  await statement(page, 'Snow fell').click();
  await expect(page.getByTestId('selected-statement')).toHaveText(/Snow fell/);
  await expect(page.getByTestId('earlier-checks')).toHaveCount(0);

  // The link opens the earlier check in its own article.
  await statement(page, 'The network said the series ran 10 episodes').click();
  await page.getByRole('button', { name: /Open “Streaming”, statement 2/ }).click();
  await expect(page.getByTestId('selected-statement')).toHaveText(/The series ran nine episodes/);
});
