/**
 * The organiser's admin routes (their lines are in platform/access/route-policy.ts):
 *
 * - `GET  /admin/coesione/bookings/workshop/:documentId`: the workshop's sessions from today on, with
 *   seats taken, waiting list and present (counts only);
 * - `POST /admin/coesione/bookings/attendance` `{ code }`: marks present the booking whose code a person
 *   shows, on the day of its session.
 *
 * An editor organises every workshop; a partner only those of its organisation (proposed by it, or with it
 * as organiser): for another's, the summary is a 403 and a code is as unknown.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { uidOf } from '@coesione/model';
import type { Context } from 'koa';
import { isPartner, partnerOrganization } from '../../platform/partners';
import { isRecord } from '../../platform/published-change';
import { cmsBaseUrl, secret } from '../../platform/runtime';
import type { AttendanceAnswer, SessionSummary } from './contract';
import { bookingOptions } from './options';
import { createBookingService } from './service';
import { adminUserId } from '../../platform/access/admin-user';

const WORKSHOP = uidOf('workshop');


export function registerBookingRoutes(strapi: Core.Strapi): void {
  const service = createBookingService({ strapi, options: bookingOptions(), salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(strapi) });
  const auth = { policies: ['admin::isAuthenticatedAdmin'] };

  /** Whether the signed-in user organises the workshop: an editor always, a partner for its organisation's. */
  const organiser = async (ctx: Context) => {
    const id = adminUserId(ctx);
    if (!(await isPartner(strapi, id))) return async () => true;
    const organization = await partnerOrganization(strapi, id);
    return async (workshop: string) => {
      if (!organization) return false;
      const rows = (await strapi.db.query(WORKSHOP).findMany({ where: { documentId: workshop }, populate: { proposedBy: { select: ['documentId'] }, organization: { select: ['documentId'] } } })) as {
        proposedBy?: { documentId: string } | null; organization?: { documentId: string } | null;
      }[];
      return rows.some((row) => row.proposedBy?.documentId === organization || row.organization?.documentId === organization);
    };
  };

  const holder = strapi.admin as unknown as { routes: Record<string, unknown> };
  holder.routes['coesione-bookings'] = {
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/coesione/bookings/workshop/:documentId',
        config: auth,
        async handler(ctx: Context) {
          const { documentId } = ctx.params as { documentId: string };
          if ((await strapi.db.query(WORKSHOP).count({ where: { documentId } })) === 0) throw new errors.NotFoundError('Laboratorio non trovato.');
          if (!(await (await organiser(ctx))(documentId))) throw new errors.ForbiddenError('Vedi le prenotazioni solo dei laboratori del tuo ente.');
          ctx.body = (await service.summary(documentId)) satisfies SessionSummary[];
        },
      },
      {
        method: 'POST',
        path: '/coesione/bookings/attendance',
        config: auth,
        async handler(ctx: Context) {
          const body = (ctx.request as { body?: unknown }).body;
          const code = isRecord(body) ? body.code : undefined;
          const answer: AttendanceAnswer = await service.attend(code, await organiser(ctx));
          if (answer.outcome === 'marked') strapi.log.info('bookings: a booking was marked present');
          ctx.body = answer;
        },
      },
    ],
  };
}
