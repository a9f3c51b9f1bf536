/**
 * The keyboard: one table. The shortcuts sheet lists it and handleKey looks a key press up in
 * it, so what the sheet says and what the keys do cannot drift apart. Single-letter keys act
 * only when the editor is not typing in a field and no dialog is open; Ctrl/Cmd shortcuts for
 * menu commands work everywhere, as menu accelerators do.
 */
import { emptySource, VERDICTS } from '$domain/verdicts';
import { check } from './check.svelte';
import { runMenuCommand } from './commands';
import { settings } from './settings.svelte';
import { ui } from './ui.svelte';

export interface Shortcut {
  /** As the sheet shows it. */
  keys: string;
  does: string;
  /** The `KeyboardEvent.key` values, lower-cased, that trigger it. */
  press: string[];
  /** Ctrl (or Cmd) held; for Ctrl shortcuts, whether Shift must be held too. */
  mod?: { shift: boolean };
  /** The screen it acts on; anywhere when absent. */
  on?: 'article' | 'library';
  /** Also while the caret is in a text field (menu commands, leaving the field). */
  inFields?: boolean;
  run(key: string): void;
}

const menu = (command: Parameters<typeof runMenuCommand>[0]) => () => void runMenuCommand(command);
const focus = (id: string) => () => document.getElementById(id)?.focus();

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl/Cmd+N', does: 'New article', press: ['n'], mod: { shift: false }, inFields: true, run: menu('new-article') },
  { keys: 'Ctrl/Cmd+O', does: 'Open an article file', press: ['o'], mod: { shift: false }, inFields: true, run: menu('open-file') },
  { keys: 'Ctrl/Cmd+E', does: 'Export the report (HTML)', press: ['e'], mod: { shift: false }, inFields: true, run: menu('export-html') },
  { keys: 'Ctrl/Cmd+L', does: 'Back to the library', press: ['l'], mod: { shift: false }, inFields: true, run: menu('show-library') },
  { keys: 'Ctrl/Cmd+,', does: 'Settings (your name, the newsroom)', press: [','], mod: { shift: false }, inFields: true, run: menu('open-settings') },
  { keys: 'J or ↓', does: 'Next statement', press: ['j', 'arrowdown'], on: 'article', run: () => check.select(check.selected + 1) },
  { keys: 'K or ↑', does: 'Previous statement', press: ['k', 'arrowup'], on: 'article', run: () => check.select(check.selected - 1) },
  { keys: 'Home / End', does: 'First / last statement', press: ['home', 'end'], on: 'article', run: (key) => check.select(key === 'home' ? 0 : Number.MAX_SAFE_INTEGER) },
  { keys: 'U', does: 'Next unchecked statement', press: ['u'], on: 'article', run: () => check.selectNextUnchecked() },
  {
    keys: '1 – 7',
    does: 'Set the verdict (Unchecked … Opinion)',
    press: VERDICTS.map((_, i) => String(i + 1)),
    on: 'article',
    run: (key) => void check.giveVerdict(VERDICTS[Number(key) - 1]!),
  },
  { keys: 'Q or Enter', does: 'Edit the quote', press: ['q', 'enter'], on: 'article', run: focus('quote-0') },
  { keys: 'A', does: 'Add a source and edit its quote', press: ['a'], on: 'article', run: () => addSource() },
  { keys: 'S', does: 'Sign off the verdict (as a second editor)', press: ['s'], on: 'article', run: () => void check.signOff() },
  { keys: 'X', does: 'Split the statement where you clicked', press: ['x'], on: 'article', run: () => void check.split() },
  { keys: 'M', does: 'Merge the statement with the next', press: ['m'], on: 'article', run: () => void check.mergeWithNext() },
  { keys: '/', does: 'Search the library', press: ['/'], on: 'library', run: focus('library-search') },
  { keys: 'Esc', does: 'Leave the field / close the sheet', press: ['escape'], inFields: true, run: () => leave() },
  // In a text field, Ctrl+Z belongs to the field (undoing typing), so these are not inFields.
  { keys: 'Ctrl/Cmd+Z', does: 'Undo', press: ['z'], mod: { shift: false }, on: 'article', run: () => void check.undo() },
  { keys: 'Shift+Ctrl/Cmd+Z or Ctrl+Y', does: 'Redo', press: ['z', 'y'], mod: { shift: true }, on: 'article', run: () => void check.redo() },
  { keys: '?', does: 'Show these shortcuts', press: ['?'], run: () => (ui.showShortcuts = !ui.showShortcuts) },
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

/** Escape closes the shortcuts sheet, or leaves the field the caret is in. */
function leave(): void {
  if (ui.showShortcuts) ui.showShortcuts = false;
  else if (isTyping(document.activeElement)) (document.activeElement as HTMLElement).blur();
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The shortcut a key press means here and now, if any. */
export function shortcutFor(event: KeyboardEvent): Shortcut | undefined {
  const mod = !!(event.ctrlKey || event.metaKey);
  if (event.altKey) return undefined;
  const key = event.key.toLowerCase();
  const typing = isTyping(event.target);
  // Ctrl+Y is redo without Shift: the one shortcut whose Shift state is not its own.
  const shift = mod && key === 'y' ? true : !!event.shiftKey;
  // A dialog (new article, settings, the name question) owns the plain keys while it is open.
  const dialogOpen = ui.newArticle || settings.open || settings.naming;
  return SHORTCUTS.find(
    (s) =>
      s.press.includes(key) &&
      !!s.mod === mod &&
      (!s.mod || s.mod.shift === shift) &&
      (!s.on || s.on === ui.screen.name) &&
      (!typing || s.inFields) &&
      (mod || key === 'escape' || !dialogOpen),
  );
}

export function handleKey(event: KeyboardEvent): void {
  const shortcut = shortcutFor(event);
  if (!shortcut) return;
  // Escape keeps its default so that a native dialog still closes on it.
  if (event.key !== 'Escape') event.preventDefault();
  shortcut.run(event.key.toLowerCase());
}
