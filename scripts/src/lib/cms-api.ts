/**
 * Reading published content from the CMS's public REST API (what any citizen could read), page by page.
 */
import { SEARCH_TYPES, toSearchDocument, type CmsEntry, type SearchDocument } from '@coesione/search';
import { API_PATHS } from '../../../site/src/lib/cms/source.ts';

interface Page {
  data: CmsEntry[];
  meta: { pagination: { page: number; pageCount: number; total: number } };
}

async function getPage(cmsUrl: string, path: string, page: number, locale: string): Promise<Page> {
  const url = `${cmsUrl}/api/${path}?pagination[page]=${page}&pagination[pageSize]=100&locale=${locale}`;
  const res = await fetch(url, { headers: { connection: 'close' } });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as Page;
}

/** Every published entry of every public type, as search documents, 100 at a time. */
export async function* publishedDocuments(cmsUrl: string, locales: string[] = ['it'], now = new Date()): AsyncGenerator<SearchDocument[]> {
  for (const locale of locales) {
    for (const type of SEARCH_TYPES) {
      for (let page = 1, pageCount = 1; page <= pageCount; page++) {
        const result = await getPage(cmsUrl, API_PATHS[type], page, locale);
        pageCount = result.meta.pagination.pageCount;
        if (result.data.length > 0) yield result.data.map((entry) => toSearchDocument(type, entry, now));
      }
    }
  }
}
