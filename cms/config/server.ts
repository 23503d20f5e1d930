import type { Core } from '@strapi/strapi';
import { publicDir, secret } from '../src/platform/runtime';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  return {
    host: env('CMS_HOST', '127.0.0.1'),
    port: env.int('CMS_PORT', 1337),
    url: env('CMS_PUBLIC_URL', ''),
    // `server.proxy.koa` is what Strapi 5 reads (a bare boolean here is silently ignored): with it, Koa
    // takes the client address from X-Forwarded-For, which only a trusted reverse proxy may set. Proxies
    // append the address they saw, so only the last TRUST_PROXY_HOPS entries are theirs: without
    // maxIpsCount Koa takes the leftmost entry, which the client writes itself.
    proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: env.int('TRUST_PROXY_HOPS', 1) },
    app: {
      keys: secret('APP_KEYS').split(','),
    },
    dirs: {
      public: publicDir(),
    },
    // Daily jobs (need records' retention and figures: src/features/needs/index.ts), Europe/Rome.
    cron: { enabled: true },
    webhooks: {
      populateRelations: false,
    },
    logger: {
      updates: { enabled: false },
      startup: { enabled: env.bool('CMS_STARTUP_LOG', true) },
    },
  };
};

export default config;
