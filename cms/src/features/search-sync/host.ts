/**
 * What search sync needs of Strapi, and nothing more. `Core.Strapi` satisfies it as it is; so does the
 * fake the unit tests drive, which is why the modules take this rather than the whole of Strapi.
 */
import type { UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { MiddlewareHost, Model } from '../../platform/published-change';

/** Reads through the document service (they see drafts, locales and publication as editors do). */
export interface DocumentReader {
  findOne(params: object): Promise<unknown>;
  findMany(params: object): Promise<unknown>;
}

/** Rows through the query engine, for the outbox table (no draft & publish, no locales). */
export interface Repository {
  findMany(params: object): Promise<unknown>;
  create(params: { data: Record<string, unknown> }): Promise<unknown>;
  update(params: { where: object; data: Record<string, unknown> }): Promise<unknown>;
  deleteMany(params: { where: object }): Promise<unknown>;
}

export interface Log {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

export interface Locales {
  find(): Promise<unknown>;
  getDefaultLocale(): Promise<unknown>;
}

export interface SearchHost extends MiddlewareHost {
  documents: MiddlewareHost['documents'] & { (uid: UID.ContentType): DocumentReader };
  /** `connection`: Strapi's Knex, for the cross-process lock (absent in unit tests). */
  db: { query(uid: string): Repository; connection?: Knex };
  getModel(uid: string): Model;
  log: Log;
  plugin(name: 'i18n'): { service(name: 'locales'): Locales };
}
