/**
 * Need records in the content manager: a Partner's own, and nobody else's — editors hold no permission on
 * them, and this guard refuses even the super admin, whose Strapi rights would otherwise cover every type,
 * also when it holds the Partner role beside its own.
 * Every list a Partner reads is written to the audit log (who, when, how many).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { onlyPartner } from '../../platform/roles';
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
    // The audit log is the super admin's (Strapi's own rights); the records are their partner's alone, and a
    // user holding another role beside Partner's (a super admin who gave itself the role) is no partner.
    if (model === NEED_RECORD && !onlyPartner(user?.roles)) throw new errors.PolicyError('I dati di bisogno sono visibili solo all’ente partner che li ha registrati, con un account che ha soltanto il ruolo di ente partner.');
    await next();
    const body = ctx.body as { results?: unknown[]; pagination?: { total?: number } } | undefined;
    if (model === NEED_RECORD && ctx.method === 'GET' && ctx.status === 200 && Array.isArray(body?.results)) {
      await strapi.documents(NEED_AUDIT).create({
        data: { at: new Date().toISOString(), actor: user?.email ?? `#${user?.id}`, action: 'lettura_elenco', count: body.results.length, detail: `elenco nel pannello (totale ${body.pagination?.total ?? '?'})` },
      } as never);
    }
  };

/**
 * The home page's «recent documents» widget lists entries of every type the user may read: for the super
 * admin that includes need records, which this guard keeps out (the records are their partner's alone).
 */
export const needRecordsOffHome = async (ctx: Context, next: Next): Promise<void> => {
  await next();
  const body = ctx.body as { data?: { contentTypeUid?: string }[] } | undefined;
  if (Array.isArray(body?.data) && !onlyPartner((ctx.state.user as User | undefined)?.roles)) {
    body.data = body.data.filter((d) => d.contentTypeUid !== NEED_RECORD);
  }
};

