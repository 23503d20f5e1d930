/**
 * Reading the content collections for pages: each section's entries and cards (once per build, in their
 * reading order) and related items (same theme, same comune, same organisation). The card itself is
 * lib/present/cards.ts.
 */
import { getCollection } from 'astro:content';
import { TYPES } from '@coesione/model';
import { toCard, type Card } from '../present/cards';
import { SECTION_TYPES, type SectionEntry, type SectionType } from '../present/sections';

// A build reads each collection many times (lists, feeds, sitemap, maps) and Astro's getCollection walks
// every entry on each call: read once per build. 10,000 entries made those walks a tenth of the build.
const entries = new Map<SectionType, Promise<SectionEntry[]>>();
export function entriesOf<T extends SectionType>(type: T): Promise<SectionEntry<T>[]> {
  if (!entries.has(type)) entries.set(type, getCollection(TYPES[type].collection) as unknown as Promise<SectionEntry[]>);
  return entries.get(type) as Promise<SectionEntry<T>[]>;
}

const italian = new Intl.Collator('it');
const sections = new Map<SectionType, Promise<Card[]>>();
/** Every card of a section, in its reading order (once per build, as the entries). */
export function cardsOf(type: SectionType): Promise<Card[]> {
  if (!sections.has(type)) sections.set(type, entriesOf(type).then((list) => list.map((e) => toCard(type, e)).sort((a, b) => italian.compare(a.sortKey, b.sortKey))));
  return sections.get(type)!;
}

// Every page of a build reads the same cards: computed once per build, not once per page.
let cards: Promise<Card[]> | undefined;
export function allCards(): Promise<Card[]> {
  cards ??= Promise.all(SECTION_TYPES.map(cardsOf)).then((lists) => lists.flat());
  return cards;
}

const WEIGHTS = { organizations: 3, places: 2, themes: 1 } as const;
type Facet = keyof typeof WEIGHTS;
const FACETS = Object.entries(WEIGHTS) as [Facet, number][];

interface RelatedIndex {
  cards: Card[];
  /** Per facet and key, the numbers (positions in `cards`) of the cards that have it. */
  byFacet: Record<Facet, Map<string, Int32Array>>;
  byUrl: Map<string, number>;
  /** Each card's place in Italian order of `sortKey`: ties between equal scores compare numbers, not strings. */
  rank: Int32Array;
  /** Scratch space, zero between calls: a score per card, and the cards scored so far. */
  scores: Int32Array;
  touched: Int32Array;
}

/** Cards by organisation, comune and theme, so related items never scan every card. */
export function relatedIndex(all: Card[]): RelatedIndex {
  const lists = { organizations: new Map(), places: new Map(), themes: new Map() } as Record<Facet, Map<string, number[]>>;
  all.forEach((card, i) => {
    for (const [facet] of FACETS) {
      for (const key of card[facet]) {
        const list = lists[facet].get(key);
        if (list) list.push(i);
        else lists[facet].set(key, [i]);
      }
    }
  });
  const byFacet = Object.fromEntries(FACETS.map(([facet]) => [facet, new Map([...lists[facet]].map(([key, list]) => [key, Int32Array.from(list)]))])) as RelatedIndex['byFacet'];
  const rank = new Int32Array(all.length);
  all.map((card, i) => [card, i] as const).sort(([a], [b]) => italian.compare(a.sortKey, b.sortKey)).forEach(([, i], r) => (rank[i] = r));
  return { cards: all, byFacet, byUrl: new Map(all.map((c, i) => [c.url, i])), rank, scores: new Int32Array(all.length), touched: new Int32Array(all.length) };
}

let index: Promise<RelatedIndex> | undefined;

/** Up to `limit` other items sharing an organisation (3), a comune (2) or a theme (1), best score first. */
export async function relatedTo(card: Card, limit = 4): Promise<Card[]> {
  index ??= allCards().then(relatedIndex);
  const { cards, byFacet, byUrl, rank, scores, touched } = await index;
  // A theme or a comune can be shared by thousands of cards: scores are counted in typed arrays and the
  // best `limit` taken in one pass, so a detail page allocates nothing per card it shares a key with.
  const self = byUrl.get(card.url) ?? -1;
  let count = 0;
  for (const [facet, weight] of FACETS) {
    for (const key of card[facet]) {
      const list = byFacet[facet].get(key);
      if (!list) continue;
      for (let j = 0; j < list.length; j++) {
        const i = list[j]!;
        if (i === self) continue;
        if (scores[i] === 0) touched[count++] = i;
        scores[i] = scores[i]! + weight;
      }
    }
  }
  const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && rank[a]! < rank[b]!);
  const best: number[] = [];
  for (let j = 0; j < count; j++) {
    const i = touched[j]!;
    if (best.length === limit && !before(i, best[limit - 1]!)) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    while (at > 0 && before(i, best[at - 1]!)) at--;
    best.splice(at, 0, i);
    if (best.length > limit) best.pop();
  }
  for (let j = 0; j < count; j++) scores[touched[j]!] = 0;
  return best.map((i) => cards[i]!);
}
