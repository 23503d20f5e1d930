/**
 * The two ways `GET /api/cerca` finds results: Meilisearch with the search-only key (the same index and
 * ranking as the site's island), and, when Meilisearch cannot answer, the CMS's own published content
 * (words in the title or the summary, the type and comune filters: "reduced" results).
 *
 * Both answer the same hits, built from public fields only (search/documents.ts picks them for the index;
 * the fallback maps entries through the same function), so nothing private can reach either page.
 */
import { EDITORIAL_KEYS, severalWords, uidOf } from '@coesione/model';
import {
  createSearchClient,
  ensureSearchKey,
  HIT_FIELDS,
  HITS_PER_PAGE,
  INDEX_UID,
  quote,
  SYNONYM_GROUPS,
  toSearchDocument,
  type CmsEntry,
  type SearchDocument,
  type SearchHit,
} from '@coesione/search';
import { POPULATE } from '../../platform/populate';
import type { SearchQuery } from './query';

export interface EngineAnswer {
  hits: SearchHit[];
  totalHits: number;
  /** The results holding every word of the query (fewer than `totalHits` when some hold only a few). */
  completeHits: number;
}

export type Engine = (query: SearchQuery) => Promise<EngineAnswer>;

export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

const toHit = (doc: Pick<SearchDocument, keyof SearchHit>): SearchHit => ({
  type: doc.type,
  url: doc.url,
  title: doc.title,
  summary: doc.summary,
  municipalityNames: doc.municipalityNames ?? [],
  deadline: doc.deadline ?? null,
  nextSession: doc.nextSession ?? null,
});

export function meiliFilter(query: SearchQuery): string[][] {
  const filter: string[][] = [];
  if (query.types.length > 0) filter.push(query.types.map((t) => `type = ${quote(t)}`));
  if (query.comuni.length > 0) filter.push(query.comuni.map((c) => `municipalityNames = ${quote(c)}`));
  return filter;
}

export interface MeiliEngineOptions {
  url: string;
  /** The search-only key; when unset it is derived once from the master key (the key `npm start` gives the site). */
  searchKey?: string;
  masterKey?: string;
  /** A search slower than this counts as Meilisearch being down. */
  timeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchUnavailableError(`Meilisearch did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Searches the public index with a key that can only search it; the master key never searches. */
export function meiliEngine({ url, searchKey, masterKey, timeoutMs = 2000 }: MeiliEngineOptions): Engine {
  let key: Promise<string> | undefined = searchKey ? Promise.resolve(searchKey) : undefined;
  const resolveKey = (): Promise<string> => {
    if (!key) {
      if (!masterKey) return Promise.reject(new SearchUnavailableError('neither PUBLIC_SEARCH_KEY nor MEILI_MASTER_KEY is set'));
      key = ensureSearchKey(createSearchClient(url, masterKey), masterKey).catch((error: unknown) => {
        key = undefined; // try again on the next request
        throw error;
      });
    }
    return key;
  };
  return async (query) => {
    const run = async () => {
      const index = createSearchClient(url, await resolveKey()).index(INDEX_UID);
      const filter = meiliFilter(query);
      return Promise.all([
        index.search<SearchDocument>(query.q, { filter, page: query.page, hitsPerPage: HITS_PER_PAGE, attributesToRetrieve: [...HIT_FIELDS] }),
        // With two words or more, the results holding all of them are counted apart (severalWords).
        severalWords(query.q) ? index.search(query.q, { filter, matchingStrategy: 'all', hitsPerPage: 0 }) : undefined,
      ]);
    };
    const [answer, complete] = await withTimeout(run(), timeoutMs);
    const totalHits = answer.totalHits ?? answer.hits.length;
    return { hits: answer.hits.map(toHit), totalHits, completeHits: complete?.totalHits ?? totalHits };
  };
}

/** What the fallback needs of Strapi: published entries through the document service. */
export interface ContentReader {
  documents(uid: never): { findMany(params: object): Promise<unknown> };
}

/** At most this many matches per type are read: the reduced search is a way through an outage. */
const FALLBACK_PER_TYPE = 200;

/** Words worth matching: the query split on spaces and punctuation, two letters or more, eight at most. */
export const words = (q: string): string[] => [...new Set(q.toLocaleLowerCase('it').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))].slice(0, 8);

/**
 * What the fallback looks for in place of a word: its first letters, so an ending («bicicletta» and
 * «biciclette»), a verb for its noun («ripara», «riparazione») or one slip near the end («riparazone»)
 * still match, as they do in Meilisearch. Words of four letters or fewer are kept whole.
 */
export const stem = (word: string): string => (word.length <= 4 ? word : word.slice(0, Math.max(4, word.length - 3)));

/**
 * The stems a query word is looked for by: its own, and those of the single-word terms of every synonym
 * group it reaches (as the index does with its synonyms and word families), so «biciclette» also finds
 * «ciclofficina» and «riparazone» also finds «riparare».
 */
export function alternatives(word: string, groups: readonly (readonly string[])[] = SYNONYM_GROUPS): string[] {
  const own = stem(word);
  const single = (term: string) => !/\s/.test(term);
  const reached = groups.filter((group) => group.some((term) => single(term) && (term.toLocaleLowerCase('it').startsWith(own) || own.startsWith(stem(term.toLocaleLowerCase('it'))))));
  return [...new Set([own, ...reached.flatMap((group) => group.filter(single).map((term) => stem(term.toLocaleLowerCase('it'))))])];
}

/**
 * Published entries whose title (or name) or summary holds a word of the query (by its stem or a synonym's), of the chosen
 * types and comuni: those holding more of the words first (as Meilisearch's default matching strategy
 * does, so two words that are each found never give nothing), then those with a word in the title, then
 * the newest.
 */
export function contentEngine(strapi: ContentReader, now: () => Date = () => new Date()): Engine {
  return async (query) => {
    const types = query.types.length > 0 ? query.types : [...EDITORIAL_KEYS];
    const looked = [...new Set(words(query.q))].map((w) => alternatives(w));
    const stems = [...new Set(looked.flat())];
    const found: SearchDocument[] = [];
    for (const type of types) {
      const uid = uidOf(type);
      const titleField = type === 'organization' ? 'name' : 'title';
      const filters = stems.length === 0 ? {} : { $or: stems.flatMap((w) => [{ [titleField]: { $containsi: w } }, { summary: { $containsi: w } }]) };
      const entries = (await strapi.documents(uid as never).findMany({
        status: 'published',
        filters,
        populate: POPULATE[uid],
        sort: 'publishedAt:desc',
        limit: FALLBACK_PER_TYPE,
      })) as CmsEntry[];
      for (const entry of entries) found.push(toSearchDocument(type, entry, now()));
    }
    const inComuni = query.comuni.length === 0 ? found : found.filter((d) => d.municipalityNames.some((m) => query.comuni.includes(m)));
    const lower = (text: string | undefined) => (text ?? '').toLocaleLowerCase('it');
    // How many of the query's words an entry holds (a word counts once, by any of its stems); then how many
    // by the word's own stem, so what was typed outranks a synonym; then how many in the title.
    const holds = (d: SearchDocument, w: string) => lower(d.title).includes(w) || lower(d.summary).includes(w);
    const matched = (d: SearchDocument) => looked.filter((alts) => alts.some((w) => holds(d, w))).length;
    const typed = (d: SearchDocument) => looked.filter(([own]) => own !== undefined && holds(d, own)).length;
    const inTitle = (d: SearchDocument) => looked.filter((alts) => alts.some((w) => lower(d.title).includes(w))).length;
    const ordered = inComuni.sort((a, b) => matched(b) - matched(a) || typed(b) - typed(a) || inTitle(b) - inTitle(a) || (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
    const start = (query.page - 1) * HITS_PER_PAGE;
    const completeHits = ordered.filter((d) => matched(d) === looked.length).length;
    return { hits: ordered.slice(start, start + HITS_PER_PAGE).map(toHit), totalHits: ordered.length, completeHits };
  };
}
