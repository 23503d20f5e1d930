/**
 * Keeps the public search index in step with published content, losing nothing when Meilisearch is down.
 *
 * 1. A document-service middleware lets the CMS write complete first, then records what changed in the
 *    `search_outbox` table (publish → upsert; unpublish or delete → delete; drafts → nothing).
 * 2. A worker drains the outbox: it reads the published version of each entry, maps it, and sends the
 *    batch to Meilisearch, deleting the outbox rows only once Meilisearch reports the task succeeded.
 *    On failure the rows stay, with exponential backoff; after an outage the outbox drains by itself.
 */
import type { Core, UID } from '@strapi/strapi';
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
import { POPULATE } from './populate';
import { changeOf, changesPublished, type Model } from './published-change';
import type { PublicType } from './content-types';

const OUTBOX = 'api::search-outbox.search-outbox';

interface OutboxRow {
  id: number;
  contentType: string;
  entryId: string;
  entryLocale: string;
  operation: 'upsert' | 'delete';
  attempts: number | null;
}

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

type Change = { contentType: string; entryId: string; entryLocale: string; operation: 'upsert' | 'delete' };

/**
 * Where indexed types point at `source` (a theme, a comune, an organisation...): filter paths such as
 * ['themes'] or ['location', 'municipality'], so that renaming the source refreshes the documents that
 * carry its name.
 */
export function dependentPaths(getModel: (uid: string) => Model, indexed: readonly string[], source: string): { uid: string; path: string[] }[] {
  const found: { uid: string; path: string[] }[] = [];
  for (const uid of indexed) {
    for (const [name, attribute] of Object.entries(getModel(uid).attributes)) {
      if (attribute.type === 'relation' && attribute.target === source) found.push({ uid, path: [name] });
      if (attribute.type === 'component' && attribute.component) {
        for (const [inner, nested] of Object.entries(getModel(attribute.component).attributes)) {
          if (nested.type === 'relation' && nested.target === source) found.push({ uid, path: [name, inner] });
        }
      }
    }
  }
  return found;
}

export function registerSearchSync(strapi: Core.Strapi, uids: readonly PublicType[]): void {
  const options = searchSyncOptions();
  if (!options) return;
  const indexedUids = uids.filter((uid) => searchTypeOf(uid));
  const indexed = new Set<string>(indexedUids);
  const getModel = (uid: string) => strapi.getModel(uid as UID.ContentType) as unknown as Model;
  const record = async (changes: Change[]) => {
    for (const data of changes) await strapi.db.query(OUTBOX).create({ data: { ...data, attempts: 0 } });
  };

  /** The published entries that show `documentId`'s name, to be re-indexed after it changes. */
  const dependents = async (source: string, documentId: string): Promise<Change[]> => {
    const changes: Change[] = [];
    for (const { uid, path } of dependentPaths(getModel, indexedUids, source)) {
      const filters = path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { documentId });
      const entries = (await strapi.documents(uid as UID.ContentType).findMany({ filters, status: 'published', locale: '*', fields: ['documentId', 'locale'], limit: 100000 } as never)) as unknown as { documentId: string; locale: string }[];
      for (const e of entries) changes.push({ contentType: uid, entryId: e.documentId, entryLocale: e.locale, operation: 'upsert' });
    }
    return changes;
  };

  strapi.documents.use(async (context, next) => {
    const params = context.params as { documentId?: string; locale?: string; status?: string };
    const isSource = uids.includes(context.uid as PublicType) && changesPublished(getModel(context.uid), context.action, params);
    // After a delete the links are gone: find the entries that showed this one before it goes.
    const before = isSource && context.action === 'delete' && params.documentId ? await dependents(context.uid, params.documentId).catch(() => []) : [];
    const result = await next();
    const entryId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!entryId) return result;
    try {
      const operation = indexed.has(context.uid) ? changeOf(context.action, params) : undefined;
      if (operation) {
        const locales = params.locale === '*' ? await localeCodes(strapi) : [params.locale ?? (await defaultLocale(strapi))];
        await record(locales.map((entryLocale) => ({ contentType: context.uid, entryId, entryLocale, operation })));
      }
      if (isSource) await record(context.action === 'delete' ? before : await dependents(context.uid, entryId));
    } catch (error) {
      // The CMS write has already succeeded; a full reindex repairs what this could not record.
      strapi.log.error(`search: could not record ${context.action} of ${context.uid} ${entryId}: ${(error as Error).message}`);
    }
    return result;
  });
}

async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  return ((await strapi.plugin('i18n').service('locales').find()) as { code: string }[]).map((l) => l.code);
}

async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;
}

/** One pass over the outbox. Returns how many rows it settled. */
export async function drainOutbox(strapi: Core.Strapi, options: SearchSyncOptions, state: { indexReady: boolean }): Promise<number> {
  const now = new Date();
  const rows = (await strapi.db.query(OUTBOX).findMany({
    where: { $or: [{ nextAttemptAt: { $null: true } }, { nextAttemptAt: { $lte: now } }] },
    orderBy: { id: 'asc' },
    limit: options.batchSize,
  })) as OutboxRow[];
  if (rows.length === 0) return 0;

  // One pass per entry, whatever was recorded and in whatever order: the entry is re-read and the index
  // made to match it (published → upsert, otherwise → delete). A delete waiting in backoff can therefore
  // never undo a later publish.
  const entries = new Map<string, Change>();
  for (const row of rows) entries.set(`${row.contentType}|${row.entryId}|${row.entryLocale}`, row);

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
      if (!type) continue;
      const entry = (await strapi.documents(change.contentType as UID.ContentType).findOne({
        documentId: change.entryId,
        locale: change.entryLocale,
        status: 'published',
        populate: POPULATE[change.contentType as PublicType],
      } as never)) as unknown as CmsEntry | null;
      if (entry) upserts.push(toSearchDocument(type, entry));
      else deletions.push(documentKey(type, change.entryId, change.entryLocale));
    }
    await upsertDocuments(client, upserts);
    await deleteDocuments(client, deletions);
    await strapi.db.query(OUTBOX).deleteMany({ where: { id: { $in: rows.map((r) => r.id) } } });
    return rows.length;
  } catch (error) {
    state.indexReady = false;
    const message = (error as Error).message.slice(0, 500);
    for (const row of rows) {
      const attempts = (row.attempts ?? 0) + 1;
      const delay = Math.min(options.maxBackoffMs, 500 * 2 ** Math.min(attempts, 16));
      await strapi.db.query(OUTBOX).update({ where: { id: row.id }, data: { attempts, nextAttemptAt: new Date(Date.now() + delay), lastError: message } });
    }
    strapi.log.warn(`search: ${rows.length} change(s) wait for Meilisearch (${message}); retrying`);
    return 0;
  }
}

/** Starts the worker; returns a function that stops it. */
export function startSearchWorker(strapi: Core.Strapi): () => Promise<void> {
  const options = searchSyncOptions();
  if (!options) {
    strapi.log.info('search: MEILISEARCH_URL or MEILI_MASTER_KEY unset, search sync is off');
    return async () => {};
  }
  const state = { indexReady: false };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = drainOutbox(strapi, options, state)
      .catch((error: Error) => strapi.log.error(`search: outbox pass failed: ${error.message}`))
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
