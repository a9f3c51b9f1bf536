/**
 * One of several processes that open the same store at once, as parallel `factdesk mark`
 * commands do, run as
 *   node --import tsx test/store-crash/contender.ts <store dir> <worker> <workers>
 *
 * For each statement it owns (every <workers>-th one), it opens the store (trying again while
 * another process holds the lock), marks the statement with a note naming both, closes the store,
 * and prints "ack <statementId> <note>". Each open is a race for the lock, so any moment in which
 * a live lock can be taken for a stale one shows up as a lost ack.
 */
import { Store } from '../../store/store';
import { UserError } from '../../store/errors';

const [dir, worker, workers] = process.argv.slice(2);
const w = Number(worker);
const n = Number(workers);

async function openWhenFree(): Promise<Store> {
  for (;;) {
    try {
      return await Store.open(dir!, { by: `contender ${w}` });
    } catch (err) {
      if (!(err instanceof UserError) || err.code !== 'locked') throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    }
  }
}

async function main(): Promise<void> {
  const reader = await Store.open(dir!, { readOnly: true });
  const [summary] = reader.list();
  const article = await reader.get(summary!.id);
  await reader.close();
  const mine = article.statements.filter((_, i) => i % n === w);
  for (const statement of mine) {
    const store = await openWhenFree();
    const note = `worker ${w} marked ${statement.id}`;
    try {
      await store.mark(article.id, statement.id, { verdict: 'verified', note });
    } finally {
      await store.close();
    }
    process.stdout.write(`ack ${statement.id} ${note}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
  process.exitCode = 1;
});
