/**
 * The seats taken at each session, one counter row per session, changed only by conditional updates: a
 * booking takes its seats with `taken = taken + n WHERE taken + n <= capacity` in one statement, so two CMS
 * processes and any number of concurrent bookings can never give more seats than exist (on SQLite the
 * database serialises writes; on PostgreSQL the row is locked for the update).
 */
import type { Knex } from 'knex';
import { isUniqueViolation, tableOnce } from '../../platform/coordination/tables';

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

export const CONTACTS_TABLE = 'coesione_booking_contacts';

/**
 * Who holds an active booking at each session, by keyed hashes of their e-mail and phone: one row per
 * session and hash, under a primary key, so two bookings of the same person sent at the same moment (two
 * tabs, two processes) cannot both pass; the database refuses the second. A booking's rows go when it
 * stops being active (cancelled, its offer expired) and with the session's counters.
 */
export interface ContactClaims {
  /** Claims the session for these contacts, for the booking of `nonce`; false when one of them holds it already. */
  claim(key: string, hashes: readonly string[], nonce: string): Promise<boolean>;
  /** Whether one of these contacts holds the session (the early check, before the confirmation page). */
  held(key: string, hashes: readonly string[]): Promise<boolean>;
  /** Frees the claims of the booking of `nonce`. */
  release(nonce: string): Promise<void>;
  /** Drops the claims of sessions cancelled or past. */
  forget(keys: readonly string[]): Promise<void>;
}

export function contactClaims(knex: () => Knex): ContactClaims {
  const ready = tableOnce(knex, CONTACTS_TABLE, (t) => {
    t.string('session_key', 80).notNullable();
    t.string('contact_hash', 64).notNullable();
    t.string('link_nonce', 22).notNullable().index();
    t.primary(['session_key', 'contact_hash']);
  });
  return {
    async claim(key, hashes, nonce) {
      await ready();
      try {
        // One statement: all the rows or none.
        await knex()(CONTACTS_TABLE).insert(hashes.map((hash) => ({ session_key: key, contact_hash: hash, link_nonce: nonce })));
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async held(key, hashes) {
      await ready();
      return Boolean(await knex()(CONTACTS_TABLE).where('session_key', key).whereIn('contact_hash', [...hashes]).first('session_key'));
    },
    async release(nonce) {
      await ready();
      await knex()(CONTACTS_TABLE).where('link_nonce', nonce).delete();
    },
    async forget(keys) {
      await ready();
      if (keys.length > 0) await knex()(CONTACTS_TABLE).whereIn('session_key', [...keys]).delete();
    },
  };
}
