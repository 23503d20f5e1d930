/**
 * The entries of each open dataset (present/open-data.ts), read once per build however many files and pages
 * show them: the published entries of its type, the comuni or the themes, in a stable order (by address, the
 * comuni by ISTAT code); and the catalogue, once per build for its two syntaxes.
 */
import { getCollection } from 'astro:content';
import { catalogTriples, type CatalogDataset, type Triple } from '../formats/dcat';
import { buildNow } from '../present/format';
import { DATASETS, OTHER_CATALOGUED, type AnyDataset } from '../present/open-data';
import { allComuni } from './comuni';
import { entriesOf } from './content';

const bySlug = <T extends { slug: string }>(list: T[]) => [...list].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));

async function readEntries({ source }: AnyDataset): Promise<unknown[]> {
  if (source === 'comuni') return [...(await allComuni())].sort((a, b) => a.istatCode.localeCompare(b.istatCode));
  if (source === 'temi') return bySlug(((await getCollection('themes')) as unknown as { data: { slug: string } }[]).map((t) => t.data));
  return bySlug((await entriesOf(source)).map((e) => e.data));
}

const read = new Map<string, Promise<unknown[]>>();
export function datasetEntries(dataset: AnyDataset): Promise<unknown[]> {
  if (!read.has(dataset.slug)) read.set(dataset.slug, readEntries(dataset));
  return read.get(dataset.slug)!;
}

export const datasetPaths = () => DATASETS.map((dataset) => ({ params: { dataset: dataset.slug }, props: { dataset } }));

/** The day of the latest change among `entries` (their updatedAt), or `fallback`. */
const lastChange = (entries: unknown[], fallback: string): string =>
  entries.map((e) => (e as { updatedAt?: string }).updatedAt?.slice(0, 10)).filter((d): d is string => !!d).sort().at(-1) ?? fallback;

/**
 * The catalogue's triples (DCAT-AP_IT): every dataset and file of /dati-aperti/, the publisher from
 * DCAT_PUBLISHER_NAME and DCAT_PUBLISHER_IPA (docs/configuration.md).
 */
async function buildCatalog(site: string): Promise<Triple[]> {
  const built = buildNow().toISOString().slice(0, 10);
  const datasets: CatalogDataset[] = [];
  for (const dataset of DATASETS) {
    const { slug, title, description, theme, frequency } = dataset;
    const files: CatalogDataset['files'] = [{ path: `/dati-aperti/${slug}.csv`, format: 'CSV' }, { path: `/dati-aperti/${slug}.json`, format: 'JSON' }];
    datasets.push({ slug, title, description, theme, frequency, modified: lastChange(await datasetEntries(dataset), built), landingPage: `/dati-aperti/${slug}/`, files });
  }
  const modified = datasets.map((d) => d.modified).sort().at(-1) ?? built;
  for (const other of OTHER_CATALOGUED) datasets.push({ ...other, modified });
  return catalogTriples({ site, modified, publisherName: process.env.DCAT_PUBLISHER_NAME || 'Comune di Vercelli', publisherIpa: process.env.DCAT_PUBLISHER_IPA || 'c_l750' }, datasets);
}

let catalogued: Promise<Triple[]> | undefined;
export function catalog(site: string): Promise<Triple[]> {
  catalogued ??= buildCatalog(site);
  return catalogued;
}
