import type { SearchHit, SearchQuery } from '$api/contract';
import { api, ApiError, errorMessage } from './api';

const TYPING_PAUSE_MS = 250;
/** How often a search asks again while the app is still reading the search index. */
const LOADING_RETRY_MS = 1000;

/** Search across the library; results replace the article list while a query is set. */
class LibrarySearch {
  query = $state<Required<SearchQuery>>({ text: '', verdict: '', review: '', editor: '', from: '', to: '' });
  hits = $state.raw<SearchHit[]>([]);
  busy = $state(false);
  error = $state('');
  /** Why there are no hits yet though nothing is wrong (the search index is still loading). */
  waiting = $state('');
  active = $derived(Object.values(this.query).some((value) => value.trim() !== ''));
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  changed = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), TYPING_PAUSE_MS);
  };

  clear = (): void => {
    clearTimeout(this.timer);
    this.error = '';
    this.waiting = '';
    this.query = { text: '', verdict: '', review: '', editor: '', from: '', to: '' };
    this.hits = [];
  };

  private run = async (): Promise<void> => {
    if (!this.active) return;
    const ticket = ++this.latest;
    this.busy = true;
    try {
      const hits = await api.search({ ...this.query });
      // An older, slower search must not overwrite a newer one.
      if (ticket === this.latest) {
        this.hits = hits;
        this.error = '';
        this.waiting = '';
      }
    } catch (err) {
      // Just after the app starts, the index may still be being read: the main process says so
      // at once rather than keeping the search waiting, and the search asks again on its own.
      if (err instanceof ApiError && err.code === 'loading') {
        if (ticket === this.latest) {
          this.waiting = err.message;
          this.timer = setTimeout(() => void this.run(), LOADING_RETRY_MS);
        }
      } else this.error = errorMessage(err);
    } finally {
      if (ticket === this.latest) this.busy = false;
    }
  };
}

export const search = new LibrarySearch();
