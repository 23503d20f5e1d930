/**
 * The partner's need-data routes in the admin (prefix /coesione-needs, the admin's own authentication):
 * the CSV template, the import, its own figures beside the district's, and its page's summary. Declared in
 * the route policy (Partners only); a signed-in user without an organisation gets a 403 in Italian.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { templateCsv } from './csv';
import { importNeedCsv, partnerFiguresCsv, partnerOf, partnerSummary } from './service';

export const NEEDS_PREFIX = '/coesione-needs';

interface User {
  id: number;
  email: string;
}

const NOT_PARTNER = 'Questa funzione è per gli enti partner collegati a un ente: chiedi alla redazione di aggiungere il tuo indirizzo in «Account partner».';

async function actor(strapi: Core.Strapi, ctx: Context): Promise<User> {
  const user = ctx.state.user as User | undefined;
  if (!user || !(await partnerOf(strapi, user.id))) throw new errors.ForbiddenError(NOT_PARTNER);
  return { id: user.id, email: user.email };
}

const csv = (ctx: Context, name: string, body: string) => {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
};

/** The uploaded file's bytes (multipart field `file`), or a raw text/csv body. */
function uploaded(ctx: Context): Uint8Array {
  const files = (ctx.request as { files?: Record<string, { filepath?: string } | { filepath?: string }[]> }).files;
  const file = files?.file;
  const one = Array.isArray(file) ? file[0] : file;
  if (one?.filepath) {
    try {
      return fs.readFileSync(one.filepath);
    } finally {
      fs.rmSync(one.filepath, { force: true });
    }
  }
  const body = (ctx.request as { body?: unknown }).body;
  if (typeof body === 'string' && body.length > 0) return Buffer.from(body, 'utf8');
  throw new errors.ValidationError('Scegli il file CSV da importare (campo «file»).');
}

export function registerNeedRoutes(strapi: Core.Strapi): void {
  const routes = [
    {
      method: 'GET',
      path: '/template.csv',
      handler: async (ctx: Context) => {
        await actor(strapi, ctx);
        csv(ctx, 'modello-dati-di-bisogno.csv', templateCsv());
      },
    },
    {
      method: 'POST',
      path: '/import',
      handler: async (ctx: Context) => {
        const user = await actor(strapi, ctx);
        const validOnly = ['1', 'true', 'si', 'sì'].includes(String((ctx.query as { validOnly?: string }).validOnly ?? '').toLowerCase());
        const report = await importNeedCsv(strapi, user, uploaded(ctx), { validOnly });
        ctx.status = report.errors.length > 0 && report.stored === 0 ? 422 : 200;
        ctx.body = report;
      },
    },
    {
      method: 'GET',
      path: '/figures.csv',
      handler: async (ctx: Context) => {
        csv(ctx, 'cifre-del-vostro-ente.csv', await partnerFiguresCsv(strapi, await actor(strapi, ctx)));
      },
    },
    {
      method: 'GET',
      path: '/summary',
      handler: async (ctx: Context) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await partnerSummary(strapi, await actor(strapi, ctx));
      },
    },
  ].map((route) => ({ ...route, config: { policies: ['admin::isAuthenticatedAdmin'] } }));
  // Added before the access guards are attached (index.ts), so the role gate covers these routes too.
  const admin = strapi.admin as unknown as { routes: Record<string, unknown> };
  admin.routes['coesione-needs'] = { type: 'admin', prefix: NEEDS_PREFIX, routes };
}
