/**
 * The drain loop: a pass every `intervalMs`, straight away again while the outbox holds more than a
 * batch. Passes never overlap, and stopping waits for the pass under way, so Strapi's database is never
 * closed under it.
 *
 * Several CMS processes each run the loop, but one pass at a time runs across them all (an advisory
 * lock on PostgreSQL: platform/coordination's `exclusive`). A pass re-reads each entry and waits for
 * Meilisearch to confirm before the next pass may start, so the index receives an entry's versions in
 * the order they were written, never an earlier read after a later one. One pass at a time costs
 * nothing in throughput: Meilisearch applies an index's tasks one after another anyway. A process
 * killed mid-pass frees the lock with its connection; its rows were not settled, so the next pass sends
 * them again.
 */
import { exclusive } from '../../platform/coordination';
import { drainOutbox, type DrainState } from './drain';
import type { SearchHost } from './host';
import type { SearchSyncOptions } from './options';

/** Starts the loop; returns a function that stops it. */
export function startWorker(host: Pick<SearchHost, 'db' | 'documents' | 'log'>, options: SearchSyncOptions): () => Promise<void> {
  const state: DrainState = { indexReady: false };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    const connection = host.db.connection;
    const pass = () => drainOutbox(host, options, state);
    running = (connection ? exclusive(connection, 'search-outbox', pass).then((settled) => settled ?? 0) : pass())
      .catch((error: unknown) => {
        host.log.error(`search: outbox pass failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .then((settled) => {
        if (!stopped) timer = setTimeout(tick, settled === options.batchSize ? 0 : options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
