/**
 * A small fake of Strapi for the unit tests of our document-service middlewares, so they run in
 * milliseconds instead of booting Strapi (test/ does that, against a real database and Meilisearch).
 *
 * - `documents.use(mw)` collects middlewares; `run(context)` drives them in registration order, as
 *   Strapi's middleware manager does, ending in a service call that is recorded in `calls` (a snapshot
 *   of the params as they reached it) and answered by `service` (by default, the written entry);
 * - `db.query(uid)` and `documents(uid)` read and write one in-memory table per uid (`table(uid)`), the
 *   document service adding what Strapi adds: draft or published (`publishedAt`) and locales;
 * - `getModel` answers from the real schemas under cms/src, so a test sees the fields editors see;
 * - `log` keeps what was logged; `fail(uid, method)` makes that method reject, to test what a broken
 *   dependency does.
 *
 * It is typed as every host our modules declare, so the compiler keeps it faithful to what they use.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { UID } from '@strapi/strapi';
import type { ContentGuardHost } from '../src/platform/content-guard';
import type { PartnerHost } from '../src/platform/partners';
import { isRecord, type Attribute, type DocumentContext, type DocumentParams, type DocumentResult, type Model } from '../src/platform/published-change';
import type { RebuildHookHost } from '../src/platform/site/rebuild-hook';
import type { SearchHost } from '../src/features/search-sync/host';

type Row = Record<string, unknown>;

export interface FakeRepository {
  findOne(params: object): Promise<Row | null>;
  findMany(params: object): Promise<Row[]>;
  count(params?: object): Promise<number>;
  create(params: { data: Record<string, unknown> }): Promise<Row>;
  update(params: { where: object; data: Record<string, unknown> }): Promise<Row | null>;
  delete(params: { where: object }): Promise<Row | null>;
  deleteMany(params: { where: object }): Promise<{ count: number }>;
}

export interface FakeCall {
  uid: string;
  action: string;
  params: DocumentParams;
}

export interface FakeControls {
  /** Drives the registered middlewares as the document service would, for one call. */
  run(context: FakeCall, service?: (context: DocumentContext) => DocumentResult | Promise<DocumentResult>): Promise<DocumentResult>;
  /** The calls that got through every middleware to the service. */
  calls: FakeCall[];
  logs: { error: string[]; warn: string[]; info: string[] };
  /** The rows of `uid`, shared by `db.query(uid)` and `documents(uid)`; tests seed and inspect it. */
  table(uid: string): Row[];
  fail(uid: string, method: string, error?: Error): void;
}

export type FakeStrapi = SearchHost & PartnerHost & ContentGuardHost & RebuildHookHost & FakeControls & {
  db: { query(uid: string): FakeRepository };
};

export interface FakeStrapiOptions {
  /** Content types and components by uid; the real schemas by default. */
  models?: Record<string, Model>;
  /** Locale codes, the default first. */
  locales?: string[];
}

export function createFakeStrapi(options: FakeStrapiOptions = {}): FakeStrapi {
  const models = options.models ?? realModels();
  const locales = options.locales ?? ['it'];
  const tables = new Map<string, Row[]>();
  const failures = new Map<string, Error>();
  const middlewares: Array<(context: DocumentContext, next: () => Promise<DocumentResult>) => Promise<DocumentResult>> = [];
  const calls: FakeCall[] = [];
  const logs: FakeControls['logs'] = { error: [], warn: [], info: [] };
  let lastId = 0;

  const table = (uid: string): Row[] => {
    const rows = tables.get(uid) ?? [];
    tables.set(uid, rows);
    return rows;
  };
  const check = async (uid: string, method: string) => {
    const error = failures.get(`${uid}#${method}`);
    if (error) throw error;
  };
  const copy = (row: Row): Row => structuredClone(row);

  const query = (uid: string): FakeRepository => {
    const rows = table(uid);
    const where = (params: object | undefined) => (isRecord(params) ? params.where : undefined);
    const matching = (params: object | undefined) => rows.filter((row) => matches(row, where(params)));
    return {
      async findOne(params) {
        await check(uid, 'findOne');
        const row = matching(params)[0];
        return row ? copy(row) : null;
      },
      async findMany(params) {
        await check(uid, 'findMany');
        return page(sorted(matching(params), isRecord(params) ? params.orderBy : undefined), params).map(copy);
      },
      async count(params) {
        await check(uid, 'count');
        return matching(params).length;
      },
      async create({ data }) {
        await check(uid, 'create');
        const row = { id: ++lastId, ...data };
        rows.push(row);
        return copy(row);
      },
      async update(params) {
        await check(uid, 'update');
        const row = matching(params)[0];
        if (!row) return null;
        Object.assign(row, params.data);
        return copy(row);
      },
      async delete(params) {
        await check(uid, 'delete');
        const row = matching(params)[0];
        if (!row) return null;
        rows.splice(rows.indexOf(row), 1);
        return copy(row);
      },
      async deleteMany(params) {
        await check(uid, 'deleteMany');
        const doomed = matching(params);
        for (const row of doomed) rows.splice(rows.indexOf(row), 1);
        return { count: doomed.length };
      },
    };
  };

  /** The versions a document-service read sees: draft (Strapi's default) or published, in one locale or all. */
  const versions = (uid: string, params: object): Row[] => {
    const p: Row = isRecord(params) ? params : {};
    const published = p.status === 'published';
    const locale = p.locale ?? locales[0];
    return table(uid).filter(
      (row) =>
        (row.publishedAt != null) === published &&
        (locale === '*' || row.locale === undefined || row.locale === locale) &&
        (p.documentId === undefined || row.documentId === p.documentId) &&
        matches(row, p.filters),
    );
  };
  const pick = (row: Row, fields: unknown): Row =>
    Array.isArray(fields) ? Object.fromEntries(Object.entries(row).filter(([key]) => key === 'id' || key === 'documentId' || fields.includes(key))) : copy(row);

  const documents = Object.assign(
    (uid: UID.ContentType) => ({
      async findOne(params: object) {
        await check(uid, 'findOne');
        const row = versions(uid, params)[0];
        return row ? pick(row, isRecord(params) ? params.fields : undefined) : null;
      },
      async findMany(params: object) {
        await check(uid, 'findMany');
        return page(versions(uid, params), params).map((row) => pick(row, isRecord(params) ? params.fields : undefined));
      },
    }),
    {
      use(middleware: (context: DocumentContext, next: () => Promise<DocumentResult>) => Promise<DocumentResult>) {
        middlewares.push(middleware);
        return () => middlewares.splice(middlewares.indexOf(middleware), 1);
      },
    },
  );

  const writtenEntry = (context: DocumentContext): DocumentResult => {
    const documentId = typeof context.params.documentId === 'string' ? context.params.documentId : `doc-${++lastId}`;
    return { id: ++lastId, documentId };
  };

  return {
    documents,
    db: { query },
    getModel(uid: string): Model {
      const model = models[uid];
      if (!model) throw new Error(`fake Strapi: no model ${uid}`);
      return model;
    },
    log: {
      error: (message: string) => void logs.error.push(message),
      warn: (message: string) => void logs.warn.push(message),
      info: (message: string) => void logs.info.push(message),
    },
    plugin: () => ({
      service: () => ({
        find: async () => locales.map((code) => ({ code })),
        getDefaultLocale: async () => locales[0],
      }),
    }),
    async run(call, service = writtenEntry) {
      const context: DocumentContext = { uid: call.uid, action: call.action, params: call.params };
      let index = 0;
      const next = async (): Promise<DocumentResult> => {
        const middleware = middlewares[index++];
        if (middleware) return middleware(context, next);
        calls.push(structuredClone({ uid: context.uid, action: context.action, params: context.params }));
        return service(context);
      };
      return next();
    },
    calls,
    logs,
    table,
    fail(uid, method, error = new Error(`${uid} ${method} failed`)) {
      failures.set(`${uid}#${method}`, error);
    },
  };
}

const comparable = (value: unknown): unknown => (value instanceof Date ? value.getTime() : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : value);

/** Negative, zero or positive as `x` sorts before, with or after `y`; undefined when they do not compare. */
function order(x: unknown, y: unknown): number | undefined {
  const a = comparable(x);
  const b = comparable(y);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** The subset of Strapi's filter operators our modules use; a field holding a list matches if any item does. */
export function matches(value: unknown, condition: unknown): boolean {
  if (condition === undefined) return true;
  if (!isRecord(condition) || condition instanceof Date) return comparable(value) === comparable(condition);
  return Object.entries(condition).every(([key, operand]) => {
    switch (key) {
      case '$or':
        return Array.isArray(operand) && operand.some((c) => matches(value, c));
      case '$and':
        return Array.isArray(operand) && operand.every((c) => matches(value, c));
      case '$not':
        return !matches(value, operand);
      case '$eq':
        return comparable(value) === comparable(operand);
      case '$ne':
        return comparable(value) !== comparable(operand);
      case '$eqi':
        return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase() === operand.toLowerCase();
      case '$in':
        return Array.isArray(operand) && operand.some((o) => comparable(o) === comparable(value));
      case '$null':
        return (value === null || value === undefined) === Boolean(operand);
      case '$notNull':
        return (value !== null && value !== undefined) === Boolean(operand);
      case '$lt':
        return (order(value, operand) ?? NaN) < 0;
      case '$lte':
        return (order(value, operand) ?? NaN) <= 0;
      case '$gt':
        return (order(value, operand) ?? NaN) > 0;
      case '$gte':
        return (order(value, operand) ?? NaN) >= 0;
      default: {
        if (key.startsWith('$')) throw new Error(`fake Strapi: operator ${key} is not faked`);
        const field = isRecord(value) ? value[key] : undefined;
        return Array.isArray(field) ? field.some((item) => matches(item, operand)) : matches(field, operand);
      }
    }
  });
}

function sorted(rows: Row[], orderBy: unknown): Row[] {
  if (!isRecord(orderBy)) return rows;
  const [[key, direction] = []] = Object.entries(orderBy);
  if (!key) return rows;
  const sign = direction === 'desc' ? -1 : 1;
  return [...rows].sort((x, y) => sign * (order(x[key], y[key]) ?? 0));
}

function page(rows: Row[], params: object): Row[] {
  const p: Row = isRecord(params) ? params : {};
  const offset = typeof p.offset === 'number' ? p.offset : typeof p.start === 'number' ? p.start : 0;
  return typeof p.limit === 'number' ? rows.slice(offset, offset + p.limit) : rows.slice(offset);
}

const SRC = path.resolve(__dirname, '..', 'src');

function toModel(json: unknown, file: string): Model {
  if (!isRecord(json) || !isRecord(json.attributes)) throw new Error(`fake Strapi: ${file} has no attributes`);
  const attributes: Record<string, Attribute> = {};
  for (const [name, attribute] of Object.entries(json.attributes)) {
    if (!isRecord(attribute) || typeof attribute.type !== 'string') throw new Error(`fake Strapi: ${file} ${name} has no type`);
    attributes[name] = { ...attribute, type: attribute.type };
  }
  const draftAndPublish = isRecord(json.options) && json.options.draftAndPublish === true;
  return { attributes, options: { draftAndPublish } };
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The content types and components as Strapi loads them from cms/src (uids from the folder names). */
export function realModels(src: string = SRC): Record<string, Model> {
  const models: Record<string, Model> = {};
  for (const api of fs.readdirSync(path.join(src, 'api'))) {
    const types = path.join(src, 'api', api, 'content-types');
    if (!fs.existsSync(types)) continue;
    for (const name of fs.readdirSync(types)) {
      const file = path.join(types, name, 'schema.json');
      if (fs.existsSync(file)) models[`api::${api}.${name}`] = toModel(readJson(file), file);
    }
  }
  const components = path.join(src, 'components');
  for (const category of fs.existsSync(components) ? fs.readdirSync(components) : []) {
    for (const name of fs.readdirSync(path.join(components, category))) {
      if (name.endsWith('.json')) models[`${category}.${name.slice(0, -'.json'.length)}`] = toModel(readJson(path.join(components, category, name)), name);
    }
  }
  return models;
}
