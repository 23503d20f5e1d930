/**
 * The entries of each open dataset (present/open-data.ts), read once per build: the published entries of its
 * type, the comuni or the themes, in a stable order (by address, the comuni by ISTAT code).
 */
import { getCollection } from 'astro:content';
import { DATASETS, type AnyDataset } from '../present/open-data';
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
