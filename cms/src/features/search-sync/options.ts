/** Search sync's settings, read once from the environment; none when Meilisearch is not configured. */

export interface SearchSyncOptions {
  url: string;
  apiKey: string;
  intervalMs: number;
  maxBackoffMs: number;
  batchSize: number;
}

export function searchSyncOptions(env: NodeJS.ProcessEnv = process.env): SearchSyncOptions | undefined {
  if (!env.MEILISEARCH_URL || !env.MEILI_MASTER_KEY) return undefined;
  return {
    url: env.MEILISEARCH_URL,
    apiKey: env.MEILI_MASTER_KEY,
    intervalMs: Number(env.SEARCH_SYNC_INTERVAL_MS ?? 250),
    maxBackoffMs: Number(env.SEARCH_SYNC_MAX_BACKOFF_MS ?? 30_000),
    batchSize: 200,
  };
}
