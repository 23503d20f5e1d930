/** What `npm start` does for search once the CMS answers: the public key, and a first full index. */
import fs from 'node:fs';
import path from 'node:path';
import { readPages } from '@coesione/cms-client';
import { createSearchClient, ensureSearchKey, INDEX_UID, reindex, SEARCH_TYPES, SETTINGS_HASH, toSearchDocument, type CmsEntry, type ReindexReport, type SearchDocument } from '@coesione/search';
import type { Progress } from './progress.ts';

/** Every published entry of every indexed type, per locale, as search documents: one batch per page of the API. */
export async function* publishedDocuments(cmsUrl: string, locales: string[] = ['it'], now = new Date()): AsyncGenerator<SearchDocument[]> {
  for (const locale of locales) {
    for (const type of SEARCH_TYPES) {
      // The public API's entries carry the server's populate tree, the shape toSearchDocument reads.
      for await (const page of readPages(cmsUrl, type, { locale })) if (page.length > 0) yield (page as CmsEntry[]).map((entry) => toSearchDocument(type, entry, now));
    }
  }
}

export async function reindexFromCms(
  options: { meiliUrl: string; masterKey: string; cmsUrl: string; locales?: string[] },
  bar?: (label: string, total: number) => Progress,
): Promise<ReindexReport> {
  const client = createSearchClient(options.meiliUrl, options.masterKey);
  const p = bar?.('Indice di ricerca', 0);
  const report = await reindex(client, publishedDocuments(options.cmsUrl, options.locales), (n) => p?.tick(n));
  p?.done(`(${report.documents} documenti in ${report.seconds.toFixed(1)} s)`);
  return report;
}

/**
 * The search-only key for the site, and whether the index needs a full build: it is empty, or its
 * settings changed in code since the last build (recorded in `<data dir>/search-settings.hash`).
 */
export async function prepareSearch(meiliUrl: string, masterKey: string, dataDir: string): Promise<{ searchKey: string; rebuild: boolean; markBuilt(): void }> {
  const client = createSearchClient(meiliUrl, masterKey);
  const searchKey = await ensureSearchKey(client, masterKey);
  const { results } = await client.getIndexes({ limit: 1000 });
  const empty = !results.some((i) => i.uid === INDEX_UID) || (await client.index(INDEX_UID).getStats()).numberOfDocuments === 0;
  const stamp = path.join(dataDir, 'search-settings.hash');
  const stale = !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== SETTINGS_HASH;
  return { searchKey, rebuild: empty || stale, markBuilt: () => fs.writeFileSync(stamp, SETTINGS_HASH) };
}
