/**
 * «Forse cercavi…» in the island: the vocabulary the site publishes at build time, fetched once per page
 * and only when a search first finds almost nothing (most searches never need it).
 */
import { createSpeller, type Speller } from '@coesione/model';

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
