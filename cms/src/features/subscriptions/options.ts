/** The knobs of subscriptions (docs/configuration.md lists them with these defaults). */
import { envNumber } from '../../platform/security';
import { siteUrl } from '../../platform/site/options';

export interface SubscriptionOptions {
  /** Sign-ups one client, and one address, may make per window. */
  rateLimit: number;
  addressRateLimit: number;
  rateWindowMs: number;
  /** How often new entries are matched against the immediate subscriptions. */
  intervalMs: number;
  siteUrl: string;
}

export function subscriptionOptions(env: NodeJS.ProcessEnv = process.env): SubscriptionOptions {
  return {
    rateLimit: envNumber(env.SUBSCRIPTION_RATE_LIMIT, 10),
    addressRateLimit: envNumber(env.SUBSCRIPTION_ADDRESS_RATE_LIMIT, 3),
    rateWindowMs: envNumber(env.SUBSCRIPTION_RATE_WINDOW_MS, 3_600_000),
    intervalMs: envNumber(env.SUBSCRIPTION_INTERVAL_MS, 10_000),
    siteUrl: siteUrl(env),
  };
}
