/**
 * Data that reaches people: following a section of the site by e-mail (service.ts), with its pages
 * (html.ts, served by api/subscription) and its filters (filters.ts). A document-service middleware
 * records each entry's first publication; a worker matches new entries to the immediate subscriptions every
 * SUBSCRIPTION_INTERVAL_MS (and a followed pact's new stage, a followed workshop's new session); every hour
 * a pass sends the weekly digests due, the deadline reminders and the need figures of a quarter made final
 * (each once per subscription, whichever process runs it); every night the unconfirmed subscriptions go.
 */
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

/** Records what a publish made new (the service keeps the first time only). */
function newsRecorder(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const result = await next();
    const type = FOLLOWED.get(context.uid);
    if (type && changeOf(context.action, context.params) === 'upsert') {
      const documentId = stringParam(context.params.documentId) ?? (isRecord(result) ? stringParam(result.documentId) : undefined);
      // Whatever goes wrong here, the publish stands; a missed entry is only a missed message.
      if (documentId) await subscriptionsOf(strapi).service.recordPublished(type, documentId).catch((error: unknown) => strapi.log.error(`subscriptions: could not record ${context.action} of ${context.uid}: ${(error as Error).message}`));
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
  const timer = setInterval(() => void run('matching new entries', () => service.notify()), options.intervalMs);
  timer.unref();
  void run('digests and reminders', () => service.scheduled());
  strapi.cron.add({
    coesioneSubscriptionDigests: { task: () => run('digests and reminders', () => service.scheduled()), options: { rule: '5 * * * *' } },
    coesioneSubscriptionPurge: { task: () => run('purge', () => service.purge()), options: { rule: '50 3 * * *', tz: 'Europe/Rome' } },
  });
  return async () => {
    clearInterval(timer);
    await chain;
  };
}

export const subscriptions: Feature = {
  register: (strapi) => strapi.documents.use(newsRecorder(strapi)),
  start: startJobs,
};
