/**
 * Need records in the content manager: a Partner's own, and nobody else's — editors hold no permission on
 * them, and this guard refuses even the super admin, whose Strapi rights would otherwise cover every type.
 * Every list a Partner reads is written to the audit log (who, when, how many).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { PARTNER_ROLE } from '../permissions';
import { NEED_AUDIT, NEED_RECORD } from './store';

interface User {
  id: number;
  email?: string;
  roles?: { code: string }[];
}

export const needRecordsGuard =
  (strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const model = (ctx.params as { model?: string }).model;
    if (model !== NEED_RECORD && model !== NEED_AUDIT) return next();
    const user = ctx.state.user as User | undefined;
    const partner = Boolean(user?.roles?.some((r) => r.code === PARTNER_ROLE.code));
    // The audit log is the super admin's (Strapi's own rights); the records are their partner's alone.
    if (model === NEED_RECORD && !partner) throw new errors.PolicyError('I dati di bisogno sono visibili solo all’ente partner che li ha registrati.');
    await next();
    const body = ctx.body as { results?: unknown[]; pagination?: { total?: number } } | undefined;
    if (model === NEED_RECORD && ctx.method === 'GET' && ctx.status === 200 && Array.isArray(body?.results)) {
      await strapi.documents(NEED_AUDIT).create({
        data: { at: new Date().toISOString(), actor: user?.email ?? `#${user?.id}`, action: 'lettura_elenco', count: body.results.length, detail: `elenco nel pannello (totale ${body.pagination?.total ?? '?'})` },
      } as never);
    }
  };
