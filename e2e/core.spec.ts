import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { createArticle, dropFile, nameEditorWhenAsked, sampleText, statement, waitUntilSaved } from './steps';

// The name dialog before the first verdict is answered wherever it appears.
test.beforeEach(({ app }) => nameEditorWhenAsked(app.page));

const PER_NETFLIX = 'Per Netflix, Hit & Run landed in the streamer’s Top 10 after a one-day debut.';
const QUOTE = 'Hit & Run debuted in the Top 10 after one day on the service';

test('the sample article becomes statements in reading order, one per sentence', async ({ app }) => {
  const { page } = app;
  await createArticle(page, await sampleText(), { outlet: 'The Hollywood Reporter' });

  const statements = page.getByTestId('statement');
  await expect(statements.first()).toHaveText('Hit & Run will not be getting a second season at Netflix.');
  await expect(statement(page, 'Per Netflix')).toHaveText(PER_NETFLIX);
  // A quotation ending in "?" or "," inside the quote marks continues into its attribution.
  await expect(statement(page, 'We had early on pitched')).toHaveText(
    '“We had early on pitched our idea for the cliffhanger,” said Prestwich of season one.',
  );
  await expect(statements).toHaveCount(19);
  await expect(page.getByTestId('progress-count').first()).toHaveText('0 / 19');
  await page.screenshot({ path: test.info().outputPath('reading-view.png') });
});

test('a verdict with its quote and source is saved, survives a restart and reaches the Markdown report', async ({ app }) => {
  const { page } = app;
  await createArticle(page, await sampleText());

  await statement(page, 'Per Netflix').click();
  await expect(page.getByTestId('selected-statement')).toHaveText(PER_NETFLIX);
  await page.keyboard.press('2'); // Verified
  await expect(statement(page, 'Per Netflix')).toHaveAttribute('data-verdict', 'verified');
  await page.getByTestId('quote').fill(QUOTE);
  await page.getByTestId('source-title').fill('Netflix Top 10, week of August 12');
  await page.getByTestId('source-url').fill('https://top10.netflix.com/tv');
  await page.getByTestId('source-publisher').fill('Netflix');
  await waitUntilSaved(page);

  await app.restart();
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await expect(page.getByTestId('article-row').getByTestId('progress-count')).toHaveText('1 / 19');
  await page.screenshot({ path: test.info().outputPath('library.png') });
  await page.getByTestId('article-row').getByRole('button').first().click();
  await statement(page, 'Per Netflix').click();
  await expect(page.getByRole('radio', { name: /Verified/ })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('quote')).toHaveValue(QUOTE);
  await expect(page.getByTestId('source-url')).toHaveValue('https://top10.netflix.com/tv');

  const report = test.info().outputPath('report.md');
  await app.answerSaveDialog(report);
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menuitem', { name: 'Markdown' }).click();
  await expect(page.getByTestId('message')).toContainText('Report saved to');
  const markdown = await readFile(report, 'utf8');
  expect(markdown).toContain(QUOTE);
  expect(markdown).toContain('Netflix Top 10, week of August 12');
  expect(markdown).toMatch(/### \d+\. Verified\n\n> Per Netflix, Hit & Run landed/);
});

test('the HTML report is escaped, self-contained and looks like a report', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Mayor <b>Smith</b> says taxes fell 4%.\n\nThe <script>alert(1)</script> budget passed.');
  await expect(page.getByTestId('statement').first()).toHaveText('Mayor <b>Smith</b> says taxes fell 4%.');
  await page.keyboard.press('5'); // False
  await page.getByTestId('quote').fill('Taxes rose 2% <img src=x onerror=alert(2)>');
  await waitUntilSaved(page);

  const report = test.info().outputPath('report.html');
  await app.answerSaveDialog(report);
  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('message')).toContainText('Report saved to');
  const html = await readFile(report, 'utf8');
  expect(html).toContain('Mayor &lt;b&gt;Smith&lt;/b&gt; says taxes fell 4%.');
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img');
  expect(html).not.toMatch(/<[^>]+\s(src|on\w+)=/);
  expect(html).not.toMatch(/href="(?!https?:)/);
  await page.setContent(html);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mayor <b>Smith</b> says taxes fell 4%.');
  await page.screenshot({ path: test.info().outputPath('report-html.png'), fullPage: true });
});

test('the keyboard moves between statements, sets verdicts and undoes them', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Headline here\n\nFirst claim is made. Second claim follows. Third claim ends it.');
  const selected = page.getByTestId('selected-statement');
  await expect(selected).toHaveText('Headline here');
  await page.keyboard.press('j');
  await expect(selected).toHaveText('First claim is made.');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveText('Second claim follows.');
  await page.keyboard.press('k');
  await expect(selected).toHaveText('First claim is made.');

  await page.keyboard.press('4'); // Misleading
  await expect(statement(page, 'First claim')).toHaveAttribute('data-verdict', 'misleading');
  await page.keyboard.press('7'); // Opinion
  await expect(statement(page, 'First claim')).toHaveAttribute('data-verdict', 'opinion');
  await page.keyboard.press('Control+z');
  await expect(statement(page, 'First claim')).toHaveAttribute('data-verdict', 'misleading');
  await page.keyboard.press('Control+Shift+z');
  await expect(statement(page, 'First claim')).toHaveAttribute('data-verdict', 'opinion');
  await waitUntilSaved(page);

  await page.keyboard.press('u'); // next unchecked
  await expect(selected).toHaveText('Second claim follows.');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  await app.restart();
  await page.getByTestId('article-row').getByRole('button').first().click();
  await expect(statement(page, 'First claim')).toHaveAttribute('data-verdict', 'opinion');
});

test('a .txt file dropped on the window opens as a new article; a binary one is refused', async ({ app }) => {
  const { page } = app;
  await expect(page.getByText('No articles yet')).toBeVisible();
  await dropFile(page, 'council.txt', 'text/plain', 'Council backs plan\n\nThe council voted 7-2 on Tuesday.');
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await expect(dialog.getByTestId('article-text')).toHaveValue('Council backs plan\n\nThe council voted 7-2 on Tuesday.');
  await expect(dialog).toContainText('from council.txt');
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expect(page.getByTestId('statement')).toHaveCount(2);

  await dropFile(page, 'photo.txt', 'text/plain', '\u0000\u0001\u0002PNG\u0000\u0000binary');
  await expect(page.getByRole('alert')).toHaveText(/photo\.txt is not UTF-8 text|photo\.txt looks like a binary file/);
  await expect(page.getByRole('dialog', { name: 'New article' })).toBeHidden();
});

test('Ctrl/Cmd+O opens a Markdown file through the open dialog, its heading as the title', async ({ app }) => {
  const { page } = app;
  const file = test.info().outputPath('budget.md');
  await writeFile(file, '# Budget *passes*\n\nThe [council](https://council.example) approved it on Jan. 5. Dr. Okafor voted no.\n');
  await app.answerOpenDialog(file);
  await page.keyboard.press('Control+o');
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Budget passes');
  await expect(dialog.getByTestId('article-text')).toHaveValue(
    'Budget passes\n\nThe council approved it on Jan. 5. Dr. Okafor voted no.',
  );
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expect(page.getByTestId('statement')).toHaveText([
    'Budget passes',
    'The council approved it on Jan. 5.',
    'Dr. Okafor voted no.',
  ]);
});

test('deleting asks first, names the article, and the trash gives it back', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Budget vote delayed\n\nThe vote moved to March.');
  await page.keyboard.press('Control+l');
  await page.getByRole('button', { name: 'Delete “Budget vote delayed”' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete article?' });
  await expect(confirm).toContainText('Delete “Budget vote delayed”?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('article-row')).toHaveCount(1);

  await page.getByRole('button', { name: 'Delete “Budget vote delayed”' }).click();
  await page.getByRole('dialog', { name: 'Delete article?' }).getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByTestId('article-row')).toHaveCount(0);
  await page.getByText('Trash (1)').click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('article-row')).toHaveCount(1);
});

test('a change that cannot be saved says so and is not lost', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Rates unchanged\n\nThe bank held rates at 4.5%.');
  await page.getByRole('group').getByTestId('source-url').fill('javascript:alert(1)');
  await expect(page.getByTestId('save-state')).toContainText('Not saved: URL must start with http:// or https://');
  await page.getByTestId('source-url').fill('https://bank.example/decision');
  await waitUntilSaved(page);
  await app.restart();
  await page.getByTestId('article-row').getByRole('button').first().click();
  await expect(page.getByTestId('source-url')).toHaveValue('https://bank.example/decision');
});

test('a statement is split where the editor clicked, and merged back with the next', async ({ app }) => {
  const { page } = app;
  await createArticle(page, 'Rates\n\nRates rose 2% and prices fell. Wages held.');
  const first = statement(page, 'Rates rose');
  await first.click();
  // Put the caret after "2%", as a click between the words would.
  await first.evaluate((el) => {
    const range = document.createRange();
    range.setStart(el.firstChild!, 'Rates rose 2%'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    (el as HTMLElement).click();
  });
  await page.keyboard.press('x');
  await expect(page.getByTestId('statement')).toHaveText(['Rates', 'Rates rose 2%', 'and prices fell.', 'Wages held.']);
  await page.keyboard.press('m');
  await expect(page.getByTestId('statement')).toHaveText(['Rates', 'Rates rose 2% and prices fell.', 'Wages held.']);
  await app.restart();
  await page.getByTestId('article-row').getByRole('button').first().click();
  await expect(page.getByTestId('statement')).toHaveCount(3);
});
