/**
 * GET /api/risultati-laboratori: the workshops' outcomes as published figures (features/outcomes), one list:
 * the district's first, then each comune's, then each workshop's.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { publicOutcomes } from '../../../features/outcomes/service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async figures(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    const { district, comuni, workshops } = await publicOutcomes(strapi);
    ctx.body = { data: district ? [district, ...comuni, ...workshops] : [] };
  },
});
