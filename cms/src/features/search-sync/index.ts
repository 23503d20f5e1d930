/**
 * Keeps the public search index in step with published content, losing nothing when Meilisearch is down.
 *
 * - `recorder`: a document-service middleware, registered at `register`, that records in the outbox
 *   what each write changed in public, after the write has completed;
 * - `worker`: started at `bootstrap`, drains the outbox to Meilisearch (`drain`), with backoff on failure;
 * - `outbox`: the table both share; `dependents` and `locales`: which rows one write stands for.
 *
 * Both stay off unless MEILISEARCH_URL and MEILI_MASTER_KEY are set.
 */
import { PUBLIC_TYPES, type PublicType } from '../../platform/content-types';
import type { Feature } from '../../platform/features';
import type { SearchHost } from './host';
import { searchSyncOptions } from './options';
import { searchRecorder } from './recorder';
import { startWorker } from './worker';

export { dependentPaths } from './dependents';
export { drainOutbox } from './drain';
export { searchSyncOptions, type SearchSyncOptions } from './options';

export function registerSearchSync(strapi: SearchHost, uids: readonly PublicType[], env: NodeJS.ProcessEnv = process.env): void {
  if (!searchSyncOptions(env)) return;
  strapi.documents.use(searchRecorder(strapi, uids));
}

/** Starts the worker; returns a function that stops it. */
export function startSearchWorker(strapi: SearchHost, env: NodeJS.ProcessEnv = process.env): () => Promise<void> {
  const options = searchSyncOptions(env);
  if (!options) {
    strapi.log.info('search: MEILISEARCH_URL or MEILI_MASTER_KEY unset, search sync is off');
    return async () => {};
  }
  return startWorker(strapi, options);
}

export const searchSync: Feature = {
  register: (strapi) => registerSearchSync(strapi, PUBLIC_TYPES),
  start: (strapi) => startSearchWorker(strapi),
};
