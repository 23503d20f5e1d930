/**
 * The public index's settings (the index: contract.ts `INDEX_UID`), typed by the client.
 */
import { createHash } from 'node:crypto';
import type { Settings } from 'meilisearch';
import { ITALIAN_STOP_WORDS } from './stop-words';
import { synonymMap } from './synonyms';

export const PRIMARY_KEY = 'id';

export const SEARCH_SETTINGS: Settings = {
  // Ranked: a hit in the title beats one in the summary, which beats the body, then names; last the word
  // families (documents.ts), which only widen what a typo can reach.
  searchableAttributes: ['title', 'summary', 'bodyText', 'organizationNames', 'municipalityNames', 'themeNames', 'targetGroupNames', 'wordFamilies'],
  displayedAttributes: ['*'],
  filterableAttributes: [
    'type',
    'themes',
    'themeNames',
    'targetGroups',
    'targetGroupNames',
    'municipalityCodes',
    'municipalityNames',
    'organizationNames',
    'kind',
    'open',
    'deadline',
    'startDate',
    'nextSession',
    'date',
    'publishedAt',
    'locale',
    '_geo',
  ],
  sortableAttributes: ['deadline', 'startDate', 'nextSession', 'date', 'publishedAt', 'title', '_geo'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  stopWords: ITALIAN_STOP_WORDS,
  synonyms: synonymMap(),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 5000 },
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
  searchCutoffMs: 150,
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['ita'] }],
};

/** Changes when the settings in this file change: `npm start` reindexes then. */
export const SETTINGS_HASH = createHash('sha256').update(JSON.stringify(SEARCH_SETTINGS)).digest('hex').slice(0, 16);
