/**
 * The `search_outbox` table: changes the CMS has made and Meilisearch has not yet confirmed. Every read
 * and write of it is here, so the recorder and the worker agree on its shape.
 */
import { uidOf } from '@coesione/model';
import type { SearchHost } from './host';

export const OUTBOX = uidOf('search-outbox');

export type Operation = 'upsert' | 'delete';

export interface Change {
  contentType: string;
  entryId: string;
  entryLocale: string;
  operation: Operation;
}

export interface OutboxRow extends Change {
  id: number;
  attempts: number | null;
}

type Db = Pick<SearchHost, 'db'>;

/** The key of the entry a change is about: several changes to one entry are settled by one pass. */
export const entryKey = (change: Change): string => `${change.contentType}|${change.entryId}|${change.entryLocale}`;

export async function recordChanges(host: Db, changes: readonly Change[]): Promise<void> {
  for (const data of changes) await host.db.query(OUTBOX).create({ data: { ...data, attempts: 0 } });
}

/** The oldest rows whose backoff has run out (or that never failed). */
export async function dueChanges(host: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  // The table's schema guarantees the row shape; the query engine just does not know it.
  return (await host.db.query(OUTBOX).findMany({
    where: { $or: [{ nextAttemptAt: { $null: true } }, { nextAttemptAt: { $lte: now } }] },
    orderBy: { id: 'asc' },
    limit,
  })) as OutboxRow[];
}

/** Meilisearch confirmed these: forget them. */
export async function settleChanges(host: Db, rows: readonly OutboxRow[]): Promise<void> {
  await host.db.query(OUTBOX).deleteMany({ where: { id: { $in: rows.map((r) => r.id) } } });
}

/** Exponential from one second, capped: an outage of hours costs a retry every `maxBackoffMs`, not a storm. */
export const backoffMs = (attempts: number, maxBackoffMs: number): number => Math.min(maxBackoffMs, 500 * 2 ** Math.min(attempts, 16));

/** Meilisearch refused or was unreachable: keep the rows, count the attempt, try again later. */
export async function postponeChanges(host: Db, rows: readonly OutboxRow[], message: string, maxBackoffMs: number, now: number = Date.now()): Promise<void> {
  for (const row of rows) {
    const attempts = (row.attempts ?? 0) + 1;
    await host.db.query(OUTBOX).update({ where: { id: row.id }, data: { attempts, nextAttemptAt: new Date(now + backoffMs(attempts, maxBackoffMs)), lastError: message } });
  }
}
