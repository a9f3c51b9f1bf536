/** `factdesk search, similar, claimreview import`: finding things across the library and earlier checks. */
import path from 'node:path';
import type { Verdict } from '../domain/verdicts';
import type { Command } from './commands';
import { definedOnly, need, statementAt, UsageError, withStore } from './session';

export const SEARCH_COMMANDS: Record<string, Command> = {
  async search(args, values, dir) {
    if (args.length > 1) throw new UsageError('Usage: factdesk search [TEXT] [--verdict V] [--review signed-off|awaiting] [--by NAME] [--from D] [--to D]');
    const query = {
      text: args[0] ?? '',
      ...definedOnly({
        verdict: values.verdict as Verdict | undefined,
        review: values.review as 'signed-off' | 'awaiting' | undefined,
        editor: values.by,
        from: values.from,
        to: values.to,
      }),
    };
    return withStore(dir, true, ({ api }) => api.search(query));
  },

  async similar(args, values, dir) {
    const [id, index] = need(args, 2, 'similar ID INDEX [--limit N]');
    const limit = Number(values.limit ?? 10);
    return withStore(dir, true, async ({ api }) => {
      const statement = statementAt(await api.getArticle(id), index);
      const found = await api.earlierChecks(id, statement.id, limit);
      return found.map((c) => ({
        articleId: c.origin === 'newsroom' ? c.articleId : null,
        index: c.origin === 'newsroom' ? c.index : null,
        text: c.text,
        verdict: c.verdict,
        checkedAt: c.checkedAt,
        checkedBy: c.checkedBy,
        score: c.score,
        differences: c.differences,
        // Another publisher's check says so, with its own rating and page.
        ...(c.origin === 'published' ? { publisher: c.publisher, rating: c.rating, url: c.url } : {}),
      }));
    });
  },

  async claimreview(args, _values, dir) {
    const [sub, file] = need(args, 2, 'claimreview import FILE');
    if (sub !== 'import') throw new UsageError('Usage: factdesk claimreview import FILE');
    return withStore(dir, false, ({ files }) => files.importPublishedChecks(path.resolve(file)));
  },
};
