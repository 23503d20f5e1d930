/**
 * «Forse cercavi…» on the CMS's results page for browsers without JavaScript: the speller of
 * @coesione/model over the CMS's own published content, read as the index reads it (search/documents.ts
 * `toSearchDocument`), so it suggests what the site's island suggests from the vocabulary built with the site.
 */
import { buildVocabulary, createSpeller, EDITORIAL_KEYS, uidOf, type Speller, type VocabularySource } from '@coesione/model';
import { toSearchDocument, type CmsEntry } from '@coesione/search';
import { POPULATE } from '../../platform/populate';
import type { ContentReader } from './engines';

/** The relations whose names make the vocabulary (themes, comuni, the comuni of places), of those each type has. */
const NAMED = ['themes', 'municipalities', 'location', 'locations', 'sites'] as const;

/** The published documents' titles, summaries, theme and comune names: only those fields are read. */
export async function publishedSources(strapi: ContentReader): Promise<VocabularySource[]> {
  const sources: VocabularySource[] = [];
  for (const type of EDITORIAL_KEYS) {
    const uid = uidOf(type);
    const tree = POPULATE[uid];
    const populate = Object.fromEntries(NAMED.filter((key) => key in tree).map((key) => [key, tree[key]]));
    const entries = (await strapi.documents(uid as never).findMany({
      status: 'published',
      fields: [type === 'organization' ? 'name' : 'title', 'summary'],
      populate,
      limit: 100_000,
    })) as CmsEntry[];
    for (const entry of entries) {
      const doc = toSearchDocument(type, entry);
      sources.push({ title: doc.title, summary: doc.summary, themes: doc.themeNames, comuni: doc.municipalityNames });
    }
  }
  return sources;
}

export interface ContentSpellerOptions {
  /** Published content is read again, when a suggestion is next needed, after this long. */
  maxAgeMs?: number;
  now?: () => number;
}

/** The speller, built when a search first needs it and again at most every ten minutes. */
export function contentSpeller(strapi: ContentReader, { maxAgeMs = 600_000, now = Date.now }: ContentSpellerOptions = {}): () => Promise<Speller> {
  let cached: { at: number; speller: Promise<Speller> } | undefined;
  return () => {
    if (!cached || now() - cached.at > maxAgeMs) {
      const speller = publishedSources(strapi).then((sources) => createSpeller(buildVocabulary(sources)));
      cached = { at: now(), speller };
      speller.catch(() => {
        if (cached?.speller === speller) cached = undefined; // read again on the next search
      });
    }
    return cached.speller;
  };
}
