/** Waiting for the search index to match what the CMS has published. */
import type { UID } from '@strapi/strapi';
import { createSearchClient, documentKey, INDEX_UID, SEARCH_TYPES, type SearchDocument } from '@coesione/search';
import { reindexFromCms } from '@coesione/scripts/lib/search-setup.ts';
import type { TestCms } from './cms.ts';
import type { TestMeili } from '@coesione/scripts/lib/meili.ts';

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const searchIndex = (meili: TestMeili) => createSearchClient(meili.url, meili.masterKey).index<SearchDocument>(INDEX_UID);

export const outboxSize = (cms: TestCms) => cms.strapi.db.query('api::search-outbox.search-outbox').count();

/** The ids every published entry should have in the index. */
export async function publishedKeys(cms: TestCms): Promise<string[]> {
  const keys: string[] = [];
  for (const type of SEARCH_TYPES) {
    const entries = (await cms.strapi.documents(`api::${type}.${type}` as UID.ContentType).findMany({ status: 'published', fields: ['documentId', 'locale'], limit: 100000 } as never)) as { documentId: string; locale: string }[];
    keys.push(...entries.map((e) => documentKey(type, e.documentId, e.locale)));
  }
  return keys.sort();
}

export async function indexedKeys(meili: TestMeili): Promise<string[]> {
  const { results } = await searchIndex(meili).getDocuments({ fields: ['id'], limit: 100000 });
  return results.map((d) => d.id).sort();
}

/** True once the outbox is empty and the index holds exactly the published entries. */
export async function synced(cms: TestCms, meili: TestMeili): Promise<boolean> {
  if ((await outboxSize(cms)) > 0) return false;
  const [expected, actual] = await Promise.all([publishedKeys(cms), indexedKeys(meili)]);
  return expected.length > 0 && JSON.stringify(expected) === JSON.stringify(actual);
}

/**
 * Indexes a CMS started on a copy of the seeded demo (startSeededCms: its search outbox is empty), as
 * `npm run search:reindex` does; tried again while a loaded machine makes Meilisearch answer 408.
 */
export function indexDemo(cms: TestCms, meili: TestMeili): Promise<true> {
  return until('the demo content to be reindexed', () => reindexFromCms({ meiliUrl: meili.url, masterKey: meili.masterKey, cmsUrl: cms.url }).then(() => true as const), 180_000);
}
