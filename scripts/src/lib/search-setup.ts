/** What `npm start` does for search once the CMS answers: the public key, and a first full index. */
import { createSearchClient, ensureSearchKey, INDEX_UID, reindex, type ReindexReport } from '@coesione/search';
import { publishedDocuments } from './cms-api.ts';
import type { Progress } from './progress.ts';

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

/** The search-only key for the site, and whether the index still needs its first build. */
export async function prepareSearch(meiliUrl: string, masterKey: string): Promise<{ searchKey: string; empty: boolean }> {
  const client = createSearchClient(meiliUrl, masterKey);
  const searchKey = await ensureSearchKey(client, masterKey);
  const { results } = await client.getIndexes({ limit: 1000 });
  const index = results.find((i) => i.uid === INDEX_UID);
  const empty = !index || (await client.index(INDEX_UID).getStats()).numberOfDocuments === 0;
  return { searchKey, empty };
}
