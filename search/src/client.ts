/**
 * The one place that talks to Meilisearch for the platform: settings, upserts and deletions, full
 * reindex with an atomic swap, and the search-only key handed to the public site.
 */
import { createHash } from 'node:crypto';
import { Meilisearch, type Task } from 'meilisearch';
import { INDEX_UID } from './contract';
import type { SearchDocument } from './documents';
import { PRIMARY_KEY, SEARCH_SETTINGS } from './settings';

export class SearchSyncError extends Error {
  override name = 'SearchSyncError';
}

/**
 * A client that closes each connection: with the default keep-alive fetch every call took ≈ 44 ms on
 * loopback against ≈ 1 ms of server time (STACK.md).
 */
export function createSearchClient(host: string, apiKey: string): Meilisearch {
  return new Meilisearch({ host, apiKey, requestInit: { headers: { connection: 'close' } } });
}

const TASK_TIMEOUT = { timeout: 120_000, interval: 25 };

function succeeded(task: Task, what: string): Task {
  if (task.status !== 'succeeded') {
    throw new SearchSyncError(`Meilisearch ${what} ${task.status}: ${task.error?.message ?? 'no detail'}`);
  }
  return task;
}

async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  const { results } = await client.getIndexes({ limit: 1000 });
  return results.some((index) => index.uid === uid);
}

/**
 * Creates the index with its settings if it is missing, waiting for both. An index that exists with its
 * settings is left alone: re-applying settings to a large live index can hold its task queue for seconds,
 * so settings changes reach a live index through `reindex` (a fresh index, then an atomic swap). But an
 * index left without them (a run that created it, then failed or timed out before the settings task; seen
 * under heavy load) gets them now: it would otherwise answer with no filters, facets or ranking forever.
 */
export async function ensureIndex(client: Meilisearch, uid: string = INDEX_UID): Promise<void> {
  if (!(await indexExists(client, uid))) {
    succeeded(await client.createIndex(uid, { primaryKey: PRIMARY_KEY }).waitTask(TASK_TIMEOUT), `creating index ${uid}`);
  } else if (hasSettings(await client.index(uid).getSearchableAttributes())) {
    return;
  }
  succeeded(await client.index(uid).updateSettings(SEARCH_SETTINGS).waitTask(TASK_TIMEOUT), `settings of ${uid}`);
}

/** Whether an index carries this project's settings; a bare index searches every attribute (`*`). */
const hasSettings = (searchable: string[] | null): boolean =>
  JSON.stringify(searchable) === JSON.stringify(SEARCH_SETTINGS.searchableAttributes);

export async function upsertDocuments(client: Meilisearch, documents: SearchDocument[], uid: string = INDEX_UID): Promise<void> {
  if (documents.length === 0) return;
  succeeded(await client.index(uid).addDocuments(documents, { primaryKey: PRIMARY_KEY }).waitTask(TASK_TIMEOUT), 'upsert');
}

export async function deleteDocuments(client: Meilisearch, ids: string[], uid: string = INDEX_UID): Promise<void> {
  if (ids.length === 0) return;
  succeeded(await client.index(uid).deleteDocuments(ids).waitTask(TASK_TIMEOUT), 'deletion');
}

export interface ReindexReport {
  documents: number;
  seconds: number;
}

/**
 * Builds a fresh index from `batches`, then swaps it with the live one and deletes the old one:
 * searches keep answering from the old index until the swap, which is atomic.
 */
export async function reindex(
  client: Meilisearch,
  batches: AsyncIterable<SearchDocument[]>,
  onBatch: (count: number) => void = () => {},
  uid: string = INDEX_UID,
): Promise<ReindexReport> {
  const started = Date.now();
  const fresh = `${uid}_reindex_${started}`;
  await ensureIndex(client, fresh);
  let documents = 0;
  try {
    const pending: Promise<unknown>[] = [];
    for await (const batch of batches) {
      // Enqueue without waiting batch by batch: Meilisearch indexes while the next batch is read.
      pending.push(client.index(fresh).addDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask(TASK_TIMEOUT).then((t) => succeeded(t, 'reindex batch')));
      documents += batch.length;
      onBatch(batch.length);
    }
    await Promise.all(pending);
    if (!(await indexExists(client, uid))) await ensureIndex(client, uid);
    succeeded(await client.swapIndexes([{ indexes: [uid, fresh], rename: false }]).waitTask(TASK_TIMEOUT), 'index swap');
  } finally {
    // After the swap `fresh` holds the old documents; on failure it holds the incomplete new ones.
    await client.deleteIndex(fresh).waitTask(TASK_TIMEOUT).catch(() => undefined);
  }
  return { documents, seconds: (Date.now() - started) / 1000 };
}

/** A fixed key uid derived from the master key: the same search-only key on every start. */
const searchKeyUid = (masterKey: string): string => {
  const h = createHash('sha256').update(`coesione-public-search:${masterKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The key the public site uses: it can only search, and only the public index. Created once. */
export async function ensureSearchKey(client: Meilisearch, masterKey: string, uid: string = INDEX_UID): Promise<string> {
  const keyUid = searchKeyUid(masterKey);
  try {
    return (await client.getKey(keyUid)).key;
  } catch {
    const key = await client.createKey({
      uid: keyUid,
      name: 'coesione-public-search',
      description: 'Chiave pubblica del sito: solo ricerca sull\'indice dei contenuti pubblicati',
      actions: ['search'],
      indexes: [uid],
      expiresAt: null,
    });
    return key.key;
  }
}
