/**
 * The undo of a partner's last import: the records an import replaced, kept for UNDO_HOURS or until the
 * organisation's next import, whichever comes first (one per organisation: undoing puts back the months as
 * they were just before the last import, never further). What is kept is what the records table holds —
 * codes, relation ids and person keys, never a codice fiscale or a file code — in a small table of the
 * CMS's own beside Strapi's, so that every CMS process on the database sees the same undo.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { UndoInfo } from './contract';
import type { StoredRecord } from './store';

export const UNDO_TABLE = 'coesione_need_undo';
export const UNDO_HOURS = 24;

const ready = new WeakMap<Knex, Promise<void>>();

/**
 * Creates the table on first use on this database (two processes starting at once both survive). Called
 * before a transaction opens: SQLite's single connection would wait on itself from inside one.
 */
export function ensureUndoTable(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  let done = ready.get(knex);
  if (!done) {
    done = (async () => {
      if (await knex.schema.hasTable(UNDO_TABLE)) return;
      try {
        await knex.schema.createTable(UNDO_TABLE, (t) => {
          t.integer('organization').primary();
          t.integer('actor').notNullable();
          t.text('months').notNullable();
          t.text('records').notNullable();
          t.integer('imported').notNullable();
          t.bigInteger('imported_at').notNullable();
          t.bigInteger('expires_at').notNullable();
        });
      } catch (error) {
        if (!(await knex.schema.hasTable(UNDO_TABLE))) throw error;
      }
    })().catch((error: unknown) => {
      ready.delete(knex);
      throw error;
    });
    ready.set(knex, done);
  }
  return done;
}

interface Row {
  organization: number;
  actor: number;
  months: string;
  records: string;
  imported: number;
  imported_at: number | string;
  expires_at: number | string;
}

/** Keeps, in the import's transaction, what it replaces: the organisation's previous undo goes (ensureUndoTable first). */
export async function keepForUndo(strapi: Core.Strapi, trx: Knex.Transaction, entry: { organization: number; actor: number; months: string[]; replaced: StoredRecord[]; imported: number; now: Date }): Promise<UndoInfo> {
  const at = entry.now.getTime();
  const until = at + UNDO_HOURS * 3_600_000;
  await trx(UNDO_TABLE).where({ organization: entry.organization }).delete();
  await trx(UNDO_TABLE).insert({ organization: entry.organization, actor: entry.actor, months: JSON.stringify(entry.months), records: JSON.stringify(entry.replaced), imported: entry.imported, imported_at: at, expires_at: until });
  return { months: entry.months, imported: entry.imported, replaced: entry.replaced.length, importedAt: new Date(at).toISOString(), until: new Date(until).toISOString() };
}

const info = (row: Row): UndoInfo => ({
  months: JSON.parse(row.months) as string[],
  imported: Number(row.imported),
  replaced: (JSON.parse(row.records) as unknown[]).length,
  importedAt: new Date(Number(row.imported_at)).toISOString(),
  until: new Date(Number(row.expires_at)).toISOString(),
});

/** The organisation's undo still open, if any. */
export async function pendingUndo(strapi: Core.Strapi, organization: number, now: Date): Promise<UndoInfo | undefined> {
  await ensureUndoTable(strapi);
  const row = (await strapi.db.connection(UNDO_TABLE).where({ organization }).andWhere('expires_at', '>', now.getTime()).first()) as Row | undefined;
  return row ? info(row) : undefined;
}

/** Takes (and removes, inside the undo's transaction) the organisation's open undo (ensureUndoTable first). */
export async function takeUndo(strapi: Core.Strapi, trx: Knex.Transaction, organization: number, now: Date): Promise<(UndoInfo & { records: StoredRecord[] }) | undefined> {
  const row = (await trx(UNDO_TABLE).where({ organization }).andWhere('expires_at', '>', now.getTime()).first()) as Row | undefined;
  if (!row) return undefined;
  await trx(UNDO_TABLE).where({ organization }).delete();
  return { ...info(row), records: JSON.parse(row.records) as StoredRecord[] };
}

/** Drops the undos past their time (the daily job): replaced records are not kept longer than promised. */
export async function purgeExpiredUndo(strapi: Core.Strapi, now: Date): Promise<number> {
  await ensureUndoTable(strapi);
  return strapi.db.connection(UNDO_TABLE).where('expires_at', '<=', now.getTime()).delete();
}
