/** The signed-in admin user of a request to one of our admin routes (behind `admin::isAuthenticatedAdmin`). */
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

export function adminUserId(ctx: Context): number {
  const user = (ctx.state as { user?: { id?: number } }).user;
  if (!user?.id) throw new errors.UnauthorizedError('Accedi al pannello per continuare.');
  return user.id;
}
