/**
 * Data that reaches people: following a section of the site by e-mail (service.ts), with its pages
 * (html.ts, served by api/subscription) and its filters (filters.ts). A document-service middleware
 * records each entry's first publication; a worker matches new entries to the immediate subscriptions every
 * SUBSCRIPTION_INTERVAL_MS (and a followed pact's new stage, a followed workshop's new session); every hour
 * a pass sends the weekly digests due, the deadline reminders and the need figures of a quarter made final
 * (each once per subscription, whichever process runs it); every night the unconfirmed subscriptions go.
 */
import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { FOLLOWABLE_TYPES, uidOf } from '@coesione/model';
import type { Feature } from '../../platform/features';
import { changeOf, isRecord, stringParam, type DocumentMiddleware } from '../../platform/published-change';
import { cmsBaseUrl, secret } from '../../platform/runtime';
import { databaseLimiter } from '../../platform/security';
import { subscriptionOptions } from './options';
import { subscriptionService, type SubscriptionService } from './service';

interface Subscriptions {
  service: SubscriptionService;
  siteUrl: string;
  cmsUrl: () => string;
  salt: string;
}

const running = new WeakMap<object, Subscriptions>();
/** Each running CMS's way to match news now rather than at the next interval (set by its jobs). */
const kicks = new WeakMap<object, () => void>();

/** The one subscription service of a running CMS (its pages, its jobs, and the tests that move its clock). */
export function subscriptionsOf(strapi: Core.Strapi): Subscriptions {
  let found = running.get(strapi);
  if (!found) {
    const options = subscriptionOptions();
    const salt = secret('SUBMISSION_SALT');
    const db = () => strapi.db.connection;
    const limit = (name: string, limit: number) => databaseLimiter(db, name, { limit, windowMs: options.rateWindowMs });
    const cmsUrl = () => cmsBaseUrl(strapi);
    const service = subscriptionService({
      strapi, salt, siteUrl: options.siteUrl, cmsUrl,
      limiters: { client: limit('subscription', options.rateLimit), address: limit('subscription-address', options.addressRateLimit) },
    });
    running.set(strapi, (found = { service, siteUrl: options.siteUrl, cmsUrl, salt }));
  }
  return found;
}

/** The types whose publishes may be news: the sections, and pacts (their stages) and workshops (their sessions). */
const FOLLOWED = new Map<string, string>([...FOLLOWABLE_TYPES, 'pact' as const].map((type) => [uidOf(type), type]));

/**
 * Outside whatever transaction a publish ran in: the moderation accepts a proposal and publishes its pact in
 * one transaction, and on SQLite (one connection) waiting for our own queries inside it would wait forever.
 */
const detached = new AsyncResource('coesione-subscription-news');

/**
 * Records what a publish made new (the service keeps the first time only), after the publish and without
 * holding it up: whatever goes wrong here, the publish stands; a missed entry is only a missed message.
 */
function newsRecorder(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const result = await next();
    const type = FOLLOWED.get(context.uid);
    if (type && changeOf(context.action, context.params) === 'upsert') {
      const documentId = stringParam(context.params.documentId) ?? (isRecord(result) ? stringParam(result.documentId) : undefined);
      if (documentId) {
        detached.runInAsyncScope(() => {
          void subscriptionsOf(strapi).service.recordPublished(type, documentId).then(
            () => kicks.get(strapi)?.(),
            (error: unknown) => strapi.log.error(`subscriptions: could not record ${context.action} of ${context.uid}: ${(error as Error).message}`),
          );
        });
      }
    }
    return result;
  };
}

function startJobs(strapi: Core.Strapi): () => Promise<void> {
  const { service } = subscriptionsOf(strapi);
  const options = subscriptionOptions();
  let chain: Promise<unknown> = Promise.resolve();
  const run = (name: string, task: () => Promise<unknown>) => {
    chain = chain.then(task).catch((error: unknown) => strapi.log.error(`subscriptions: ${name} failed: ${(error as Error).message}`));
    return chain;
  };
  const notify = () => void run('matching news', () => service.notify());
  const timer = setInterval(notify, options.intervalMs);
  timer.unref();
  // A publish asks for a pass at once (after the current one): its followers hear of it in moments, not at the next interval.
  let kicked = false;
  kicks.set(strapi, () => {
    if (kicked) return;
    kicked = true;
    setImmediate(() => {
      kicked = false;
      notify();
    });
  });
  void run('digests and reminders', () => service.scheduled());
  strapi.cron.add({
    coesioneSubscriptionDigests: { task: () => run('digests and reminders', () => service.scheduled()), options: { rule: '5 * * * *' } },
    coesioneSubscriptionPurge: { task: () => run('purge', () => service.purge()), options: { rule: '50 3 * * *', tz: 'Europe/Rome' } },
  });
  return async () => {
    kicks.delete(strapi);
    clearInterval(timer);
    await chain;
  };
}

export const subscriptions: Feature = {
  register: (strapi) => strapi.documents.use(newsRecorder(strapi)),
  start: startJobs,
};
