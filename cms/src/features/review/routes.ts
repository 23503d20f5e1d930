/**
 * The admin routes of the work queues and of "Rimanda all'ente con una nota", added to Strapi's admin
 * router in `register()` (before access/admin-routes.ts attaches its guards: route-policy.ts declares
 * them). Partners' answers are scoped to their own organisation.
 *
 * - `GET  /admin/coesione/queue`: the caller's queue (an editor's, or the partner's own proposals);
 * - `GET  /admin/coesione/review/:type/:documentId`: where one proposal stands, with the editor's note;
 * - `POST /admin/coesione/review/:type/:documentId/return` `{ note }`: an editor sends a partner's draft back.
 */
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { isPartner, partnerOrganization } from '../../platform/partners';
import { PROPOSED_BY_TYPES, proposalUid } from '../../platform/proposals';
import { isRecord, type MiddlewareHost } from '../../platform/published-change';
import type { Review } from './contract';
import { editorQueue, partnerQueue } from './queue';
import { NOTE_MAX, reviewState } from './state';
import { adminUserId } from '../../platform/access/admin-user';

type Handler = (ctx: Context) => Promise<void>;
interface Route {
  method: string;
  path: string;
  handler: Handler;
  config: { policies: string[] };
}


/** The UID of a partner type named by `:type`, or a 404. */
function proposalUidOr404(type: string): UID.ContentType {
  const uid = proposalUid(type);
  if (!uid) throw new errors.NotFoundError('Questo tipo di scheda non ha proposte dei partner.');
  return uid;
}

interface DraftRow {
  id: number;
  documentId: string;
  reviewNote: string | null;
  returnedAt: string | null;
  proposedBy: { documentId: string; name: string } | null;
}

async function draftOf(strapi: Core.Strapi, uid: UID.ContentType, documentId: string): Promise<DraftRow> {
  const row = (await strapi.db.query(uid).findOne({
    where: { documentId, publishedAt: null },
    select: ['id', 'documentId', 'reviewNote', 'returnedAt'],
    populate: { proposedBy: { select: ['documentId', 'name'] } },
  })) as DraftRow | null;
  if (!row) throw new errors.NotFoundError('Scheda non trovata.');
  return row;
}

export function reviewRoutes(strapi: Core.Strapi): Route[] {
  const auth = { policies: ['admin::isAuthenticatedAdmin'] };
  return [
    {
      method: 'GET',
      path: '/coesione/queue',
      config: auth,
      async handler(ctx) {
        const id = adminUserId(ctx);
        ctx.body = (await isPartner(strapi, id)) ? await partnerQueue(strapi, await partnerOrganization(strapi, id)) : await editorQueue(strapi);
      },
    },
    {
      method: 'GET',
      path: '/coesione/review/:type/:documentId',
      config: auth,
      async handler(ctx) {
        const id = adminUserId(ctx);
        const { type, documentId } = ctx.params as { type: string; documentId: string };
        const uid = proposalUidOr404(type);
        const row = await draftOf(strapi, uid, documentId);
        const partner = await isPartner(strapi, id);
        if (partner && (!row.proposedBy || row.proposedBy.documentId !== (await partnerOrganization(strapi, id)))) {
          throw new errors.PolicyError('Puoi vedere solo le proposte del tuo ente.');
        }
        const published = (await strapi.db.query(uid).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
        ctx.body = {
          proposed: Boolean(row.proposedBy),
          organization: row.proposedBy?.name ?? null,
          state: reviewState({ published, returnedAt: row.returnedAt }),
          note: row.reviewNote,
          returnedAt: row.returnedAt,
        } satisfies Review;
      },
    },
    {
      method: 'POST',
      path: '/coesione/review/:type/:documentId/return',
      config: auth,
      async handler(ctx) {
        const id = adminUserId(ctx);
        if (await isPartner(strapi, id)) throw new errors.PolicyError('Solo la redazione può rimandare una proposta.');
        const { type, documentId } = ctx.params as { type: string; documentId: string };
        const uid = proposalUidOr404(type);
        const body = (ctx.request as { body?: unknown }).body;
        const note = isRecord(body) && typeof body.note === 'string' ? body.note.trim() : '';
        if (note.length === 0) throw new errors.ValidationError('Scrivi una nota per l’ente: cosa correggere o aggiungere.');
        if (note.length > NOTE_MAX) throw new errors.ValidationError(`La nota è troppo lunga: al massimo ${NOTE_MAX} caratteri.`);
        const row = await draftOf(strapi, uid, documentId);
        if (!row.proposedBy) throw new errors.ValidationError('Si possono rimandare solo le bozze proposte da un ente partner.');
        const returnedAt = new Date();
        // Straight to the draft row: the note is no content edit (no validation, no search or rebuild event).
        await strapi.db.query(uid).update({ where: { id: row.id }, data: { reviewNote: note, returnedAt } });
        ctx.body = { state: 'rimandata', note, returnedAt: returnedAt.toISOString() };
      },
    },
  ];
}

/** Adds the routes to Strapi's admin router (prefix /admin); call before guardAdminRoutes. */
export function registerReviewRoutes(strapi: Core.Strapi): void {
  const holder = strapi.admin as unknown as { routes: Record<string, unknown> };
  holder.routes['coesione-review'] = { type: 'admin', prefix: '/admin', routes: reviewRoutes(strapi) };
}

/** A partner editing a returned draft answers the note: the draft is waiting again (the note stays, as the last one). */
export function registerReviewReset(strapi: MiddlewareHost & Parameters<typeof isPartner>[0]): void {
  const types = new Set<string>(PROPOSED_BY_TYPES);
  strapi.documents.use(async (context, next) => {
    if (context.action === 'update' && types.has(context.uid) && isRecord(context.params.data)) {
      const data = context.params.data;
      const user = data.updatedBy;
      if ((typeof user === 'number' || typeof user === 'string') && (await isPartner(strapi, Number(user)))) data.returnedAt = null;
    }
    return next();
  });
}
