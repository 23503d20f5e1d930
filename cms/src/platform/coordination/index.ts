/**
 * Work that several CMS processes on one database must do once, not once per process:
 *
 * - `exclusive`: one pass at a time across processes (the search outbox). On PostgreSQL a transaction-
 *   level advisory lock, tried without waiting: the process that holds it does the pass, the others skip
 *   theirs, and the lock goes with the transaction, so a process killed mid-pass frees it at once. SQLite
 *   is one process's database (docs/operations.md, "Several CMS processes, crashes"): there the pass just
 *   runs (the worker never overlaps itself).
 * - `claimRun`: the one process that claims a run of a job (the daily need job, by date) does it; a
 *   primary key on (job, run) decides, on either database.
 * - `debounce`: a due time kept in the database, pushed later by every request; whichever process finds
 *   it due first clears it and acts (the site-rebuild hook: one build per quiet period, whoever was asked).
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { isPostgres, isUniqueViolation, tableOnce } from './tables';

export const JOB_RUN_TABLE = 'coesione_job_runs';
export const SCHEDULE_TABLE = 'coesione_schedules';

/** Advisory locks are keyed by two integers: this namespace, and a hash of the pass's name. */
const LOCK_NAMESPACE = 0x636f6573; // "coes"
const lockKey = (name: string): number => crypto.createHash('sha256').update(name).digest().readInt32BE(0);

/** Runs `task` unless another process is running the pass `name` now; undefined when skipped. */
export async function exclusive<T>(knex: Knex, name: string, task: () => Promise<T>): Promise<T | undefined> {
  if (!isPostgres(knex)) return task();
  return knex.transaction(async (trx) => {
    const { rows } = (await trx.raw('SELECT pg_try_advisory_xact_lock(?, ?) AS locked', [LOCK_NAMESPACE, lockKey(name)])) as { rows: { locked: boolean }[] };
    return rows[0]?.locked ? task() : undefined;
  });
}

/** When the debounced `job` falls due (ms since the epoch), or null when nothing is waiting. */
export async function dueAt(knex: Knex, job: string): Promise<number | null> {
  if (!(await knex.schema.hasTable(SCHEDULE_TABLE))) return null;
  const row = (await knex(SCHEDULE_TABLE).where({ job }).first('due_at')) as { due_at: number | string | null } | undefined;
  return row?.due_at == null ? null : Number(row.due_at);
}

export interface Coordination {
  /** True for the one process that claims `run` of `job`; false for every other, on any process. */
  claimRun(job: string, run: string): Promise<boolean>;
  /**
   * Asks for `job` in `delayMs`, pushing back a request not yet acted on; `act` runs once per quiet
   * period, on whichever process finds the job due first.
   */
  debounce(job: string, delayMs: number, act: () => Promise<void>): void;
}

export function databaseCoordination(knex: () => Knex, log: { warn(message: string): void }, now: () => number = Date.now): Coordination {
  const runs = tableOnce(knex, JOB_RUN_TABLE, (t) => {
    t.string('job', 64).notNullable();
    t.string('run', 64).notNullable();
    t.bigInteger('claimed_at').notNullable();
    t.primary(['job', 'run']);
  });
  const schedules = tableOnce(knex, SCHEDULE_TABLE, (t) => {
    t.string('job', 64).primary();
    t.bigInteger('due_at').nullable();
  });
  const timers = new Map<string, NodeJS.Timeout>();
  const failed = (job: string) => (error: unknown) => log.warn(`${job}: ${error instanceof Error ? error.message : String(error)}`);
  const wake = (job: string, inMs: number, act: () => Promise<void>) => {
    clearTimeout(timers.get(job));
    const timer = setTimeout(() => void check(job, act).catch(failed(job)), Math.max(0, inMs));
    timer.unref();
    timers.set(job, timer);
  };
  const check = async (job: string, act: () => Promise<void>): Promise<void> => {
    await schedules();
    const at = now();
    const claimed = await knex()(SCHEDULE_TABLE).where({ job }).andWhere('due_at', '<=', at).update({ due_at: null });
    if (claimed > 0) return act();
    // Pushed back by a later request (perhaps on another process): look again when it falls due.
    const row = (await knex()(SCHEDULE_TABLE).where({ job }).first('due_at')) as { due_at: number | string | null } | undefined;
    if (row?.due_at != null) wake(job, Number(row.due_at) - at, act);
  };
  return {
    async claimRun(job, run) {
      await runs();
      try {
        await knex()(JOB_RUN_TABLE).insert({ job, run, claimed_at: now() });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    debounce(job, delayMs, act) {
      void (async () => {
        await schedules();
        await knex()(SCHEDULE_TABLE).insert({ job, due_at: now() + delayMs }).onConflict('job').merge();
        wake(job, delayMs, act);
      })().catch(failed(job));
    },
  };
}

/** One process, in memory (unit tests). */
export function memoryCoordination(): Coordination {
  const claimed = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    async claimRun(job, run) {
      const key = `${job}|${run}`;
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    },
    debounce(job, delayMs, act) {
      clearTimeout(timers.get(job));
      const timer = setTimeout(() => void act(), delayMs);
      timer.unref();
      timers.set(job, timer);
    },
  };
}
