/**
 * `factdesk desk setup|connect|status|disconnect, sync, assign, work`: the newsroom's shared desk.
 * The desk's code (PouchDB) is loaded only by these commands. Passwords come from the
 * environment, each time; Factdesk does not store them here.
 */
import type { Command } from './commands';
import { need, statementAt, UsageError, withStore } from './session';

const loadDesk = () => import('../services/desk');

export const DESK_COMMANDS: Record<string, Command> = {
  async desk(args, values, dir) {
    const [sub, url] = args;
    const { connectDesk, forgetDesk, readDeskState, setupDesk } = await loadDesk();
    switch (sub) {
      case 'setup': {
        if (!url || !values.admin) throw new UsageError('Usage: factdesk desk setup URL --admin NAME');
        const members = (process.env.FACTDESK_DESK_MEMBERS ?? '')
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean);
        return setupDesk(url, { name: values.admin, password: deskPassword('FACTDESK_DESK_ADMIN_PASSWORD') }, members);
      }
      case 'connect': {
        const user = values.user;
        if (!url || !user) throw new UsageError('Usage: factdesk desk connect URL --user NAME');
        const password = deskPassword('FACTDESK_DESK_PASSWORD');
        return withStore(dir, false, async ({ store }) => {
          const state = await connectDesk(store, { url, user, password });
          return { connected: true, url: state.url, user: state.user };
        });
      }
      case 'status': {
        const state = await readDeskState(dir);
        if (!state) return { connected: false };
        return { connected: true, url: state.url, user: state.user, lastSyncAt: state.lastSyncAt, conflicts: state.conflicted.length };
      }
      case 'disconnect':
        return withStore(dir, false, async ({ store }) => ({ disconnected: await forgetDesk(store.dir) }));
      default:
        throw new UsageError('Usage: factdesk desk setup|connect|status|disconnect (see factdesk --help)');
    }
  },

  async sync(_args, _values, dir) {
    const password = deskPassword('FACTDESK_DESK_PASSWORD');
    const { Desk } = await loadDesk();
    return withStore(dir, false, async ({ store }) => {
      const desk = await Desk.open(store, password);
      // PouchDB can reject a request nobody awaits when the server goes away mid-pull; the
      // sync's own promise carries that failure, so this one is only noise.
      const ignore = () => undefined;
      process.on('unhandledRejection', ignore);
      try {
        return await desk.sync();
      } finally {
        await desk.close();
        process.off('unhandledRejection', ignore);
      }
    });
  },

  async assign(args, values, dir) {
    const [id] = need(args, 1, 'assign ID [INDEX] --assignee NAME [--reviewer NAME] [--due YYYY-MM-DD]');
    const index = args[1];
    if (values.assignee === undefined) throw new UsageError('assign needs --assignee NAME (or --assignee "" to take it back).');
    const assignment = values.assignee ? { to: values.assignee, reviewer: values.reviewer ?? '', due: values.due ?? '' } : null;
    return withStore(dir, false, async ({ api }) => {
      const statementId = index === undefined ? null : statementAt(await api.getArticle(id), index).id;
      const article = await api.assign(id, statementId, assignment);
      const target = statementId ? article.statements.find((s) => s.id === statementId) : article;
      return { id: article.id, index: index === undefined ? null : Number(index), assignment: target?.assignment ?? null };
    });
  },

  // The lists are the signed-in desk user's.
  work: async (_args, _values, dir) => withStore(dir, true, ({ api }) => api.workLists(), { asEditor: true }),
};

function deskPassword(variable: string): string {
  const password = process.env[variable];
  if (!password) throw new UsageError(`Set ${variable} to the desk password; Factdesk does not store it.`);
  return password;
}
