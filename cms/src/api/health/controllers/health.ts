import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cachedHealth, checkHealth } from '../../../features/health/health';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ttl = Number(process.env.HEALTH_CACHE_MS ?? 5000);
  const report = cachedHealth(() => checkHealth(strapi, process.env.MEILISEARCH_URL || undefined), Number.isFinite(ttl) && ttl >= 0 ? ttl : 5000);
  return {
    async check(ctx: Context) {
      const health = await report();
      ctx.set('Cache-Control', 'no-store');
      ctx.status = health.status === 'down' ? 503 : 200;
      ctx.body = health;
    },
  };
};
