/** What the admin's «Sul sito» panel shows: the site's URL and where its rebuild stands. */
import type { SiteStatus } from '@coesione/model';
import type { Knex } from 'knex';
import { dueAt } from '../coordination';
import { lastRebuildRequest, REBUILD_JOB, type RebuildStore } from './rebuild-hook';
import { siteOptions } from './options';

export interface SiteStatusHost {
  db: { connection: Knex };
  store?: RebuildStore;
}

export async function siteStatus(strapi: SiteStatusHost, env: NodeJS.ProcessEnv = process.env): Promise<SiteStatus> {
  const options = siteOptions(env);
  const [last, due] = await Promise.all([lastRebuildRequest(strapi), dueAt(strapi.db.connection, REBUILD_JOB)]);
  return {
    url: options.url,
    rebuildsOnPublish: Boolean(options.hookUrl),
    updateWithinSeconds: Math.ceil((options.debounceMs + options.buildMs) / 1000),
    lastRebuildRequestedAt: last,
    rebuildDueAt: due === null ? null : new Date(due).toISOString(),
  };
}
