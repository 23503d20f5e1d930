/**
 * The CMS's own small tables beside Strapi's (spent tokens, job runs, schedules): created on first use,
 * with IF NOT EXISTS semantics that survive two processes starting at once. Knex's schema builder keeps
 * them portable across SQLite and PostgreSQL; Strapi's schema sync leaves tables it did not create alone.
 */
import type { Knex } from 'knex';

/** A function that makes sure the table exists (once per process; tried again after a failure). */
export function tableOnce(knex: () => Knex, name: string, build: (table: Knex.CreateTableBuilder) => void): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () =>
    (ready ??= (async () => {
      const db = knex();
      if (await db.schema.hasTable(name)) return;
      try {
        await db.schema.createTable(name, build);
      } catch (error) {
        // Another process created it between the check and the create.
        if (!(await db.schema.hasTable(name))) throw error;
      }
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
}

/** A primary key already taken: PostgreSQL's unique violation, SQLite's constraint failure. */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = String((error as { code?: unknown })?.code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

export const isPostgres = (knex: Knex): boolean => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/**
 * SQLite in write-ahead-log mode: a commit is in the log before the CMS answers, so a process killed
 * at any moment loses no acknowledged write, and readers (the site build, the search worker) no longer
 * block the editors' writes. The mode is stored in the database file: set once, kept ever after.
 */
export async function useWriteAheadLog(knex: Knex): Promise<void> {
  if (isPostgres(knex)) return;
  await knex.raw('PRAGMA journal_mode = WAL');
}
