import type { ImportedDraft } from '../../../api/contract';

export type Screen = { name: 'library' } | { name: 'article'; id: string };

/** Which screen is showing, which dialog is open, and the one-line messages at the bottom. */
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
    if (kind === 'info') this.timer = setTimeout(() => (this.message = null), 6000);
  };

  dismiss = (): void => {
    this.message = null;
  };

  openNewArticle = (draft: Partial<ImportedDraft> = {}): void => {
    this.newArticle = { text: '', title: '', author: '', outlet: '', url: '', publishedAt: '', fileName: '', ...draft };
  };
}

export const ui = new Ui();
