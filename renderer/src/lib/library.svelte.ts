import type { ArticleSummary, StoreNotice, TrashEntry } from '$api/contract';
import { api } from './api';

/** The library as the window shows it; refreshed from the main process after every change. */
class Library {
  articles = $state.raw<ArticleSummary[]>([]);
  trash = $state.raw<TrashEntry[]>([]);
  notices = $state.raw<StoreNotice[]>([]);
  loaded = $state(false);

  refresh = async (): Promise<void> => {
    const [articles, trash, notices] = await Promise.all([api.listArticles(), api.listTrash(), api.storeNotices()]);
    this.articles = articles;
    this.trash = trash;
    this.notices = notices;
    this.loaded = true;
  };
}

export const library = new Library();
