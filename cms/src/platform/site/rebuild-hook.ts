/**
 * Asks for a new build of the static site when published content changes: a POST to
 * SITE_REBUILD_HOOK_URL (a Netlify build hook in production; `npm start`'s own listener locally),
 * debounced so that a burst of publishes costs one build — one for all the CMS processes, the debounce
 * being kept in the database (platform/coordination). The CMS write never waits for it.
 *
 * When the hook accepts a request, the time goes into Strapi's core store, so that the admin's «Sul sito»
 * panel (platform/site) can tell editors when the site was last asked to rebuild, whichever process asked.
 */
import type { UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { databaseCoordination, memoryCoordination, type Coordination } from '../coordination';
import { changesPublished, type MiddlewareHost, type Model } from '../published-change';
import { siteOptions } from './options';

/** The core-store entry of the last accepted rebuild request. */
export const REBUILD_STORE_KEY = { type: 'core', name: 'coesione', key: 'site-rebuild' } as const;
export const REBUILD_JOB = 'site-rebuild';

type StoreKey = typeof REBUILD_STORE_KEY;
/** What the hook needs of Strapi's core store (`strapi.store`). */
export interface RebuildStore {
  get(params: StoreKey): Promise<unknown>;
  set(params: StoreKey & { value: unknown }): Promise<void>;
}

/** What the hook needs of Strapi (`Core.Strapi` fits, and so does the unit tests' fake). */
export interface RebuildHookHost extends MiddlewareHost {
  getModel(uid: string): Model;
  log: { warn(message: string): void };
  /** Strapi's database; absent in unit tests, where the debounce stays in memory. */
  db?: { connection?: Knex };
  /** Strapi's core store; absent in unit tests, where the last request stays in memory. */
  store?: RebuildStore;
}

let lastInMemory: string | null = null;

/** When the hook last accepted a rebuild request (ISO), or null. */
export async function lastRebuildRequest(strapi: Pick<RebuildHookHost, 'store'>): Promise<string | null> {
  if (!strapi.store) return lastInMemory;
  const value = await strapi.store.get(REBUILD_STORE_KEY);
  const at = (value as { requestedAt?: unknown } | null)?.requestedAt;
  return typeof at === 'string' ? at : null;
}

let schedule: () => void = () => {};

/** Asks for a rebuild for a change made outside the document service (the need figures' bulk write). */
export const requestSiteRebuild = (): void => schedule();

export function registerRebuildHook(strapi: RebuildHookHost, uids: readonly UID.ContentType[], env: NodeJS.ProcessEnv = process.env): void {
  const { hookUrl: url, debounceMs: delay } = siteOptions(env);
  if (!url) return;
  const watched = new Set<string>(uids);
  // Chosen at the first publish: Strapi opens its database after `register`, where this is called.
  let coordination: Coordination | undefined;
  const coordinate = (): Coordination => {
    const connection = strapi.db?.connection;
    return (coordination ??= connection ? databaseCoordination(() => connection, strapi.log) : memoryCoordination());
  };
  const record = async (requestedAt: string) => {
    lastInMemory = requestedAt;
    await strapi.store?.set({ ...REBUILD_STORE_KEY, value: { requestedAt } });
  };
  const fire = async () => {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { connection: 'close' } });
    } catch (error) {
      strapi.log.warn(`site rebuild hook unreachable: ${(error as Error).message}`);
      return;
    }
    if (!res.ok) {
      strapi.log.warn(`site rebuild hook answered ${res.status}`);
      return;
    }
    await record(new Date().toISOString()).catch((error: unknown) => strapi.log.warn(`site rebuild requested, but its time was not recorded: ${(error as Error).message}`));
  };
  schedule = () => coordinate().debounce(REBUILD_JOB, delay, fire);
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (watched.has(context.uid) && changesPublished(strapi.getModel(context.uid), context.action, context.params)) schedule();
    return result;
  });
}
