/** The digests the build writes: one per comune and one per ambito, for the latest quarter published. */
import { AMBITI } from '@coesione/model';
import type { NeedFigures } from '../present/need-figures';
import { digestOf, type Digest } from '../present/need-digest-rows';
import { categoryChoices, needComuni, needFigures, populationOf, type NeedComune } from './need-data';

export interface ComuneDigest {
  comune: NeedComune;
  digest: Digest;
  figures: NeedFigures;
}
export interface AmbitoDigest {
  ambito: (typeof AMBITI)[number];
  digest: Digest;
  figures: NeedFigures;
}

export async function comuneDigests(): Promise<ComuneDigest[]> {
  const figures = await needFigures();
  if (!figures.latest) return [];
  const categories = await categoryChoices();
  return (await needComuni()).map((comune) => ({
    comune,
    figures,
    digest: digestOf(figures, 'comune', comune.istatCode, comune.name, figures.latest!, categories, comune.population2011 ?? null),
  }));
}

export async function ambitoDigests(): Promise<AmbitoDigest[]> {
  const figures = await needFigures();
  if (!figures.latest) return [];
  const categories = await categoryChoices();
  const comuni = await needComuni();
  return AMBITI.map((ambito) => ({ ambito, figures, digest: digestOf(figures, 'ambito', ambito.slug, ambito.name, figures.latest!, categories, populationOf(comuni, ambito.slug)) }));
}
