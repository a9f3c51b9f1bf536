/** What an editor does, in the words of the specs. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const SAMPLE = path.resolve(import.meta.dirname, '../test/fixtures/hit-and-run.txt');

export async function sampleText(): Promise<string> {
  return readFile(SAMPLE, 'utf8');
}

/**
 * Factdesk asks for the editor's name before the first verdict. Specs about something else
 * answer it whenever it appears (Playwright runs the handler before the next action or
 * assertion), as this editor, and keep their own assertions.
 */
export async function nameEditorWhenAsked(page: Page, name = 'Casey Editor'): Promise<void> {
  await page.addLocatorHandler(page.getByRole('dialog', { name: 'Who is checking?' }), async (dialog) => {
    await dialog.getByTestId('name-before-verdict').fill(name);
    await dialog.getByRole('button', { name: 'Save and give the verdict' }).click();
  });
}

/** New article → paste → Create, and wait for the reading view. */
export async function createArticle(page: Page, text: string, fields: { outlet?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: 'New article' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByTestId('article-text').fill(text);
  if (fields.outlet) await dialog.getByLabel('Outlet').fill(fields.outlet);
  await dialog.getByRole('button', { name: 'Create and check' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article', { name: 'Article statements' })).toBeVisible();
}

export function statement(page: Page, text: string) {
  return page.getByTestId('statement').filter({ hasText: text });
}

export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveText('✓ Saved');
}

/** Drops a file on the window, as an editor drags one from the desktop. */
export async function dropFile(page: Page, name: string, type: string, content: string | Uint8Array): Promise<void> {
  const bytes = typeof content === 'string' ? [...new TextEncoder().encode(content)] : [...content];
  const dataTransfer = await page.evaluateHandle(
    ({ name, type, bytes }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { name, type, bytes },
  );
  await page.dispatchEvent('.app', 'dragover', { dataTransfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
}
