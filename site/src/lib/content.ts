import type { ImageMetadata } from 'astro';
/**
 * Reading the content collections for pages: one card shape for every type, the order of each list,
 * and related items (same theme, same comune, same organisation).
 */
import { getCollection } from 'astro:content';
import type { z } from 'astro/zod';
import { pageUrl, TYPES } from '@coesione/model';
import type { schemas } from './cms/schemas';
import { buildNow, formatDateTime, opportunityState } from './format';
import { pactCardState } from './pacts';
import { SECTION_TYPES, type SectionType } from './sections';

/** Typed from the Zod schemas, so type checks need no generated Astro types (and so no CMS). */
export type SectionData<T extends SectionType = SectionType> = z.infer<(typeof schemas)[T]>;
export interface SectionEntry<T extends SectionType = SectionType> {
  id: string;
  data: SectionData<T>;
}
type AnyData = SectionData;

/** A cover as pages use it: `src` is astro:assets' image (content.config.ts), absent when there is none. */
export interface CoverImage {
  src?: ImageMetadata;
  alternativeText?: string | null;
}

export interface Card {
  type: SectionType;
  slug: string;
  url: string;
  title: string;
  summary: string;
  places: string[];
  /** A short state line: "Aperta fino al …", "Prossimo incontro …", "Abrogata". */
  state?: string;
  open?: boolean;
  themes: string[];
  organizations: string[];
  sortKey: string;
  cover?: CoverImage | undefined;
}

export const urlOf = (type: SectionType, slug: string): string => pageUrl(type, slug);
export const titleOf = (data: AnyData): string => ('title' in data ? data.title : data.name);

/** A workshop's sessions still to come at `now`, in the CMS's order. */
export const upcomingSessions = (data: SectionData<'workshop'>, now: Date) => data.sessions.filter((s) => new Date(s.start) >= now);

export function nextSession(data: SectionData<'workshop'>, now: Date) {
  return upcomingSessions(data, now).sort((a, b) => a.start.localeCompare(b.start))[0];
}

export function toCard(type: SectionType, entry: SectionEntry, now: Date = buildNow()): Card {
  const data = entry.data;
  const places = [
    ...data.municipalities.map((m) => m.name),
    ...('location' in data && data.location?.municipality ? [data.location.municipality.name] : []),
    ...('locations' in data ? data.locations.flatMap((l) => (l.municipality ? [l.municipality.name] : [])) : []),
    ...('sites' in data ? data.sites.flatMap((l) => (l.municipality ? [l.municipality.name] : [])) : []),
  ];
  const organizations = [
    ...('promoters' in data ? data.promoters.map((o) => o.slug) : []),
    ...('provider' in data && data.provider ? [data.provider.slug] : []),
    ...('organization' in data && data.organization ? [data.organization.slug] : []),
    ...(type === 'organization' ? [data.slug] : []),
  ];
  const card: Card = {
    type,
    slug: data.slug,
    url: urlOf(type, data.slug),
    title: titleOf(data),
    summary: data.summary,
    places: [...new Set(places)],
    themes: data.themes.map((t) => t.slug),
    organizations,
    sortKey: titleOf(data).toLocaleLowerCase('it'),
    cover: coverOf(data),
  };
  if ('deadline' in data) {
    const state = opportunityState(data.deadline, now);
    Object.assign(card, { state: state.label, open: state.open, sortKey: `${state.open ? 0 : 1}${state.open ? (data.deadline ?? '9999') : invert(data.deadline ?? '')}` });
  }
  if ('sessions' in data) {
    const next = nextSession(data as SectionData<'workshop'>, now);
    Object.assign(card, { state: next ? `Prossimo incontro: ${formatDateTime(next.start)}` : 'Nessun incontro in programma', sortKey: next ? `0${next.start}` : `1${card.sortKey}` });
  }
  if ('stageHistory' in data) {
    Object.assign(card, { state: pactCardState(data as SectionData<'pact'>, now) });
  }
  if ('validity' in data) {
    Object.assign(card, { state: data.validity === 'abrogata' ? 'Abrogata' : undefined, sortKey: invert(data.date ?? '') });
  }
  return card;
}

export interface Attachment {
  name: string;
  file: string;
  url: string;
  mime: string;
  /** Kilobytes, as Strapi gives it. */
  size: number;
  ext?: string | null;
  alternativeText?: string | null;
}

/** Attachments of an entry, linked on the site itself (pages/allegati/[file].ts). */
export const attachmentsOf = (data: object): Attachment[] =>
  ((data as { attachments?: Omit<Attachment, 'url'>[] | null }).attachments ?? []).map((a) => ({ ...a, url: `/allegati/${a.file}` }));

export const coverOf = (data: object): CoverImage | undefined => (data as { cover?: CoverImage | null }).cover ?? undefined;

/** Sorts later dates first inside an ascending sort. */
const invert = (date: string): string => date.replace(/\d/g, (d) => String(9 - Number(d)));

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
