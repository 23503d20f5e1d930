/**
 * Where need records live, read and written in bulk with the query builder on Strapi's own tables
 * (a month of a partner is thousands of rows: one document-service call each would take minutes). The
 * table and join-table names come from Strapi's metadata, never written here.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { NeedRelease } from '@coesione/model';

export const NEED_RECORD = 'api::need-record.need-record';
export const NEED_CATEGORY = 'api::need-category.need-category';
export const NEED_SERVICE = 'api::need-service.need-service';
export const NEED_FIGURE = 'api::need-figure.need-figure';
export const NEED_AUDIT = 'api::need-audit.need-audit';
const MUNICIPALITY = 'api::municipality.municipality';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}
interface Meta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable }>;
}

const meta = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid) as unknown as Meta;
const column = (m: Meta, name: string) => m.attributes[name]?.columnName ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function join(m: Meta, name: string): JoinTable {
  const table = m.attributes[name]?.joinTable;
  if (!table) throw new Error(`${m.tableName}.${name} has no join table`);
  return table;
}

/** A Strapi-like documentId (24 lowercase letters and digits). */
const documentId = () => randomBytes(18).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 24);

export interface StoredRecord {
  month: string;
  municipality: number | null;
  ageBand: string;
  household: string;
  sex: string;
  citizenship: string;
  categories: number[];
  services: number[];
  socialServiceInvolved: boolean;
  personKey: string | null;
  organization: number;
  createdBy: number | null;
  /** How the record first came in; an import writes `importazione`, an undo puts back what was there. */
  source?: 'manuale' | 'importazione';
}

const CHUNK = 400;

/** The organisation's records per month, for the given months (those absent have none). */
export async function countMonths(strapi: Core.Strapi, trx: Knex | Knex.Transaction, organization: number, months: readonly string[]): Promise<Map<string, number>> {
  const m = meta(strapi, NEED_RECORD);
  const org = join(m, 'organization');
  const month = `${m.tableName}.${column(m, 'month')}`;
  const rows = (await trx(m.tableName)
    .join(org.name, `${org.name}.${org.joinColumn.name}`, `${m.tableName}.id`)
    .where(`${org.name}.${org.inverseJoinColumn.name}`, organization)
    .whereIn(month, [...months])
    .groupBy(month)
    .select({ month })
    .count({ n: `${m.tableName}.id` })) as { month: string; n: number | string }[];
  return new Map(rows.map((r) => [r.month, Number(r.n)]));
}

/**
 * The organisation's records of `months` as `replaceMonths` writes them (codes, relation ids, the person
 * key, never a code in clear): what an import replaces, kept so that the partner can undo it.
 */
export async function snapshotMonths(strapi: Core.Strapi, trx: Knex.Transaction, organization: number, months: readonly string[]): Promise<StoredRecord[]> {
  const m = meta(strapi, NEED_RECORD);
  const org = join(m, 'organization');
  const c = (name: string) => `${m.tableName}.${column(m, name)}`;
  const rows = (await trx(m.tableName)
    .join(org.name, `${org.name}.${org.joinColumn.name}`, `${m.tableName}.id`)
    .where(`${org.name}.${org.inverseJoinColumn.name}`, organization)
    .whereIn(c('month'), [...months])
    .select({ id: `${m.tableName}.id`, month: c('month'), ageBand: c('ageBand'), household: c('household'), sex: c('sex'), citizenship: c('citizenship'), social: c('socialServiceInvolved'), personKey: c('personKey'), source: c('source') })
    .orderBy(`${m.tableName}.id`)) as { id: number; month: string; ageBand: string; household: string; sex: string; citizenship: string; social: number | boolean; personKey: string | null; source: 'manuale' | 'importazione' }[];
  const links = async (field: string): Promise<Map<number, number[]>> => {
    const out = new Map<number, number[]>();
    const t = m.attributes[field]?.joinTable;
    if (!t) return out;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const ids = rows.slice(i, i + CHUNK).map((r) => r.id);
      const q = trx(t.name).whereIn(t.joinColumn.name, ids).select({ record: t.joinColumn.name, target: t.inverseJoinColumn.name });
      const found = (await (t.orderColumnName ? q.orderBy(t.orderColumnName) : q)) as { record: number; target: number }[];
      for (const l of found) (out.get(l.record) ?? out.set(l.record, []).get(l.record)!).push(l.target);
    }
    return out;
  };
  const [municipality, categories, services, createdBy] = [await links('municipality'), await links('categories'), await links('services'), await links('createdBy')];
  return rows.map((r) => ({
    month: r.month, municipality: municipality.get(r.id)?.[0] ?? null, ageBand: r.ageBand, household: r.household, sex: r.sex, citizenship: r.citizenship,
    categories: categories.get(r.id) ?? [], services: services.get(r.id) ?? [], socialServiceInvolved: Boolean(r.social), personKey: r.personKey,
    organization, createdBy: createdBy.get(r.id)?.[0] ?? null, source: r.source,
  }));
}

/** A datetime as the database gives it back: a Date, an ISO string, or (SQLite) milliseconds. */
const dateOf = (value: unknown): Date => (value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number)));

/** When each organisation's records of each month first came in (completeness.ts). */
export async function submissions(strapi: Core.Strapi): Promise<{ organization: number; month: string; firstAt: Date }[]> {
  const m = meta(strapi, NEED_RECORD);
  const org = join(m, 'organization');
  const month = `${m.tableName}.${column(m, 'month')}`;
  const organization = `${org.name}.${org.inverseJoinColumn.name}`;
  const rows = (await strapi.db
    .connection(m.tableName)
    .join(org.name, `${org.name}.${org.joinColumn.name}`, `${m.tableName}.id`)
    .groupBy(organization, month)
    .select({ organization, month })
    .min({ firstAt: `${m.tableName}.${column(m, 'createdAt')}` })) as { organization: number | string; month: string; firstAt: unknown }[];
  return rows.map((r) => ({ organization: Number(r.organization), month: r.month, firstAt: dateOf(r.firstAt) }));
}

/**
 * Replaces, inside the caller's transaction, the organisation's records of the given months with
 * `records`: re-importing a month replaces it, nothing is counted twice. The new records keep the month's
 * first arrival as `createdAt` (a correction does not make a month that came in on time late), or
 * `receivedAt` when given (the seed's synthetic history).
 */
export async function replaceMonths(strapi: Core.Strapi, trx: Knex.Transaction, organization: number, months: string[], records: StoredRecord[], receivedAt?: (month: string) => Date): Promise<{ deleted: number }> {
  const m = meta(strapi, NEED_RECORD);
  const org = join(m, 'organization');
  const firstIn = new Map(
    ((await trx(m.tableName)
      .join(org.name, `${org.name}.${org.joinColumn.name}`, `${m.tableName}.id`)
      .where(`${org.name}.${org.inverseJoinColumn.name}`, organization)
      .whereIn(`${m.tableName}.${column(m, 'month')}`, months)
      .groupBy(`${m.tableName}.${column(m, 'month')}`)
      .select({ month: `${m.tableName}.${column(m, 'month')}` })
      .min({ firstAt: `${m.tableName}.${column(m, 'createdAt')}` })) as { month: string; firstAt: unknown }[]).map((r) => [r.month, dateOf(r.firstAt)]),
  );
  const ids = (await trx(m.tableName)
    .join(org.name, `${org.name}.${org.joinColumn.name}`, `${m.tableName}.id`)
    .where(`${org.name}.${org.inverseJoinColumn.name}`, organization)
    .whereIn(`${m.tableName}.${column(m, 'month')}`, months)
    .select(`${m.tableName}.id`)) as { id: number }[];
  const links = ['organization', 'municipality', 'categories', 'services', 'createdBy', 'updatedBy'].map((f) => m.attributes[f]?.joinTable).filter((t): t is JoinTable => Boolean(t));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK).map((r) => r.id);
    for (const link of links) await trx(link.name).whereIn(link.joinColumn.name, chunk).delete();
    await trx(m.tableName).whereIn('id', chunk).delete();
  }
  const now = new Date();
  const c = (name: string) => column(m, name);
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    const rows = chunk.map((r) => ({
      [c('documentId')]: documentId(),
      [c('month')]: r.month,
      [c('ageBand')]: r.ageBand,
      [c('household')]: r.household,
      [c('sex')]: r.sex,
      [c('citizenship')]: r.citizenship,
      [c('socialServiceInvolved')]: r.socialServiceInvolved,
      [c('personKey')]: r.personKey,
      [c('source')]: r.source ?? 'importazione',
      [c('createdAt')]: firstIn.get(r.month) ?? receivedAt?.(r.month) ?? now,
      [c('updatedAt')]: now,
      [c('publishedAt')]: now,
    }));
    const inserted = (await trx(m.tableName).insert(rows).returning('id')) as ({ id: number } | number)[];
    const newIds = inserted.map((r) => (typeof r === 'number' ? r : r.id));
    const links: Record<string, Record<string, unknown>[]> = {};
    const add = (field: string, rowsOf: (r: StoredRecord) => (number | null)[]) => {
      const t = join(m, field);
      const out: Record<string, unknown>[] = [];
      chunk.forEach((r, k) => rowsOf(r).forEach((target, order) => {
        if (target !== null) out.push({ [t.joinColumn.name]: newIds[k], [t.inverseJoinColumn.name]: target, ...(t.orderColumnName ? { [t.orderColumnName]: order + 1 } : {}) });
      }));
      if (out.length > 0) (links[t.name] ??= []).push(...out);
    };
    add('organization', (r) => [r.organization]);
    add('municipality', (r) => [r.municipality]);
    add('categories', (r) => r.categories);
    add('services', (r) => r.services);
    if (m.attributes.createdBy?.joinTable) add('createdBy', (r) => [r.createdBy]);
    if (m.attributes.updatedBy?.joinTable) add('updatedBy', (r) => [r.createdBy]);
    for (const [table, values] of Object.entries(links)) {
      for (let j = 0; j < values.length; j += CHUNK) await trx(table).insert(values.slice(j, j + CHUNK));
    }
  }
  return { deleted: ids.length };
}

/** One record as the aggregation reads it: codes and ids only. */
export interface RecordRow {
  id: number;
  month: string;
  istat: string;
  ageBand: string;
  personKey: string | null;
  organization: number | null;
  categories: string[];
}

/** Every record (or an organisation's), with its comune's ISTAT code and its categories' slugs, in id order. */
export async function readRecords(strapi: Core.Strapi, organization?: number): Promise<RecordRow[]> {
  const knex = strapi.db.connection;
  const m = meta(strapi, NEED_RECORD);
  const mun = meta(strapi, MUNICIPALITY);
  const cat = meta(strapi, NEED_CATEGORY);
  const org = join(m, 'organization');
  const muni = join(m, 'municipality');
  const cats = join(m, 'categories');
  const base = knex(m.tableName)
    .leftJoin(org.name, `${org.name}.${org.joinColumn.name}`, `${m.tableName}.id`)
    .leftJoin(muni.name, `${muni.name}.${muni.joinColumn.name}`, `${m.tableName}.id`)
    .leftJoin(mun.tableName, `${mun.tableName}.id`, `${muni.name}.${muni.inverseJoinColumn.name}`);
  if (organization !== undefined) base.where(`${org.name}.${org.inverseJoinColumn.name}`, organization);
  const rows = (await base
    .select({
      id: `${m.tableName}.id`,
      month: `${m.tableName}.${column(m, 'month')}`,
      ageBand: `${m.tableName}.${column(m, 'ageBand')}`,
      personKey: `${m.tableName}.${column(m, 'personKey')}`,
      organization: `${org.name}.${org.inverseJoinColumn.name}`,
      istat: `${mun.tableName}.${column(mun, 'istatCode')}`,
    })
    .orderBy(`${m.tableName}.id`)) as Omit<RecordRow, 'categories'>[];
  const links = (await knex(cats.name)
    .join(cat.tableName, `${cat.tableName}.id`, `${cats.name}.${cats.inverseJoinColumn.name}`)
    .select({ record: `${cats.name}.${cats.joinColumn.name}`, slug: `${cat.tableName}.${column(cat, 'slug')}` })) as { record: number; slug: string }[];
  const byRecord = new Map<number, string[]>();
  for (const l of links) (byRecord.get(l.record) ?? byRecord.set(l.record, []).get(l.record)!).push(l.slug);
  return rows.map((r) => ({ ...r, categories: byRecord.get(r.id) ?? [] }));
}

/** Deletes the records of months before `month` (retention): link rows first, then the records. */
export async function deleteBefore(strapi: Core.Strapi, month: string): Promise<number> {
  const m = meta(strapi, NEED_RECORD);
  const links = Object.values(m.attributes).map((a) => a.joinTable).filter((t): t is JoinTable => Boolean(t));
  return strapi.db.transaction(async ({ trx }) => {
    const ids = ((await trx(m.tableName).where(column(m, 'month'), '<', month).select('id')) as { id: number }[]).map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      for (const link of links) await trx(link.name).whereIn(link.joinColumn.name, chunk).delete();
      await trx(m.tableName).whereIn('id', chunk).delete();
    }
    return ids.length;
  });
}

/** Replaces every figure not frozen with `releases`, in one transaction (the site never reads half a release). */
export async function replaceFigures(strapi: Core.Strapi, releases: NeedRelease[], frozen: (quarter: string) => boolean, now: Date): Promise<void> {
  const m = meta(strapi, NEED_FIGURE);
  const c = (name: string) => column(m, name);
  await strapi.db.transaction(async ({ trx }) => {
    await trx(m.tableName).where(c('frozen'), false).delete();
    for (const r of releases) {
      await trx(m.tableName).insert({
        [c('documentId')]: documentId(),
        [c('quarter')]: r.quarter,
        [c('level')]: r.level,
        [c('minCell')]: r.minCell,
        [c('quarters')]: r.quarters ?? 1,
        [c('frozen')]: frozen(r.quarter),
        [c('computedAt')]: now,
        [c('cells')]: JSON.stringify(r.cells),
        [c('reporting')]: r.reporting ? JSON.stringify(r.reporting) : null,
        [c('createdAt')]: now,
        [c('updatedAt')]: now,
        [c('publishedAt')]: now,
      });
    }
  });
}
