/**
 * The keyboard: one table, shown in the shortcuts sheet and used by the handler, so the two
 * can never disagree. Single-letter keys act only when the editor is not typing in a field.
 */
import { emptySource, VERDICTS } from '../../../store/verdicts';
import { check } from './check.svelte';
import { runMenuCommand } from './commands';
import { settings } from './settings.svelte';
import { ui } from './ui.svelte';

export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl/Cmd+N', does: 'New article' },
  { keys: 'Ctrl/Cmd+O', does: 'Open an article file' },
  { keys: 'Ctrl/Cmd+E', does: 'Export the report (HTML)' },
  { keys: 'Ctrl/Cmd+L', does: 'Back to the library' },
  { keys: 'Ctrl/Cmd+,', does: 'Settings (your name, the newsroom)' },
  { keys: 'J or ↓', does: 'Next statement' },
  { keys: 'K or ↑', does: 'Previous statement' },
  { keys: 'U', does: 'Next unchecked statement' },
  { keys: '1 – 7', does: 'Set the verdict (Unchecked … Opinion)' },
  { keys: 'Q or Enter', does: 'Edit the quote' },
  { keys: 'A', does: 'Add a source and edit its quote' },
  { keys: 'S', does: 'Sign off the verdict (as a second editor)' },
  { keys: 'X', does: 'Split the statement where you clicked' },
  { keys: 'M', does: 'Merge the statement with the next' },
  { keys: '/', does: 'Search the library' },
  { keys: 'Esc', does: 'Leave the field / close the dialog' },
  { keys: 'Ctrl/Cmd+Z', does: 'Undo' },
  { keys: 'Shift+Ctrl/Cmd+Z', does: 'Redo' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** A new, empty source after the existing ones, its quote field ready for typing. */
function addSource(): void {
  const statement = check.statement;
  if (!statement) return;
  const count = Math.max(1, statement.sources.length);
  const sources = statement.sources.length ? statement.sources : [emptySource()];
  check.edit({ sources: [...sources, emptySource()] });
  requestAnimationFrame(() => document.getElementById(`quote-${count}`)?.focus());
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function handleKey(event: KeyboardEvent): void {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey) {
    const command = (
      { n: 'new-article', o: 'open-file', l: 'show-library', ',': 'open-settings', e: 'export-html' } as const
    )[key as 'n' | 'o' | 'l' | ',' | 'e'];
    if (command) {
      event.preventDefault();
      return runMenuCommand(command);
    }
    // In a text field, Ctrl+Z belongs to the field.
    if (key === 'z' && ui.screen.name === 'article' && !isTyping(event.target)) {
      event.preventDefault();
      return event.shiftKey ? check.redo() : check.undo();
    }
    if (key === 'y' && ui.screen.name === 'article' && !isTyping(event.target)) {
      event.preventDefault();
      return check.redo();
    }
    return;
  }
  if (event.key === 'Escape') {
    if (ui.showShortcuts) ui.showShortcuts = false;
    else if (isTyping(event.target)) (event.target as HTMLElement).blur();
    return;
  }
  if (isTyping(event.target) || event.altKey || ui.newArticle || settings.open || settings.naming) return;
  if (event.key === '?') {
    ui.showShortcuts = !ui.showShortcuts;
    return;
  }
  if (event.key === '/' && ui.screen.name === 'library') {
    event.preventDefault();
    document.getElementById('library-search')?.focus();
    return;
  }
  if (ui.screen.name !== 'article') return;
  const verdict = VERDICTS[Number(event.key) - 1];
  if (/^[1-7]$/.test(event.key) && verdict) {
    event.preventDefault();
    return check.giveVerdict(verdict);
  }
  const move: Record<string, () => void> = {
    j: () => check.select(check.selected + 1),
    arrowdown: () => check.select(check.selected + 1),
    k: () => check.select(check.selected - 1),
    arrowup: () => check.select(check.selected - 1),
    u: () => check.selectNextUnchecked(),
    home: () => check.select(0),
    end: () => check.select(Number.MAX_SAFE_INTEGER),
    q: () => document.getElementById('quote-0')?.focus(),
    enter: () => document.getElementById('quote-0')?.focus(),
    s: () => void check.signOff(),
    a: () => addSource(),
    x: () => void check.split(),
    m: () => void check.mergeWithNext(),
  };
  const action = move[key];
  if (action) {
    event.preventDefault();
    action();
  }
}
