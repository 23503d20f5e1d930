/**
 * Reading the CMS's public REST API, what any citizen could read: one GET, a type's lists page by page
 * (per locale when asked), the rating aggregates, the bytes of an upload. The REST path of each type is
 * the registry's (`TYPES[key].rest`); the populate tree is the server's, so no query asks for one.
 */
import { TYPES, type PublicKey } from '@coesione/model';
import { CmsResponseError, CmsUnreachableError } from './errors.js';

/** The CMS's largest page (cms/config/api.ts `rest.maxLimit`): the fewest requests for a full read. */
export const PAGE_SIZE = 100;

export interface ReadOptions {
  /** A locale code (`it`); without one the CMS answers in its default locale. */
  locale?: string | undefined;
}

export interface ListPage {
  data: unknown[];
  pageCount: number;
}

async function get(cmsUrl: string, path: string, what: string): Promise<Response> {
  const url = `${cmsUrl}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { connection: 'close' } });
  } catch (cause) {
    throw new CmsUnreachableError(`The CMS does not answer at ${cmsUrl} (${url}).`, { cause });
  }
  if (!res.ok) throw new CmsResponseError(`GET ${url}${what} answered ${res.status}: ${(await res.text()).slice(0, 300)}`, res.status);
  return res;
}

/** One list of the public API (`path` from `/api/…`): its `data`, and how many pages there are. */
export async function getList(cmsUrl: string, path: string): Promise<ListPage> {
  const res = await get(cmsUrl, path, '');
  const body = (await res.json()) as { data?: unknown; meta?: { pagination?: { pageCount?: number } } };
  if (!Array.isArray(body.data)) throw new CmsResponseError(`GET ${cmsUrl}${path} returned no "data" list.`, res.status);
  return { data: body.data, pageCount: body.meta?.pagination?.pageCount ?? 1 };
}

/** The published entries of a public type, one page at a time: a reindex can send each page on at once. */
export async function* readPages(cmsUrl: string, key: PublicKey, options: ReadOptions = {}): AsyncGenerator<unknown[]> {
  const locale = options.locale ? `&locale=${encodeURIComponent(options.locale)}` : '';
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const list = await getList(cmsUrl, `/api/${TYPES[key].rest}?pagination[page]=${page}&pagination[pageSize]=${PAGE_SIZE}${locale}`);
    pageCount = list.pageCount;
    yield list.data;
  }
}

/** Every published entry of a public type, as the public API returns it. */
export async function readAll(cmsUrl: string, key: PublicKey, options: ReadOptions = {}): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of readPages(cmsUrl, key, options)) all.push(...page);
  return all;
}

/**
 * Rating aggregates (`GET /api/ratings`): per practice, opportunity or workshop the average and the
 * count of the accepted ratings, for targets with enough of them (the CMS decides which).
 */
export const readRatings = async (cmsUrl: string): Promise<unknown[]> => (await getList(cmsUrl, '/api/ratings')).data;

/**
 * The workshops' outcomes (`GET /api/risultati-laboratori`): the district's figures first, then each
 * workshop's, every figure about people under the small-cell rule already applied by the CMS.
 */
export const readOutcomes = async (cmsUrl: string): Promise<unknown[]> => (await getList(cmsUrl, '/api/risultati-laboratori')).data;

/** The bytes of an upload an entry refers to (`url` as the API gives it: `/uploads/…`). */
export async function readUpload(cmsUrl: string, url: string): Promise<Uint8Array> {
  const res = await get(cmsUrl, url, ' (an upload an entry refers to)');
  return new Uint8Array(await res.arrayBuffer());
}
