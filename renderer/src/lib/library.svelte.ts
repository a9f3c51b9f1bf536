import type { ArticleSummary, StoreNotice, TrashEntry, WorkItem, WorkLists } from '$api/contract';
import { api } from './api';

/** The library's views: every article, or one of the signed-in editor's work lists. */
export const WORK_VIEWS = [
  { key: 'assignedToMe', label: 'Assigned to me' },
  { key: 'awaitingMySignOff', label: 'Awaiting my sign-off' },
  { key: 'overdue', label: 'Overdue' },
] as const;
export type LibraryViewName = 'all' | keyof WorkLists;

/** The library as the window shows it; refreshed from the main process after every change. */
class Library {
  articles = $state.raw<ArticleSummary[]>([]);
  trash = $state.raw<TrashEntry[]>([]);
  notices = $state.raw<StoreNotice[]>([]);
  loaded = $state(false);
  work = $state.raw<WorkLists>({ assignedToMe: [], awaitingMySignOff: [], overdue: [] });
  view = $state<LibraryViewName>('all');
  /** The work list shown, or null for every article. */
  items = $derived<WorkItem[] | null>(this.view === 'all' ? null : this.work[this.view]);

  refresh = async (): Promise<void> => {
    const [articles, trash, notices, work] = await Promise.all([
      api.listArticles(),
      api.listTrash(),
      api.storeNotices(),
      api.workLists(),
    ]);
    this.articles = articles;
    this.trash = trash;
    this.notices = notices;
    this.work = work;
    this.loaded = true;
  };
}

export const library = new Library();
