/**
 * `GET /api/health` for operators and load balancers: the database, Meilisearch and the search outbox
 * (rows waiting, age of the oldest), with no secret, no address and no content; cached for HEALTH_CACHE_MS
 * (default 5 s) so a busy probe costs one query every few seconds. 200 while the database answers (the
 * CMS takes writes, and the outbox keeps what Meilisearch has not confirmed: «degraded»); 503 when it does not.
 */
import type { Core } from '@strapi/strapi';
import { OUTBOX } from '../search-sync/outbox';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  checkedAt: string;
  database: { ok: boolean; ms: number };
  /** `configured: false` when the CMS runs without Meilisearch (search sync off). */
  search: { configured: boolean; ok: boolean; ms: number | null };
  outbox: { waiting: number | null; oldestSeconds: number | null };
}

const elapsed = (since: bigint) => Math.round(Number(process.hrtime.bigint() - since) / 1e5) / 10;

async function timed<T>(work: () => Promise<T>): Promise<{ ok: boolean; ms: number; value?: T }> {
  const started = process.hrtime.bigint();
  try {
    const value = await work();
    return { ok: true, ms: elapsed(started), value };
  } catch {
    return { ok: false, ms: elapsed(started) };
  }
}

/** Meilisearch's own /health (public, no key), given at most two seconds. */
async function meiliHealthy(url: string): Promise<void> {
  const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`Meilisearch health ${res.status}`);
}

export async function checkHealth(strapi: Core.Strapi, meiliUrl: string | undefined, now = new Date()): Promise<Health> {
  const database = await timed(() => strapi.db.connection.raw('select 1'));
  const outbox = database.ok
    ? await timed(async () => {
        const query = strapi.db.query(OUTBOX);
        const waiting = await query.count({});
        const oldest = waiting > 0 ? ((await query.findOne({ select: ['createdAt'], orderBy: { id: 'asc' } })) as { createdAt?: string | Date } | null) : null;
        return { waiting, oldestSeconds: oldest?.createdAt ? Math.max(0, Math.round((now.getTime() - new Date(oldest.createdAt).getTime()) / 1000)) : null };
      })
    : { ok: false, ms: 0 };
  const search = meiliUrl ? await timed(() => meiliHealthy(meiliUrl)) : undefined;
  const status = !database.ok ? 'down' : (search && !search.ok) || !outbox.ok ? 'degraded' : 'ok';
  return {
    status,
    checkedAt: now.toISOString(),
    database: { ok: database.ok, ms: database.ms },
    search: { configured: Boolean(search), ok: search?.ok ?? false, ms: search?.ms ?? null },
    outbox: outbox.value ?? { waiting: null, oldestSeconds: null },
  };
}

/** One report per `ttlMs`, shared by concurrent callers. */
export function cachedHealth(check: () => Promise<Health>, ttlMs: number): () => Promise<Health> {
  let cached: { at: number; report: Promise<Health> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at >= ttlMs) cached = { at: Date.now(), report: check() };
    return cached.report;
  };
}
