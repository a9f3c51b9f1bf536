import type { ImportedDraft } from '$api/contract';

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

  /**
   * A file being read for the New article dialog, which shows it with Cancel; null when none.
   * The ticket tells a late answer from a read the editor cancelled.
   */
  reading = $state<{ what: string; ticket: symbol } | null>(null);

  /**
   * Reads a file for the New article dialog, opening the dialog at once with progress and
   * Cancel. Resolves when the form is filled, the editor cancelled, or the read failed (said in
   * the message bar; the dialog closes again if it was opened only for this file).
   */
  readIntoNewArticle = async (what: string, read: () => Promise<ImportedDraft | null>): Promise<void> => {
    const openedForIt = !this.newArticle;
    if (openedForIt) this.openNewArticle();
    const ticket = Symbol(what);
    this.reading = { what, ticket };
    const closeIfUnused = () => {
      if (openedForIt && !this.newArticle?.text) this.newArticle = null;
    };
    try {
      const draft = await read();
      // Cancelled, or the dialog was closed meanwhile (which cancels the read too).
      if (this.reading?.ticket !== ticket || !this.newArticle) return;
      if (draft) this.openNewArticle(draft);
      else closeIfUnused(); // the open dialog was cancelled
    } catch (err) {
      if (this.reading?.ticket !== ticket) return;
      closeIfUnused();
      this.tell(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      if (this.reading?.ticket === ticket) this.reading = null;
    }
  };
}

export const ui = new Ui();
