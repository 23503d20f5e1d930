/**
 * Each admin user's choice of the daily e-mail, in a small table of the CMS's own (one row per user who
 * chose; no row: the default). Keyed by the admin user's id; a user deleted leaves a row no one reads.
 */
import type { Knex } from 'knex';
import { tableOnce } from '../../platform/coordination/tables';
import { DEFAULT_QUEUE_MAIL, QUEUE_MAIL_CHOICES, type QueueMailChoice } from './contract';

export const PREFERENCES_TABLE = 'coesione_queue_mail_prefs';

export const isChoice = (value: unknown): value is QueueMailChoice => typeof value === 'string' && (QUEUE_MAIL_CHOICES as readonly string[]).includes(value);

export interface Preferences {
  /** The user's choice, and whether it is theirs (false: the default). */
  of(userId: number): Promise<{ choice: QueueMailChoice; chosen: boolean }>;
  set(userId: number, choice: QueueMailChoice): Promise<void>;
  /** The users who chose `mai`. */
  opted(): Promise<Set<number>>;
}

export function preferences(knex: () => Knex): Preferences {
  const ready = tableOnce(knex, PREFERENCES_TABLE, (t) => {
    t.integer('user_id').primary();
    t.string('choice', 20).notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  return {
    async of(userId) {
      await ready();
      const row = (await knex()(PREFERENCES_TABLE).where({ user_id: userId }).first('choice')) as { choice: string } | undefined;
      return row && isChoice(row.choice) ? { choice: row.choice, chosen: true } : { choice: DEFAULT_QUEUE_MAIL, chosen: false };
    },
    async set(userId, choice) {
      await ready();
      await knex()(PREFERENCES_TABLE).insert({ user_id: userId, choice, updated_at: Date.now() }).onConflict('user_id').merge();
    },
    async opted() {
      await ready();
      const rows = (await knex()(PREFERENCES_TABLE).where({ choice: 'mai' }).select('user_id')) as { user_id: number | string }[];
      return new Set(rows.map((r) => Number(r.user_id)));
    },
  };
}
