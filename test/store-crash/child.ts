/**
 * A second Factdesk process for the cross-process tests, run as
 *   node --import tsx test/store-crash/child.ts <mode> <store dir> [first value]
 *
 * hold: opens the store and keeps it (and its lock) until stdin closes, then closes it.
 * mark: opens the store and changes it as fast as it can until it is killed. After each change
 *       resolves it prints "ack <statementId> <value>" (or "ack-title <articleId> <value>").
 *       Values only grow, so after a crash every statement must hold at least its last ack.
 *
 * Each line goes out with a synchronous write (stdout is a pipe, and pipes are synchronous in
 * Node on POSIX), so an ack printed is an ack the parent will read even after SIGKILL.
 */
import { Store } from '../../store/store';
import { verdictFor } from './protocol';

const [mode, dir, first] = process.argv.slice(2);
if (!dir || (mode !== 'hold' && mode !== 'mark')) {
  process.stderr.write('usage: child.ts hold|mark <store dir> [first value]\n');
  process.exit(2);
}

const WORKERS = 6;

async function main(): Promise<void> {
  const store = await Store.open(dir!, { by: mode === 'hold' ? 'the lock test' : 'the crash test' });
  process.stdout.write(`ready ${process.pid}\n`);
  if (mode === 'hold') {
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
    await store.close();
    return;
  }

  const articles = await Promise.all(store.list().map((s) => store.get(s.id)));
  const statements = articles.flatMap((a) => a.statements.map((s) => ({ articleId: a.id, statementId: s.id })));
  let value = Number(first ?? 0);

  // Each worker owns every WORKERS-th statement, so no statement has two changes in flight and
  // the values written to one statement only grow. Workers on the same article race each other,
  // which is what the per-article queue is for.
  const markWorker = async (w: number) => {
    const mine = statements.filter((_, i) => i % WORKERS === w);
    if (!mine.length) return;
    for (let i = 0; ; i++) {
      const target = mine[i % mine.length]!;
      const v = value++;
      await store.mark(target.articleId, target.statementId, { verdict: verdictFor(v), note: String(v) });
      process.stdout.write(`ack ${target.statementId} ${v}\n`);
    }
  };
  // Title changes rewrite library.json as well (durably, not written behind), so kills also land
  // in the middle of index writes.
  const titleWorker = async () => {
    for (let i = 0; ; i++) {
      const target = articles[i % articles.length]!;
      const v = value++;
      await store.updateMeta(target.id, { title: `Title ${v}` });
      process.stdout.write(`ack-title ${target.id} ${v}\n`);
    }
  };
  await Promise.all([...Array.from({ length: WORKERS }, (_, w) => markWorker(w)), titleWorker()]);
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
