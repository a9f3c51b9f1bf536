/**
 * Two editors on one desk: two app pages on two stores, each syncing live with the test
 * CouchDB (test/desk/server.ts), as two machines in a newsroom would. Chromium project only
 * (the fixture's secondApp).
 */
import { ADMIN, ADMIN_PASSWORD, startTestCouch, type TestCouch } from '../test/desk/server';
import { setupDesk } from '../services/desk';
import { test, expect, type FactdeskApp } from './fixtures';
import { createArticle, statement, waitUntilSaved } from './steps';

// PouchDB 9 can reject a request nobody awaits when a connection closes mid-pull.
process.on('unhandledRejection', () => undefined);

const ARTICLE =
  'Crime figures\n\nThe mayor said crime fell by 12 percent in 2025. The city hired 300 new officers last year. Officials expect the new bridge to open in May.';

let couch: TestCouch;
let deskUrl: string;

// Kept on disk, so the server can be killed and restarted with the desk intact.
test.beforeAll(async () => {
  couch = await startTestCouch({ persistent: true });
  await couch.createUser('ana', 'ana-e2e-pw');
  await couch.createUser('ben', 'ben-e2e-pw');
});
test.afterAll(async () => couch?.stop());

// Each test on a desk of its own.
test.beforeEach(async () => {
  deskUrl = couch.databaseUrl();
  await setupDesk(deskUrl, { name: ADMIN, password: ADMIN_PASSWORD }, ['ana', 'ben']);
});

async function connect(app: FactdeskApp, user: string, password: string) {
  const { page } = app;
  await page.getByTestId('editor-button').click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByTestId('desk-url').fill(deskUrl);
  await dialog.getByTestId('desk-user-input').fill(user);
  await dialog.getByTestId('desk-password').fill(password);
  await dialog.getByTestId('desk-connect').click();
  return dialog;
}

test('a verdict given by one editor appears at the other within seconds, and the second signs it off', async ({ app, secondApp }) => {
  const ana = app.page;
  const ben = secondApp.page;
  for (const page of [ana, ben]) await page.setViewportSize({ width: 1024, height: 640 });

  // A wrong password: one clear sentence, nothing connected.
  const anaSettings = await connect(app, 'ana', 'not-her-password');
  await expect(anaSettings.getByTestId('desk-error')).toHaveText('The desk refused the password for ana.');
  await expect(ana.getByTestId('desk-status')).toBeHidden();
  await anaSettings.getByTestId('desk-password').fill('ana-e2e-pw');
  await anaSettings.getByTestId('desk-connect').click();
  await expect(anaSettings.getByTestId('desk-user')).toHaveText('ana');
  // No keyring on this host: the window says the password is not kept.
  await expect(anaSettings).toContainText('does not keep it');
  await ana.screenshot({ path: test.info().outputPath('desk-settings.png') });
  await anaSettings.getByRole('button', { name: 'Cancel' }).click();
  await expect(ana.getByTestId('desk-status')).toContainText('Synced');
  await expect(ana.getByTestId('editor-button')).toHaveText('Editor: ana');

  const benSettings = await connect(secondApp, 'ben', 'ben-e2e-pw');
  await expect(benSettings.getByTestId('desk-user')).toHaveText('ben');
  await benSettings.getByRole('button', { name: 'Cancel' }).click();

  await createArticle(ana, ARTICLE);
  // Ben's library shows Ana's article without a reload; he opens it.
  const row = ben.getByTestId('article-row').filter({ hasText: 'Crime figures' });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await ben.screenshot({ path: test.info().outputPath('desk-library.png') });
  await row.getByRole('button').first().click();
  await expect(ben.getByRole('article', { name: 'Article statements' })).toBeVisible();

  // Ben starts a note on the second statement; Ana's verdict on the first arrives meanwhile.
  await statement(ben, 'The city hired').click();
  const note = ben.getByTestId('note');
  await note.click();
  await note.pressSequentially('Asked the police press office');

  await statement(ana, 'The mayor said').click();
  await ana.keyboard.press('2');
  await waitUntilSaved(ana);
  const started = Date.now();
  await expect(statement(ben, 'The mayor said')).toHaveAttribute('data-verdict', 'verified', { timeout: 15_000 });
  const seconds = (Date.now() - started) / 1000;
  test.info().annotations.push({ type: 'verdict reached the colleague in', description: `${seconds.toFixed(1)} s` });
  // What Ben was typing is neither lost nor moved: he types on where he was.
  await expect(note).toBeFocused();
  await note.pressSequentially(' for the hiring figures.');
  await expect(note).toHaveValue('Asked the police press office for the hiring figures.');
  await waitUntilSaved(ben);

  // Ana's verdict is in Ben's "Awaiting my sign-off"; he opens it from there and signs it off.
  await ben.getByRole('button', { name: '← Library' }).click();
  await ben.getByTestId('view-awaitingMySignOff').click();
  await expect(ben.getByTestId('work-list')).toContainText('The mayor said crime fell by 12 percent in 2025.');
  await expect(ben.getByTestId('work-list')).toContainText('sign-off by any second editor');
  await ben.getByTestId('work-list').getByRole('button').first().click();
  await expect(ben.getByTestId('selected-statement')).toHaveText('The mayor said crime fell by 12 percent in 2025.');
  await expect(ben.getByTestId('sign-off-by')).toHaveText('Awaiting sign-off by a second editor');
  await ben.getByTestId('accountability').getByRole('button', { name: 'Sign off' }).click();
  await expect(ben.getByTestId('signed-off')).toHaveText('✓ Signed off by ben');
  await expect(ana.getByTestId('signed-off')).toHaveText('✓ Signed off by ben', { timeout: 15_000 });
  // Ben's note reached Ana too.
  await statement(ana, 'The city hired').click();
  await expect(ana.getByTestId('note')).toHaveValue('Asked the police press office for the hiring figures.', { timeout: 15_000 });
  await expect(ana.getByTestId('desk-status')).toContainText('Synced');

  await ana.screenshot({ path: test.info().outputPath('desk-ana.png') });
  await ben.screenshot({ path: test.info().outputPath('desk-ben.png') });
});

test('one statement changed by both editors while apart is flagged at both, and keeping the version shown settles it', async ({ app, secondApp }) => {
  test.skip(!couch.restartable, 'Needs the test server, which it kills and restarts (not a real CouchDB from COUCH_URL).');
  const ana = app.page;
  const ben = secondApp.page;
  for (const [who, user, password] of [[app, 'ana', 'ana-e2e-pw'], [secondApp, 'ben', 'ben-e2e-pw']] as const) {
    await who.page.setViewportSize({ width: 1024, height: 640 });
    const settings = await connect(who, user, password);
    await expect(settings.getByTestId('desk-user')).toHaveText(user);
    await settings.getByRole('button', { name: 'Cancel' }).click();
  }
  await createArticle(ana, ARTICLE);
  const row = ben.getByTestId('article-row').filter({ hasText: 'Crime figures' });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByRole('button').first().click();

  // The desk goes down; each editor gives the same statement a different verdict meanwhile.
  await couch.kill();
  try {
    for (const [page, key] of [[ana, '2'], [ben, '4']] as const) {
      await statement(page, 'The city hired').click();
      await page.keyboard.press(key);
      await waitUntilSaved(page);
      await expect(page.getByTestId('desk-status')).toContainText('Offline', { timeout: 15_000 });
    }
  } finally {
    await couch.restart();
  }

  // Back together: the same version at both, flagged, with both verdicts in its history.
  const flagged = 'Changed by ana and ben while apart.';
  for (const page of [ana, ben]) {
    await expect(page.getByTestId('desk-conflict')).toContainText(flagged, { timeout: 20_000 });
    await page.getByText(/^History/).click();
    const history = page.getByRole('list', { name: 'History of this statement' });
    await expect(history).toContainText('Verified');
    await expect(history).toContainText('Misleading');
  }
  const verdict = await statement(ben, 'The city hired').getAttribute('data-verdict');
  await expect(statement(ana, 'The city hired')).toHaveAttribute('data-verdict', verdict!);
  await ben.getByTestId('desk-conflict').scrollIntoViewIfNeeded();
  await ben.screenshot({ path: test.info().outputPath('desk-conflict.png') });

  // Ben keeps the version shown: the flag goes at both, and the history says who decided.
  await ben.getByTestId('keep-version').click();
  await expect(ben.getByTestId('desk-conflict')).toBeHidden();
  await expect(ana.getByTestId('desk-conflict')).toBeHidden({ timeout: 15_000 });
  await expect(ana.getByRole('list', { name: 'History of this statement' })).toContainText('ben settled the conflict between editors');
  await expect(statement(ana, 'The city hired')).toHaveAttribute('data-verdict', verdict!);
  for (const page of [ana, ben]) await expect(page.getByTestId('desk-status')).toContainText('Synced');
  await ana.screenshot({ path: test.info().outputPath('desk-settled.png') });
});
