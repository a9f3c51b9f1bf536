import type { SearchHit, SearchQuery } from '../../../api/contract';
import { api, errorMessage } from './api';

const TYPING_PAUSE_MS = 250;

/** Search across the library; results replace the article list while a query is set. */
class LibrarySearch {
  query = $state<Required<SearchQuery>>({ text: '', verdict: '', review: '', editor: '', from: '', to: '' });
  hits = $state.raw<SearchHit[]>([]);
  busy = $state(false);
  error = $state('');
  active = $derived(Object.values(this.query).some((value) => value.trim() !== ''));
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  changed = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), TYPING_PAUSE_MS);
  };

  clear = (): void => {
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
      }
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      if (ticket === this.latest) this.busy = false;
    }
  };
}

export const search = new LibrarySearch();
