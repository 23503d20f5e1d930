/**
 * The signed-in admin user's own choice of the daily e-mail (lines in platform/access/route-policy.ts):
 *
 * - `GET /admin/coesione/notifications/me`: the choice, whether it is the user's own, and whether the
 *   e-mail is for this user at all (editors and partners);
 * - `PUT /admin/coesione/notifications/me` `{ choice: 'ogni_giorno' | 'mai' }`: saves it.
 *
 * Only one's own: the routes take no user id.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { adminUserId } from '../../platform/access/admin-user';
import { isRecord } from '../../platform/published-change';
import { adminRole } from '../../platform/roles';
import { NOTIFICATIONS_ME, type QueueMailSetting } from './contract';
import { isChoice, preferences } from './preferences';

async function applies(strapi: Core.Strapi, userId: number): Promise<boolean> {
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: userId }, select: ['id'], populate: { roles: { select: ['code'] } } })) as { roles: { code: string }[] } | null;
  const role = adminRole(user?.roles);
  return role === 'editor' || role === 'partner';
}

export function registerQueueMailRoutes(strapi: Core.Strapi): void {
  const store = preferences(() => strapi.db.connection);
  const auth = { policies: ['admin::isAuthenticatedAdmin'] };
  const answer = async (ctx: Context, id: number) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { ...(await store.of(id)), applies: await applies(strapi, id) } satisfies QueueMailSetting;
  };
  const holder = strapi.admin as unknown as { routes: Record<string, unknown> };
  holder.routes['coesione-queue-mail'] = {
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: NOTIFICATIONS_ME,
        config: auth,
        async handler(ctx: Context) {
          await answer(ctx, adminUserId(ctx));
        },
      },
      {
        method: 'PUT',
        path: NOTIFICATIONS_ME,
        config: auth,
        async handler(ctx: Context) {
          const id = adminUserId(ctx);
          const body = (ctx.request as { body?: unknown }).body;
          const choice = isRecord(body) ? body.choice : undefined;
          if (!isChoice(choice)) throw new errors.ValidationError('Scegli «ogni giorno» oppure «mai».');
          await store.set(id, choice);
          await answer(ctx, id);
        },
      },
    ],
  };
}
