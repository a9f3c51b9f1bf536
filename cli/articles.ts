/** `factdesk segment, list, show, import, edit, edit-text, delete, trash, restore, settings`. */
import path from 'node:path';
// Files from strangers are read in a worker with a time and memory budget, as in the app.
import { importArticleFile } from '../services/isolate';
import { segment } from '../services/segment';
import type { Command } from './commands';
import { definedOnly, need, showArticle, summary, UsageError, withStore } from './session';

export const ARTICLE_COMMANDS: Record<string, Command> = {
  async segment(args) {
    const [file] = need(args, 1, 'segment FILE');
    return segment((await importArticleFile(file)).text);
  },

  list: async (_args, _values, dir) => withStore(dir, true, ({ api }) => api.listArticles()),

  async show(args, _values, dir) {
    const [id] = need(args, 1, 'show ID');
    return withStore(dir, true, async ({ api }) => showArticle(await api.getArticle(id)));
  },

  async import(args, values, dir) {
    const [file] = need(args, 1, 'import FILE|URL');
    if (/^https?:\/\//i.test(file)) {
      // The app's Fetch: the same handler, so the same limits, timeouts and messages.
      return withStore(dir, false, async ({ api }) => {
        // Like the app's question: a page on this computer or the newsroom's network only when asked for.
        const draft = await api.importUrl(file, { allowPrivateNetwork: values['allow-private-network'] ?? false });
        return summary(await api.createArticle({ ...draft, title: values.title ?? draft.title }));
      });
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
      throw new UsageError(`import takes a file or an http:// or https:// address; "${file.slice(0, 80)}" is neither.`);
    }
    if (/\.json$/i.test(file)) {
      // A JSON report comes back with its verdicts, as the app's File > Import report does.
      return withStore(dir, false, async ({ api, files }) => {
        let article = await files.importReport(path.resolve(file));
        if (values.title) article = await api.updateArticle(article.id, { title: values.title });
        const checked = article.statements.filter((s) => s.verdict !== 'unchecked').length;
        return { ...summary(article), checked };
      });
    }
    const draft = await importArticleFile(file);
    return withStore(dir, false, async ({ api }) => summary(await api.createArticle({ ...draft, title: values.title ?? draft.title })));
  },

  async edit(args, values, dir) {
    const [id] = need(args, 1, 'edit ID [--title T] [--outlet O] [--author A] [--published YYYY-MM-DD] [--url U]');
    const patch = definedOnly({
      title: values.title,
      outlet: values.outlet,
      author: values.author,
      publishedAt: values.published,
      url: values.url,
      factCheckUrl: values['fact-check-url'],
    });
    if (!Object.keys(patch).length) throw new UsageError('edit needs --title, --outlet, --author, --published, --url or --fact-check-url.');
    return withStore(dir, false, async ({ api }) => summary(await api.updateArticle(id, patch)));
  },

  async 'edit-text'(args, _values, dir) {
    const [id, file] = need(args, 2, 'edit-text ID FILE');
    const { text } = await importArticleFile(file);
    return withStore(dir, false, async ({ api }) => {
      const article = await api.editArticleText(id, text);
      return { ...summary(article), orphaned: article.orphaned.length };
    });
  },

  async delete(args, _values, dir) {
    const [id] = need(args, 1, 'delete ID');
    return withStore(dir, false, async ({ api }) => {
      await api.deleteArticle(id);
      return { deleted: id };
    });
  },

  trash: async (_args, _values, dir) => withStore(dir, true, ({ api }) => api.listTrash()),

  async restore(args, _values, dir) {
    const [id] = need(args, 1, 'restore ID');
    return withStore(dir, false, ({ api }) => api.restoreArticle(id));
  },

  async settings(args, values, dir) {
    if (args.length) throw new UsageError('Usage: factdesk settings [--editor NAME] [--newsroom NAME] [--newsroom-url URL]');
    const patch = definedOnly({ editorName: values.editor, newsroomName: values.newsroom, newsroomUrl: values['newsroom-url'] });
    if (!Object.keys(patch).length) return withStore(dir, true, ({ api }) => api.getSettings());
    return withStore(dir, false, ({ api }) => api.updateSettings(patch));
  },
};
