/**
 * The partner's need-data routes in the admin (prefix /coesione-needs, the admin's own authentication):
 * the CSV template and its list of allowed codes, the import in two steps (a preview that writes nothing,
 * then the confirmation that re-sends the file with the preview's plan), the undo of the last import, its
 * own figures beside the district's, and its page's summary. Declared in
 * the route policy (Partners only); a signed-in user without an organisation gets a 403 in Italian. And the
 * office's view of which bodies sent their records (`/reporting`, editors only).
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { templateCsv } from './csv';
import { StalePreviewError, allowedCodesCsv, importNeedCsv, needSettings, officeReporting, partnerFiguresCsv, partnerOf, partnerSummary, previewNeedCsv, undoLastImport } from './service';

export const NEEDS_PREFIX = '/coesione-needs';

interface User {
  id: number;
  email: string;
}

const NOT_PARTNER = 'Questa funzione è per gli enti partner collegati a un ente: chiedi alla redazione di aggiungere il tuo indirizzo in «Account partner».';

async function actor(strapi: Core.Strapi, ctx: Context): Promise<User> {
  const user = ctx.state.user as User | undefined;
  if (!user || !(await partnerOf(strapi, user.id))) throw new errors.PolicyError(NOT_PARTNER);
  return { id: user.id, email: user.email };
}

const csv = (ctx: Context, name: string, body: string) => {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
};

const NO_PLAN = 'Prima carica il file per l’anteprima e controllala: l’importazione si conferma dall’anteprima.';

const validOnly = (ctx: Context) => ['1', 'true', 'si', 'sì'].includes(String((ctx.query as { validOnly?: string }).validOnly ?? '').toLowerCase());

/**
 * The uploaded file's bytes (multipart field `file`), or a raw text/csv body. A file over
 * NEED_IMPORT_MAX_BYTES is refused before it is read (413), and every uploaded file is removed.
 */
function uploaded(ctx: Context): Uint8Array {
  type Upload = { filepath?: string; size?: number };
  const files = (ctx.request as { files?: Record<string, Upload | Upload[]> }).files;
  const all = Object.values(files ?? {}).flat();
  const file = files?.file;
  const one = Array.isArray(file) ? file[0] : file;
  const { maxBytes } = needSettings();
  if (all.some((f) => (f.size ?? 0) > maxBytes)) {
    for (const f of all) if (f.filepath) fs.rmSync(f.filepath, { force: true });
    throw new errors.PayloadTooLargeError(`Il file è troppo grande: al massimo ${Math.floor(maxBytes / (1024 * 1024))} MB per importazione. Dividilo per mese.`);
  }
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
      method: 'GET',
      path: '/codes.csv',
      handler: async (ctx: Context) => {
        await actor(strapi, ctx);
        csv(ctx, 'codici-ammessi-dati-di-bisogno.csv', await allowedCodesCsv(strapi));
      },
    },
    {
      method: 'POST',
      path: '/import/preview',
      handler: async (ctx: Context) => {
        const user = await actor(strapi, ctx);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await previewNeedCsv(strapi, user, uploaded(ctx), { validOnly: validOnly(ctx) });
      },
    },
    {
      method: 'POST',
      path: '/import',
      handler: async (ctx: Context) => {
        const user = await actor(strapi, ctx);
        const plan = String((ctx.query as { plan?: string }).plan ?? '');
        if (!plan) throw new errors.ValidationError(NO_PLAN);
        try {
          const report = await importNeedCsv(strapi, user, uploaded(ctx), { validOnly: validOnly(ctx), plan });
          ctx.status = report.errors.length > 0 && report.stored === 0 ? 422 : 200;
          ctx.body = report;
        } catch (error) {
          if (!(error instanceof StalePreviewError)) throw error;
          ctx.status = 409;
          ctx.body = { error: { status: 409, name: 'ConflictError', message: error.message }, preview: error.preview };
        }
      },
    },
    {
      method: 'POST',
      path: '/import/undo',
      handler: async (ctx: Context) => {
        const done = await undoLastImport(strapi, await actor(strapi, ctx));
        if (!done) throw new errors.NotFoundError('Non c’è un’importazione da annullare: si può annullare solo l’ultima, entro 24 ore e prima della successiva.');
        ctx.body = done;
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
    {
      // The office's view of who sent its records (editors: the route policy refuses partners).
      method: 'GET',
      path: '/reporting',
      handler: async (ctx: Context) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await officeReporting(strapi);
      },
    },
  ].map((route) => ({ ...route, config: { policies: ['admin::isAuthenticatedAdmin'] } }));
  // Added before the access guards are attached (index.ts), so the role gate covers these routes too.
  const admin = strapi.admin as unknown as { routes: Record<string, unknown> };
  admin.routes['coesione-needs'] = { type: 'admin', prefix: NEEDS_PREFIX, routes };
}
