/**
 * The entries of each open dataset (present/open-data.ts), read once per build: the published entries of its
 * type, the comuni or the themes, in a stable order (by address, the comuni by ISTAT code).
 */
import { getCollection } from 'astro:content';
import { catalogTriples, type CatalogDataset, type Triple } from '../formats/dcat';
import { buildNow } from '../present/format';
import { CATALOGUED, DATASETS, OTHER_CATALOGUED, type AnyDataset } from '../present/open-data';
import type { SectionType } from '../present/sections';
import { allComuni } from './comuni';
import { entriesOf } from './content';

const TYPE_OF: Record<string, SectionType> = { 'buone-prassi': 'practice', opportunita: 'opportunity', normativa: 'regulation', formazione: 'training-material', laboratori: 'workshop', enti: 'organization' };

const bySlug = <T extends { slug: string }>(list: T[]) => [...list].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));

export async function datasetEntries(dataset: AnyDataset): Promise<unknown[]> {
  if (dataset.slug === 'comuni') return [...(await allComuni())].sort((a, b) => a.istatCode.localeCompare(b.istatCode));
  if (dataset.slug === 'temi') return bySlug(((await getCollection('themes')) as unknown as { data: { slug: string } }[]).map((t) => t.data));
  const type = TYPE_OF[dataset.slug];
  if (!type) throw new Error(`open data: no entries for the dataset «${dataset.slug}»`);
  return bySlug((await entriesOf(type)).map((e) => e.data));
}

export const datasetPaths = () => DATASETS.map((dataset) => ({ params: { dataset: dataset.slug }, props: { dataset } }));

/** The day of the latest change among `entries` (their updatedAt), or `fallback`. */
const lastChange = (entries: unknown[], fallback: string): string =>
  entries.map((e) => (e as { updatedAt?: string }).updatedAt?.slice(0, 10)).filter((d): d is string => !!d).sort().at(-1) ?? fallback;

/**
 * The catalogue's triples (DCAT-AP_IT): every dataset and file of /dati-aperti/, the publisher from
 * DCAT_PUBLISHER_NAME and DCAT_PUBLISHER_IPA (docs/configuration.md).
 */
export async function catalog(site: string): Promise<Triple[]> {
  const built = buildNow().toISOString().slice(0, 10);
  const datasets: CatalogDataset[] = [];
  for (const dataset of DATASETS) {
    const entries = await datasetEntries(dataset);
    const filed = CATALOGUED[dataset.slug];
    if (!filed) throw new Error(`open data: the dataset «${dataset.slug}» has no theme or frequency in CATALOGUED`);
    datasets.push({ slug: dataset.slug, title: dataset.title, description: dataset.description, ...filed, modified: lastChange(entries, built), landingPage: `/dati-aperti/${dataset.slug}/`, files: [{ path: `/dati-aperti/${dataset.slug}.csv`, format: 'CSV' }, { path: `/dati-aperti/${dataset.slug}.json`, format: 'JSON' }] });
  }
  const modified = datasets.map((d) => d.modified).sort().at(-1) ?? built;
  for (const other of OTHER_CATALOGUED) datasets.push({ ...other, modified });
  return catalogTriples({ site, modified, publisherName: process.env.DCAT_PUBLISHER_NAME || 'Comune di Vercelli', publisherIpa: process.env.DCAT_PUBLISHER_IPA || 'c_l750' }, datasets);
}
