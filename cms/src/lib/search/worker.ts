/**
 * The drain loop: a pass every `intervalMs`, straight away again while the outbox holds more than a
 * batch. Passes never overlap, and stopping waits for the pass under way, so Strapi's database is never
 * closed under it.
 */
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
    running = drainOutbox(host, options, state)
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
