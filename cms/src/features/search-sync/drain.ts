/**
 * One pass over the outbox: re-read each entry's published version, send the batch to Meilisearch, and
 * delete the rows only once Meilisearch reports the tasks succeeded. On any failure the rows stay, with
 * a backoff, so an outage loses nothing and the outbox drains by itself once Meilisearch is back.
 */
import {
  createSearchClient,
  deleteDocuments,
  documentKey,
  ensureIndex,
  searchTypeOf,
  toSearchDocument,
  upsertDocuments,
  type CmsEntry,
  type SearchDocument,
} from '@coesione/search';
import { PUBLIC_TYPES } from '../../platform/content-types';
import { POPULATE } from '../../platform/populate';
import type { SearchHost } from './host';
import type { SearchSyncOptions } from './options';
import { dueChanges, entryKey, postponeChanges, settleChanges, type Change } from './outbox';

export interface DrainState {
  /** Whether the index exists with its settings; checked again after any failure (it may have been lost). */
  indexReady: boolean;
}

type DrainHost = Pick<SearchHost, 'db' | 'documents' | 'log'>;

/** Returns how many rows it settled. */
export async function drainOutbox(host: DrainHost, options: SearchSyncOptions, state: DrainState): Promise<number> {
  const rows = await dueChanges(host, new Date(), options.batchSize);
  if (rows.length === 0) return 0;

  // One pass per entry, whatever was recorded and in whatever order: the entry is re-read and the index
  // made to match it (published → upsert, otherwise → delete). A delete waiting in backoff can therefore
  // never undo a later publish.
  const entries = new Map<string, Change>();
  for (const row of rows) entries.set(entryKey(row), row);

  try {
    const client = createSearchClient(options.url, options.apiKey);
    if (!state.indexReady) {
      await ensureIndex(client);
      state.indexReady = true;
    }
    const upserts: SearchDocument[] = [];
    const deletions: string[] = [];
    for (const change of entries.values()) {
      const type = searchTypeOf(change.contentType);
      const uid = PUBLIC_TYPES.find((t) => t === change.contentType);
      if (!type || !uid) continue;
      // The populate tree is the one the public API uses, so the document shows what the site shows.
      const entry = (await host.documents(uid).findOne({
        documentId: change.entryId,
        locale: change.entryLocale,
        status: 'published',
        populate: POPULATE[uid],
      })) as CmsEntry | null;
      if (entry) upserts.push(toSearchDocument(type, entry));
      else deletions.push(documentKey(type, change.entryId, change.entryLocale));
    }
    await upsertDocuments(client, upserts);
    await deleteDocuments(client, deletions);
    await settleChanges(host, rows);
    return rows.length;
  } catch (error) {
    state.indexReady = false;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await postponeChanges(host, rows, message, options.maxBackoffMs);
    host.log.warn(`search: ${rows.length} change(s) wait for Meilisearch (${message}); retrying`);
    return 0;
  }
}
