/**
 * Synthetic published need figures for the site's tests, written only when the CMS holds none (so the
 * tests run the same before and after the seed writes its own, computed from synthetic records): the
 * need categories (when the vocabulary is empty) and one need-figure entry per quarter and level, in
 * the public shape (NeedCell), with cells under the threshold suppressed (null) and a simple secondary
 * suppression per comune. Deterministic: the same figures at every run. One planted trend makes
 * «casa» in the ambito of Santhià an emerging need.
 */
import type { Core } from '@strapi/strapi';
import { AGE_BANDS, ALL, AMBITI, DISTRICT, NEED_CATEGORIES, type NeedCell } from '@coesione/model';

export const FIXTURE_QUARTERS = ['2025-T1', '2025-T2', '2025-T3', '2025-T4', '2026-T1', '2026-T2', '2026-T3', '2026-T4'];
export const FIXTURE_MIN_CELL = 5;

/** People per 1,000 residents per quarter, by category. */
const RATE: Record<string, number> = {
  casa: 3, lavoro: 4, reddito: 5, alimentare: 4, salute: 2, disabilita: 1.5, 'non-autosufficienza': 2, solitudine: 1.5,
  dipendenze: 0.7, violenza: 0.5, 'documenti-e-migrazione': 1, 'minori-e-istruzione': 1.5, mobilita: 0.8, digitale: 1,
};
const AGE_WEIGHTS = [0.12, 0.14, 0.26, 0.22, 0.16, 0.1];

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Growth per quarter of a category in an ambito: «casa» in Santhià grows fast (an emerging need). */
const growth = (ambito: string, category: string) => (ambito === 'cisas-santhia' && category === 'casa' ? 0.12 : 0.01);

type Counts = Map<string, number>; // `${quarter}|${area}|${category}|${ageBand}` → people

export function fixtureCounts(population: Map<string, number>): { comune: Counts; ambito: Counts; distretto: Counts } {
  const random = prng(12);
  const comune: Counts = new Map();
  const ambito: Counts = new Map();
  const distretto: Counts = new Map();
  const add = (m: Counts, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  FIXTURE_QUARTERS.forEach((quarter, qi) => {
    for (const a of AMBITI) {
      for (const istat of a.comuni) {
        const residents = population.get(istat) ?? 1000;
        let all = 0;
        for (const c of NEED_CATEGORIES) {
          const expected = (residents / 1000) * (RATE[c.slug] ?? 1) * (1 + growth(a.slug, c.slug)) ** qi;
          const people = Math.max(0, Math.round(expected * (0.8 + 0.4 * random())));
          if (people === 0) continue;
          all += people;
          comune.set(`${quarter}|${istat}|${c.slug}|${ALL}`, people);
          add(ambito, `${quarter}|${a.slug}|${c.slug}|${ALL}`, people);
          add(distretto, `${quarter}|${DISTRICT}|${c.slug}|${ALL}`, people);
          // Age bands: the largest remainder keeps the bands adding up to the total.
          const shares = AGE_WEIGHTS.map((w) => w * people);
          const floors = shares.map(Math.floor);
          let left = people - floors.reduce((x, y) => x + y, 0);
          const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((x, y) => y[0] - x[0]);
          for (const [, i] of order) if (left-- > 0) floors[i]! += 1;
          AGE_BANDS.forEach((band, i) => {
            add(ambito, `${quarter}|${a.slug}|${c.slug}|${band.code}`, floors[i]!);
            add(distretto, `${quarter}|${DISTRICT}|${c.slug}|${band.code}`, floors[i]!);
          });
        }
        // People with several needs are counted once in «tutte».
        const distinct = Math.round(all * 0.7);
        if (distinct === 0) continue;
        comune.set(`${quarter}|${istat}|${ALL}|${ALL}`, distinct);
        add(ambito, `${quarter}|${a.slug}|${ALL}|${ALL}`, distinct);
        add(distretto, `${quarter}|${DISTRICT}|${ALL}|${ALL}`, distinct);
        AGE_BANDS.forEach((band, i) => {
          const n = Math.round(distinct * AGE_WEIGHTS[i]!);
          add(ambito, `${quarter}|${a.slug}|${ALL}|${band.code}`, n);
          add(distretto, `${quarter}|${DISTRICT}|${ALL}|${band.code}`, n);
        });
      }
    }
  });
  return { comune, ambito, distretto };
}

/** Cells of one quarter and level: under the threshold → null; per comune, never one suppressed cell alone. */
export function fixtureCells(counts: Counts, quarter: string, level: 'comune' | 'ambito' | 'distretto'): NeedCell[] {
  const cells: NeedCell[] = [];
  for (const [key, people] of counts) {
    const [q, area, category, ageBand] = key.split('|') as [string, string, string, string];
    if (q !== quarter) continue;
    const suppressed = people < FIXTURE_MIN_CELL && people > 0;
    cells.push({ area, category, ageBand: ageBand as NeedCell['ageBand'], people: suppressed ? null : people, multiBody: suppressed || people < 4 * FIXTURE_MIN_CELL ? null : Math.round(people * 0.08) || null });
  }
  if (level === 'comune') {
    // Secondary suppression (a fixture's heuristic): a comune whose categories have exactly one
    // suppressed cell loses its next smallest too, so «tutte» minus the others cannot give it back.
    const byArea = new Map<string, NeedCell[]>();
    for (const c of cells) if (c.category !== ALL) byArea.set(c.area, [...(byArea.get(c.area) ?? []), c]);
    for (const row of byArea.values()) {
      if (row.filter((c) => c.people === null).length !== 1) continue;
      const next = row.filter((c) => c.people !== null).sort((a, b) => (a.people ?? 0) - (b.people ?? 0))[0];
      if (next) next.people = null;
    }
  }
  return cells.sort((a, b) => a.area.localeCompare(b.area) || a.category.localeCompare(b.category) || a.ageBand.localeCompare(b.ageBand));
}

/** Writes the fixture's categories and figures, each only when the CMS has none. Returns whether figures were written. */
export async function ensureNeedFigures(strapi: Core.Strapi): Promise<boolean> {
  const docs = strapi.documents as unknown as (uid: string) => {
    count(q?: object): Promise<number>;
    findMany(q?: object): Promise<{ documentId: string; slug?: string; istatCode?: string; population2011?: number | null }[]>;
    create(q: { data: object }): Promise<unknown>;
  };
  if ((await docs('api::need-category.need-category').count()) === 0) {
    const themes = await docs('api::theme.theme').findMany({ limit: 1000 });
    for (const c of NEED_CATEGORIES) {
      const ids = themes.filter((t) => (c.themes as readonly string[]).includes(t.slug ?? '')).map((t) => t.documentId);
      await docs('api::need-category.need-category').create({ data: { slug: c.slug, name: c.name, description: `Persone seguite per un bisogno di tipo «${c.name.toLowerCase()}».`, themes: ids } });
    }
  }
  if ((await docs('api::need-figure.need-figure').count()) > 0) return false;
  const comuni = await docs('api::municipality.municipality').findMany({ limit: 1000 });
  const population = new Map(comuni.map((c) => [c.istatCode ?? '', c.population2011 ?? 1000]));
  const counts = fixtureCounts(population);
  const last = FIXTURE_QUARTERS.at(-1)!;
  for (const quarter of FIXTURE_QUARTERS) {
    for (const level of ['comune', 'ambito', 'distretto'] as const) {
      await docs('api::need-figure.need-figure').create({
        data: { quarter, level, minCell: FIXTURE_MIN_CELL, frozen: quarter !== last, computedAt: '2026-11-20T09:00:00.000Z', cells: fixtureCells(counts[level], quarter, level) },
      });
    }
  }
  return true;
}

