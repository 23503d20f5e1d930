/**
 * The seats taken at each session, one counter row per session, changed only by conditional updates: a
 * booking takes its seats with `taken = taken + n WHERE taken + n <= capacity` in one statement, so two CMS
 * processes and any number of concurrent bookings can never give more seats than exist (on SQLite the
 * database serialises writes; on PostgreSQL the row is locked for the update).
 */
import type { Knex } from 'knex';
import { tableOnce } from '../../platform/coordination/tables';

export const SEATS_TABLE = 'coesione_session_seats';

export interface SeatCounter {
  /** Takes `seats` at `key` if they fit under `capacity`; true when taken. */
  take(key: string, seats: number, capacity: number): Promise<boolean>;
  /** Gives `seats` back at `key`. */
  release(key: string, seats: number): Promise<void>;
  /** Drops the counters of past sessions. */
  forget(keys: readonly string[]): Promise<void>;
  /** Seats taken per key (0 for a key never booked). */
  taken(keys: readonly string[]): Promise<Map<string, number>>;
}

export function seatCounter(knex: () => Knex): SeatCounter {
  const ready = tableOnce(knex, SEATS_TABLE, (t) => {
    t.string('session_key', 80).primary();
    t.integer('taken').notNullable().defaultTo(0);
  });
  return {
    async take(key, seats, capacity) {
      await ready();
      await knex()(SEATS_TABLE).insert({ session_key: key, taken: 0 }).onConflict('session_key').ignore();
      const changed = await knex()(SEATS_TABLE)
        .where('session_key', key)
        .andWhere(knex().raw('taken + ? <= ?', [seats, capacity]))
        .increment('taken', seats);
      return Number(changed) === 1;
    },
    async release(key, seats) {
      await ready();
      await knex()(SEATS_TABLE).where('session_key', key).andWhere('taken', '>=', seats).decrement('taken', seats);
    },
    async forget(keys) {
      await ready();
      if (keys.length > 0) await knex()(SEATS_TABLE).whereIn('session_key', [...keys]).delete();
    },
    async taken(keys) {
      await ready();
      const rows = keys.length === 0 ? [] : ((await knex()(SEATS_TABLE).whereIn('session_key', [...keys]).select('session_key', 'taken')) as { session_key: string; taken: number }[]);
      const result = new Map(keys.map((key) => [key, 0]));
      for (const row of rows) result.set(row.session_key, Number(row.taken));
      return result;
    },
  };
}
