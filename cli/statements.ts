/** `factdesk mark, correct, attach, split, merge, sign-off, settle, verify-quote`: a statement's verdict and evidence. */
import path from 'node:path';
import type { Article, DocumentRef, StatementPatch } from '../domain/schema';
import { emptySource } from '../domain/verdicts';
import { verifyQuoteInFile } from '../services/evidence';
import type { Command } from './commands';
import type { Options } from './factdesk';
import { need, showArticle, statementAt, UsageError, withStore } from './session';

export const STATEMENT_COMMANDS: Record<string, Command> = {
  async mark(args, values, dir) {
    const [id, index] = need(args, 2, 'mark ID INDEX --verdict V');
    const sourceFile = values['source-file'] ? path.resolve(values['source-file']) : undefined;
    return withStore(dir, false, async ({ api, files }) => {
      const statement = statementAt(await api.getArticle(id), index);
      const document = sourceFile ? await files.attachSource(id, sourceFile) : null;
      return api.markStatement(id, statement.id, markPatch(values, statement.sources, document));
    });
  },

  async correct(args, values, dir) {
    const [id, index] = need(args, 2, 'correct ID INDEX --date YYYY-MM-DD --change TEXT --why TEXT [--verdict V]');
    const { date, change, why } = values;
    if (!date || !change || !why) throw new UsageError('correct needs --date, --change and --why.');
    return withStore(dir, false, async ({ api }) => {
      const statement = statementAt(await api.getArticle(id), index);
      const verdict = (values.verdict ?? statement.verdict) as StatementPatch['verdict'] & string;
      return api.correctStatement(id, statement.id, { date, change, reason: why, verdict });
    });
  },

  async attach(args, values, dir) {
    const [id, file] = need(args, 2, 'attach ID FILE|URL');
    // A web page as a source: fetched and stored as the app's "Add a web page" does.
    if (/^https?:\/\//i.test(file)) {
      const options = { allowPrivateNetwork: values['allow-private-network'] ?? false };
      return withStore(dir, false, ({ api }) => api.attachSourceUrl(id, file, options));
    }
    return withStore(dir, false, async ({ api, files }) => {
      await api.getArticle(id); // the id checked as the app checks it, before the file is read
      return files.attachSource(id, path.resolve(file));
    });
  },

  async split(args, values, dir) {
    const [id, index] = need(args, 2, 'split ID INDEX --at N');
    if (!values.at) throw new UsageError('Usage: factdesk split ID INDEX --at N (N: characters from the start of the statement)');
    return withStore(dir, false, async ({ api }) => {
      const statement = statementAt(await api.getArticle(id), index);
      return showArticle(await api.splitStatement(id, statement.id, Number(values.at))).statements.slice(Number(index) - 1, Number(index) + 1);
    });
  },

  async merge(args, _values, dir) {
    const [id, index] = need(args, 2, 'merge ID INDEX');
    return withStore(dir, false, async ({ api }) => {
      const statement = statementAt(await api.getArticle(id), index);
      return showArticle(await api.mergeWithNext(id, statement.id)).statements[Number(index) - 1];
    });
  },

  async 'sign-off'(args, _values, dir) {
    const [id, index] = need(args, 2, 'sign-off ID INDEX');
    return withStore(dir, false, async ({ api }) => {
      const statement = statementAt(await api.getArticle(id), index);
      return api.signOff(id, statement.id);
    });
  },

  async settle(args, _values, dir) {
    const [id, index] = need(args, 2, 'settle ID INDEX');
    return withStore(dir, false, async ({ api }) => {
      const statement = statementAt(await api.getArticle(id), index);
      return api.settleConflict(id, statement.id);
    });
  },

  async 'verify-quote'(_args, values) {
    if (!values.source || values.quote === undefined) {
      throw new UsageError('Usage: factdesk verify-quote --source FILE --quote Q [--statement S]');
    }
    return verifyQuoteInFile(values.source, values.quote, values.statement);
  },
};

/** `mark`'s options as a statement patch; the source options change the statement's first source. */
function markPatch(values: Options, sources: Article['statements'][number]['sources'], document: DocumentRef | null): StatementPatch {
  const patch: StatementPatch = {};
  if (values.verdict !== undefined) patch.verdict = values.verdict as StatementPatch['verdict'];
  if (values.note !== undefined) patch.note = values.note;
  if (values.explanation !== undefined) patch.explanation = values.explanation;
  if (values.claimant !== undefined) patch.claimant = values.claimant;
  const source = {
    quote: values.quote,
    title: values['source-title'],
    url: values['source-url'],
    publisher: values.publisher,
    publishedAt: values['source-date'],
    role: values.role,
    documentId: document?.id,
    file: document?.name,
  };
  if (Object.values(source).some((value) => value !== undefined)) {
    const first = { ...(sources[0] ?? emptySource()) };
    for (const [key, value] of Object.entries(source)) if (value !== undefined) Object.assign(first, { [key]: value });
    patch.sources = [first, ...sources.slice(1)];
  }
  if (!Object.keys(patch).length) throw new UsageError('mark needs --verdict, --explanation, --note, --claimant or a source option.');
  return patch;
}
