import type { ImportedDraft } from '../../../api/contract';

/** How long a confirmation shows: long enough to read one line. */
const INFO_MS = 4000;

export type Screen = { name: 'library' } | { name: 'article'; id: string };

/**
 * Which screen is showing, which dialog is open, and the one-line message in the bar at the
 * bottom of the window (part of the layout, so it covers nothing).
 */
class Ui {
  screen = $state<Screen>({ name: 'library' });
  /** The New article dialog, with whatever an opened or dropped file filled in. */
  newArticle = $state<ImportedDraft | null>(null);
  showShortcuts = $state(false);
  message = $state<{ kind: 'info' | 'error'; text: string } | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  tell = (text: string, kind: 'info' | 'error' = 'info'): void => {
    this.message = { kind, text };
    clearTimeout(this.timer);
    // Errors stay until dismissed: an editor must not miss that something failed.
    if (kind === 'info') this.timer = setTimeout(() => (this.message = null), INFO_MS);
  };

  dismiss = (): void => {
    this.message = null;
  };

  openNewArticle = (draft: Partial<ImportedDraft> = {}): void => {
    this.newArticle = { text: '', title: '', author: '', outlet: '', url: '', publishedAt: '', fileName: '', ...draft };
  };
}

export const ui = new Ui();
