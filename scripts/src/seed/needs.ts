/**
 * The need loop's demo: the two vocabularies, and about 3,000 SYNTHETIC need records (no real person
 * behind any of them) over the 82 comuni, the Third Sector organisations and the last eight quarters,
 * then the published figures. Deterministic (a seeded generator), idempotent (records only when none
 * exist). Some people are followed by two bodies (a synthetic codice fiscale joins them); a few needs
 * grow on purpose in one ambito, so that «bisogni emergenti» has something to show.
 */
import type { Core } from '@strapi/strapi';
import { AGE_BANDS, AMBITI, CITIZENSHIPS, HOUSEHOLDS, NEED_CATEGORIES, NEED_SERVICES, SEXES, ambitoOf, codiceFiscaleCheck, romeDay } from '@coesione/model';
import type { SeedData } from './data.ts';

const NEED_RECORD = 'api::need-record.need-record';

interface NeedOps {
  storeRecordsFor(slug: string, rows: SyntheticRecord[], receivedAt?: (month: string) => Date): Promise<number>;
  computeFigures(now?: Date): Promise<unknown>;
}

export interface SyntheticRecord {
  month: string; istat: string; ageBand: string; household: string; sex: string; citizenship: string;
  categories: string[]; services: string[]; socialServiceInvolved: boolean; codiceFiscale?: string; internalCode?: string;
}

/** mulberry32: a small seeded generator, so every seed run makes the same people (the need bench's too). */
export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
    const w = weights ?? items.map(() => 1);
    let r = next() * w.reduce((s, x) => s + x, 0);
    for (let i = 0; i < items.length; i += 1) if ((r -= w[i]!) < 0) return items[i]!;
    return items[items.length - 1]!;
  };
  return { next, pick };
}

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** The synthetic records, by organisation slug. */
export function syntheticRecords(data: SeedData, today: Date, people = 1000): Map<string, SyntheticRecord[]> {
  const { next, pick } = generator(20261201);
  const last = romeDay(today).slice(0, 7);
  // Eight quarters: this one (up to this month) and the seven before it.
  const first = shiftMonth(last, -((Number(last.slice(5)) - 1) % 3) - 21);
  const partners = data.organizations.filter((o) => !['ente_gestore', 'gruppo_informale'].includes(o.kind));
  const ambitoOfOrg = new Map(partners.map((o) => [o.slug, ambitoOf(o.sites[0]?.istat ?? '') ?? AMBITI[0].slug]));
  const comuni = data.comuni;
  // Square root of the population: the city gets more people, the small comuni are not empty.
  const weights = comuni.map((c) => Math.sqrt(c.population2011 ?? 500));
  const byOrg = new Map<string, SyntheticRecord[]>(partners.map((o) => [o.slug, []]));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let n = 0; n < people; n += 1) {
    const comune = pick(comuni, weights);
    const ambito = ambitoOf(comune.istat)!;
    const local = partners.filter((o) => ambitoOfOrg.get(o.slug) === ambito);
    const org = pick(local.length > 0 ? local : partners).slug;
    const second = next() < 0.12 ? pick(partners.filter((o) => o.slug !== org)).slug : undefined;
    const ageBand = pick(AGE_BANDS.map((b) => b.code), [14, 12, 24, 20, 18, 12]);
    const start = shiftMonth(first, Math.floor(next() * 24));
    if (start > last) continue;
    const length = 1 + Math.floor(next() * 5);
    const old = ageBand === 'eta_65_79' || ageBand === 'eta_80_piu';
    const young = ageBand === 'eta_0_17';
    const categories = new Set<string>();
    const pool = NEED_CATEGORIES.map((c) => c.slug);
    const weightsFor = (month: string) => pool.map((slug) => {
      let w = 4;
      if (old && ['non-autosufficienza', 'solitudine', 'salute'].includes(slug)) w = 14;
      if (young && ['minori-e-istruzione'].includes(slug)) w = 22;
      if (!old && ['lavoro', 'reddito', 'casa', 'alimentare'].includes(slug)) w = 10;
      // Growing on purpose: housing and digital needs around Santhià, loneliness in Valsesia, over the last year.
      const recent = month >= shiftMonth(last, -11);
      if (recent && ambito === 'cisas-santhia' && ['casa', 'digitale'].includes(slug)) w *= 3;
      if (recent && ambito === 'unione-montana-valsesia' && slug === 'solitudine') w *= 3;
      return w;
    });
    const count = 1 + Math.floor(next() * 2.2);
    while (categories.size < count) categories.add(pick(pool, weightsFor(start)));
    const household = pick(HOUSEHOLDS.map((h) => h.code), young ? [0, 0, 6, 4, 1, 1] : old ? [8, 5, 0, 0, 2, 1] : [5, 2, 4, 3, 2, 2]);
    const sex = pick(SEXES.map((s) => s.code), [10, 9, 2]);
    const citizenship = pick(CITIZENSHIPS.map((c) => c.code), [14, 2, 5, 2]);
    const services = [pick(NEED_SERVICES.map((s) => s.slug))];
    const social = next() < 0.35;
    const body = Array.from({ length: 6 }, () => letters[Math.floor(next() * 26)]).join('');
    const cf15 = `${body}${String(40 + Math.floor(next() * 60))}${pick(['A', 'B', 'C', 'D', 'E', 'H', 'L', 'M', 'P', 'R', 'S', 'T'])}${String(1 + Math.floor(next() * 28)).padStart(2, '0')}L${String(100 + Math.floor(next() * 800))}`;
    const codiceFiscale = second ? cf15 + codiceFiscaleCheck(cf15) : undefined;
    for (let k = 0; k < length; k += 1) {
      const month = shiftMonth(start, k);
      if (month > last) break;
      const record = { month, istat: comune.istat, ageBand, household, sex, citizenship, categories: [...categories], services, socialServiceInvolved: social };
      byOrg.get(org)!.push(codiceFiscale ? { ...record, codiceFiscale } : { ...record, internalCode: `DEMO-${n}` });
      if (second && k < 2) byOrg.get(second)!.push({ ...record, codiceFiscale });
    }
  }
  return byOrg;
}

/**
 * When a body's synthetic records of a month "came in": between the 3rd and the 26th of the month after, at
 * 10:00 (so some bodies are late against the 15th), never after `today`. Deterministic per body and month.
 */
export function syntheticArrival(slug: string, month: string, today: Date): Date {
  let hash = 0x811c9dc5;
  for (const ch of `${slug}|${month}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0; // FNV-1a
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const arrival = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 3 + (hash % 24), 9));
  return arrival < today ? arrival : today;
}

/** Vocabularies, synthetic records (once) and the figures. */
export async function seedNeeds(strapi: Core.Strapi, data: SeedData, today: Date, people?: number): Promise<{ records: number }> {
  for (const [uid, items] of [['api::need-category.need-category', NEED_CATEGORIES], ['api::need-service.need-service', NEED_SERVICES]] as const) {
    const docs = strapi.documents(uid);
    for (const item of items) {
      if ((await docs.count({ filters: { slug: item.slug } } as never)) > 0) continue;
      const themes = 'themes' in item
        ? ((await strapi.documents('api::theme.theme').findMany({ filters: { slug: { $in: [...item.themes] } }, fields: ['documentId'], locale: 'it' } as never)) as { documentId: string }[]).map((t) => t.documentId)
        : undefined;
      await docs.create({ data: { name: item.name, slug: item.slug, ...(themes ? { themes } : {}) } } as never);
    }
  }
  const ops = strapi.service(NEED_RECORD) as unknown as NeedOps;
  let records = 0;
  if ((await strapi.db.query(NEED_RECORD).count()) === 0) {
    for (const [slug, rows] of syntheticRecords(data, today, people)) if (rows.length > 0) records += await ops.storeRecordsFor(slug, rows, (month) => syntheticArrival(slug, month, today));
  }
  await ops.computeFigures(today);
  return { records };
}
