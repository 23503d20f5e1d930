/**
 * The build's need figures, categories, comuni and supply, read once per build from the content
 * collections (needFigures, needCategories, municipalities, the places of practices and
 * opportunities), for /bisogni/, the comune pages, the digests and the open data.
 */
import { getCollection } from 'astro:content';
import type { z } from 'astro/zod';
import { ALL, AMBITI, ambitoOf, NEED_CATEGORIES, TYPES } from '@coesione/model';
import { allPlaces } from './load-places';
import type { schemas } from '../cms/schemas';
import { allComuni, type Comune } from './comuni';
import { NeedFigures, type SupplyItem } from '../present/need-figures';

type FigureEntry = z.infer<(typeof schemas)['need-figure']>;
type CategoryEntry = z.infer<(typeof schemas)['need-category']>;

export interface NeedCategory {
  slug: string;
  name: string;
  description: string;
  /** Theme slugs whose opportunities and practices answer this need. */
  themes: string[];
}

/** The choice «every category», shown first. */
export const ALL_CATEGORIES: NeedCategory = { slug: ALL, name: 'Tutti i bisogni', description: 'Persone seguite per almeno un bisogno, contate una volta sola.', themes: [] };

let figures: Promise<NeedFigures> | undefined;
export function needFigures(): Promise<NeedFigures> {
  figures ??= (async () => {
    // Typed from the Zod schema, so type checks need no generated Astro types (as in content.ts).
    const list = (await getCollection(TYPES['need-figure'].collection)) as unknown as { data: FigureEntry }[];
    return new NeedFigures(list.map(({ data }) => ({ quarter: data.quarter, level: data.level, minCell: data.minCell, frozen: data.frozen, reporting: data.reporting ?? undefined, quarters: data.quarters ?? undefined, cells: data.cells })));
  })();
  return figures;
}

let categories: Promise<NeedCategory[]> | undefined;
/**
 * The categories: the CMS's vocabulary, plus any category the figures name that it lacks (named from
 * the model's default vocabulary), in the model's order, then by name.
 */
export function needCategories(): Promise<NeedCategory[]> {
  categories ??= (async () => {
    const list = ((await getCollection(TYPES['need-category'].collection)) as unknown as { data: CategoryEntry }[]).map(({ data }) => data);
    const bySlug = new Map<string, NeedCategory>(list.map((c) => [c.slug, { slug: c.slug, name: c.name, description: c.description ?? '', themes: c.themes.map((t) => t.slug) }]));
    for (const slug of (await needFigures()).categories()) {
      if (bySlug.has(slug)) continue;
      const known = NEED_CATEGORIES.find((c) => c.slug === slug);
      bySlug.set(slug, { slug, name: known?.name ?? slug, description: '', themes: known ? [...known.themes] : [] });
    }
    const order = (slug: string) => {
      const i = NEED_CATEGORIES.findIndex((c) => c.slug === slug);
      return i < 0 ? NEED_CATEGORIES.length : i;
    };
    return [...bySlug.values()].sort((a, b) => order(a.slug) - order(b.slug) || a.name.localeCompare(b.name, 'it'));
  })();
  return categories;
}

export const categoryChoices = async (): Promise<NeedCategory[]> => [ALL_CATEGORIES, ...(await needCategories())];

export interface NeedComune extends Comune {
  ambito: string | undefined;
}

export const needComuni = async (): Promise<NeedComune[]> => (await allComuni()).map((c) => ({ ...c, ambito: ambitoOf(c.istatCode) }));

export const ambitoName = (slug: string | undefined): string => AMBITI.find((a) => a.slug === slug)?.name ?? 'Fuori dagli ambiti';

/** Population of an ambito or of the district at the 2011 census (the sum of its comuni). */
export function populationOf(comuni: NeedComune[], area: string): number | null {
  const members = area === 'distretto' ? comuni : comuni.filter((c) => c.ambito === area);
  const known = members.filter((c) => typeof c.population2011 === 'number');
  if (known.length === 0 || known.length < members.length) return null;
  return known.reduce((n, c) => n + (c.population2011 ?? 0), 0);
}

let supply: Promise<SupplyItem[]> | undefined;
/** Published practices and opportunities by comune (their places), for the supply beside the need. */
export function supplyItems(): Promise<SupplyItem[]> {
  supply ??= allPlaces().then((places) =>
    places.flatMap((p): SupplyItem[] =>
      (p.type === 'practice' || p.type === 'opportunity') && p.istat ? [{ type: p.type, url: p.url, title: p.title, istat: p.istat, themes: p.themes, open: p.open }] : [],
    ),
  );
  return supply;
}

/** URLs of the /bisogni/ pages: the latest quarter at /bisogni/<categoria>/, earlier ones below it. */
export const categoryUrl = (category: string, quarter?: string, latest?: string): string =>
  !quarter || quarter === latest ? `/bisogni/${category}/` : `/bisogni/${category}/${quarter.toLowerCase()}/`;
export const comuneDigestUrl = (slug: string): string => `/bisogni/sintesi/comuni/${slug}/`;
export const ambitoDigestUrl = (slug: string): string => `/bisogni/sintesi/ambiti/${slug}/`;

/** Every page of /bisogni/, for the sitemap. */
export async function needPaths(): Promise<string[]> {
  const f = await needFigures();
  const paths = ['/bisogni/', '/bisogni/sintesi/'];
  if (f.empty) return paths;
  for (const c of await categoryChoices()) for (const q of f.quarters) paths.push(categoryUrl(c.slug, q, f.latest));
  for (const c of await allComuni()) paths.push(comuneDigestUrl(c.slug));
  for (const a of AMBITI) paths.push(ambitoDigestUrl(a.slug));
  return paths;
}
