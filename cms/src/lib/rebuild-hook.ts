/**
 * Asks for a new build of the static site when published content changes: a POST to
 * SITE_REBUILD_HOOK_URL (a Netlify build hook in production; `npm start`'s own listener locally),
 * debounced so that a burst of publishes costs one build — one for all the CMS processes, the debounce
 * being kept in the database (lib/coordination). The CMS write never waits for it.
 */
import type { UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { databaseCoordination, memoryCoordination, type Coordination } from './coordination';
import { changesPublished, type MiddlewareHost, type Model } from './published-change';

/** What the hook needs of Strapi (`Core.Strapi` fits, and so does the unit tests' fake). */
export interface RebuildHookHost extends MiddlewareHost {
  getModel(uid: string): Model;
  log: { warn(message: string): void };
  /** Strapi's database; absent in unit tests, where the debounce stays in memory. */
  db?: { connection?: Knex };
}

let schedule: () => void = () => {};

/** Asks for a rebuild for a change made outside the document service (the need figures' bulk write). */
export const requestSiteRebuild = (): void => schedule();

export function registerRebuildHook(strapi: RebuildHookHost, uids: readonly UID.ContentType[], env: NodeJS.ProcessEnv = process.env): void {
  // NETLIFY_BUILD_HOOK_URL is the name Netlify's documentation uses; either works.
  const url = env.SITE_REBUILD_HOOK_URL || env.NETLIFY_BUILD_HOOK_URL;
  if (!url) return;
  const delay = Number(env.SITE_REBUILD_DEBOUNCE_MS ?? 2000);
  const watched = new Set<string>(uids);
  // Chosen at the first publish: Strapi opens its database after `register`, where this is called.
  let coordination: Coordination | undefined;
  const coordinate = (): Coordination => {
    const connection = strapi.db?.connection;
    return (coordination ??= connection ? databaseCoordination(() => connection, strapi.log) : memoryCoordination());
  };
  const fire = async () => {
    try {
      const res = await fetch(url, { method: 'POST', headers: { connection: 'close' } });
      if (!res.ok) strapi.log.warn(`site rebuild hook answered ${res.status}`);
    } catch (error) {
      strapi.log.warn(`site rebuild hook unreachable: ${(error as Error).message}`);
    }
  };
  schedule = () => coordinate().debounce('site-rebuild', delay, fire);
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (watched.has(context.uid) && changesPublished(strapi.getModel(context.uid), context.action, context.params)) schedule();
    return result;
  });
}
