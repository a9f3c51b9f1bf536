/**
 * The keyboard table: what the shortcuts sheet lists is what the keys do, on the right screen,
 * and never while the editor is typing (except the menu commands and Escape).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./commands', () => ({ runMenuCommand: vi.fn() }));

const { SHORTCUTS, handleKey, shortcutFor } = await import('./keys');
const { check } = await import('./check.svelte');
const { ui } = await import('./ui.svelte');
const { runMenuCommand } = await import('./commands');

const field = { tagName: 'TEXTAREA', isContentEditable: false };
const page = { tagName: 'BODY', isContentEditable: false };

function press(key: string, options: { ctrl?: boolean; shift?: boolean; target?: object } = {}) {
  const event = {
    key,
    ctrlKey: !!options.ctrl,
    metaKey: false,
    shiftKey: !!options.shift,
    altKey: false,
    target: options.target ?? page,
    preventDefault: vi.fn(),
  } as unknown as KeyboardEvent;
  handleKey(event);
  return event;
}

beforeEach(() => {
  vi.clearAllMocks();
  ui.screen = { name: 'article', id: 'a' };
  ui.newArticle = null;
  ui.showShortcuts = false;
});

describe('one table for the sheet and the keys', () => {
  it('lists each shortcut once, and every one has keys that trigger it', () => {
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
    for (const shortcut of SHORTCUTS) expect(shortcut.press.length, shortcut.keys).toBeGreaterThan(0);
  });

  it('finds the listed shortcut for each key it names', () => {
    for (const shortcut of SHORTCUTS) {
      if (shortcut.on) ui.screen = shortcut.on === 'article' ? { name: 'article', id: 'a' } : { name: 'library' };
      for (const key of shortcut.press) {
        const event = { key, ctrlKey: !!shortcut.mod, metaKey: false, shiftKey: !!shortcut.mod?.shift, altKey: false, target: page };
        expect(shortcutFor(event as unknown as KeyboardEvent)?.keys, `${shortcut.keys}: ${key}`).toBe(shortcut.keys);
      }
    }
  });
});

describe('what the keys do', () => {
  it('moves between statements and gives verdicts on the article screen', () => {
    const select = vi.spyOn(check, 'select').mockImplementation(() => {});
    const giveVerdict = vi.spyOn(check, 'giveVerdict').mockResolvedValue(undefined as never);
    press('j');
    press('ArrowUp');
    press('5');
    expect(select).toHaveBeenCalledTimes(2);
    expect(giveVerdict).toHaveBeenCalledWith('false');
  });

  it('leaves letters and digits to a text field, but not the menu commands', () => {
    const giveVerdict = vi.spyOn(check, 'giveVerdict').mockResolvedValue(undefined as never);
    const typed = press('3', { target: field });
    expect(giveVerdict).not.toHaveBeenCalled();
    expect(typed.preventDefault).not.toHaveBeenCalled();
    press('n', { ctrl: true, target: field });
    expect(runMenuCommand).toHaveBeenCalledWith('new-article');
  });

  it('undoes with Ctrl+Z and redoes with Shift+Ctrl+Z or Ctrl+Y, except inside a field', () => {
    const undo = vi.spyOn(check, 'undo').mockResolvedValue(undefined as never);
    const redo = vi.spyOn(check, 'redo').mockResolvedValue(undefined as never);
    press('z', { ctrl: true });
    press('Z', { ctrl: true, shift: true });
    press('y', { ctrl: true });
    press('z', { ctrl: true, target: field });
    expect(undo).toHaveBeenCalledTimes(1);
    expect(redo).toHaveBeenCalledTimes(2);
  });

  it('acts only on its own screen', () => {
    ui.screen = { name: 'library' };
    const select = vi.spyOn(check, 'select').mockImplementation(() => {});
    press('j');
    expect(select).not.toHaveBeenCalled();
    expect(shortcutFor({ key: '/', target: page } as unknown as KeyboardEvent)?.keys).toBe('/');
    ui.screen = { name: 'article', id: 'a' };
    expect(shortcutFor({ key: '/', target: page } as unknown as KeyboardEvent)).toBeUndefined();
  });

  it('gives the plain keys to an open dialog, while Escape and the menu commands still work', () => {
    ui.openNewArticle();
    const select = vi.spyOn(check, 'select').mockImplementation(() => {});
    press('j');
    expect(select).not.toHaveBeenCalled();
    press('o', { ctrl: true });
    expect(runMenuCommand).toHaveBeenCalledWith('open-file');
    expect(shortcutFor({ key: 'Escape', target: field } as unknown as KeyboardEvent)?.keys).toBe('Esc');
  });

  it('opens and closes the shortcuts sheet with ? and Escape, leaving Escape its default', () => {
    vi.stubGlobal('document', { activeElement: page });
    press('?');
    expect(ui.showShortcuts).toBe(true);
    const escape = press('Escape');
    expect(ui.showShortcuts).toBe(false);
    expect(escape.preventDefault).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});
