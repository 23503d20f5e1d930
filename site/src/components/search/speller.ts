/**
 * «Forse cercavi…» in the island: the vocabulary the site publishes at build time, fetched once per page
 * and only when a search first finds almost nothing (most searches never need it).
 */
import { createSpeller, SUGGEST_AT_MOST, type Speller } from '@coesione/model';

export const VOCABULARY_URL = '/cerca/vocabolario.json';

let loading: Promise<Speller> | undefined;

export function loadSpeller(url = VOCABULARY_URL): Promise<Speller> {
  loading ??= fetch(url)
    .then(async (res) => {
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      const body = (await res.json()) as { words?: unknown };
      if (!Array.isArray(body.words)) throw new Error(`${url} holds no word list`);
      return createSpeller(body.words);
    })
    .catch((error: unknown) => {
      loading = undefined; // tried again by the next search that needs it
      throw error;
    });
  return loading;
}

/** Whether a query is worth correcting: it has words, and at most a couple of results hold all of them. */
export const wantsSuggestion = (q: string, completeHits: number): boolean => completeHits <= SUGGEST_AT_MOST && /\p{L}/u.test(q);

/**
 * Whether Meilisearch may have dropped a word: with two words or more its default matching strategy
 * answers the results of the first words alone when none holds them all, so those are counted apart.
 */
export const severalWords = (q: string): boolean => /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(q);
