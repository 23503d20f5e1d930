/**
 * Synthetic published practices for the benchmarks that need a large CMS (bench:cms, bench:backup):
 * `count` entries spread over the seeded comuni, themes, target groups and promoters, each with a body,
 * a location, a period and an indicator, as an editor's practice has. Run it after `seed()`.
 */
import type { Core } from '@strapi/strapi';
import { progress } from '../lib/progress.ts';
import { toBlocks } from './blocks.ts';
import { nearComune } from './seed.ts';

export interface SyntheticPractices {
  slugs: string[];
  seconds: number;
}

export async function seedSyntheticPractices(strapi: Core.Strapi, count: number): Promise<SyntheticPractices> {
  const ids = async (uid: 'api::theme.theme' | 'api::target-group.target-group' | 'api::organization.organization') =>
    ((await strapi.documents(uid).findMany({ fields: ['documentId'], limit: 1000 } as never)) as { documentId: string }[]).map((d) => d.documentId);
  const themes = await ids('api::theme.theme');
  const groups = await ids('api::target-group.target-group');
  const orgs = await ids('api::organization.organization');
  const comuni = (await strapi.documents('api::municipality.municipality').findMany({ fields: ['documentId', 'name', 'latitude', 'longitude'], limit: 1000 } as never)) as unknown as {
    documentId: string; name: string; latitude: number; longitude: number;
  }[];
  const pick = <T>(list: T[], i: number): T => list[i % list.length] as T;
  const slugs: string[] = [];
  const bar = progress('Buone prassi sintetiche', count);
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
    const comune = pick(comuni, i * 31);
    const slug = `pratica-sintetica-${String(i).padStart(5, '0')}`;
    slugs.push(slug);
    await strapi.documents('api::practice.practice').create({
      status: 'published',
      data: {
        title: `Pratica sintetica ${i} a ${comune.name}`,
        slug,
        summary: `Una buona prassi generata per misurare il CMS: numero ${i}, ${comune.name}.`,
        body: toBlocks([`Descrizione della pratica ${i}.`, '## Come funziona', 'Due paragrafi di testo per dare corpo alla scheda.']),
        state: pick(['attiva', 'conclusa', 'sperimentale'], i),
        themes: [pick(themes, i), pick(themes, i + 5)],
        targetGroups: [pick(groups, i)],
        municipalities: [comune.documentId],
        promoters: [pick(orgs, i)],
        period: { start: '2024-01-15' },
        location: { address: `Via Sintetica ${i}`, municipality: comune.documentId, ...nearComune({ lat: comune.latitude, lng: comune.longitude }, slug) },
        indicators: [{ name: 'Persone raggiunte', value: i % 500, unit: 'persone', year: 2025 }],
        verifiedAt: '2026-11-01',
      },
    } as never);
    bar.tick();
  }
  const seconds = (Date.now() - t0) / 1000;
  bar.done(`(${(count / Math.max(seconds, 0.001)).toFixed(0)} al secondo)`);
  return { slugs, seconds };
}
