/**
 * The organiser's admin routes (their lines are in platform/access/route-policy.ts):
 *
 * - `GET  /admin/coesione/bookings/workshop/:documentId`: the workshop's sessions from today on, with
 *   seats taken, waiting list and present (counts only);
 * - `GET  /admin/coesione/bookings/roll/:documentId?start=`: who holds confirmed seats at a session, by name
 *   (the roll call: an organiser marks who came from it, or by the code a person shows);
 * - `POST /admin/coesione/bookings/attendance` `{ code }`: marks present the booking whose code a person
 *   shows, on the day of its session;
 * - `POST /admin/coesione/bookings/certificates/:documentId`: issues the certificates of attendance due
 *   (certificates.ts);
 * - `POST /admin/coesione/bookings/cancel-session/:documentId` `{ start }`: cancels a session still to come,
 *   its bookings with it, and tells the people booked.
 *
 * An editor organises every workshop; a partner only those of its organisation (proposed by it, or with it
 * as organiser): for another's, the summary is a 403 and a code is as unknown.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { uidOf } from '@coesione/model';
import type { Context } from 'koa';
import { isPartner, organisesWorkshop, partnerOrganization } from '../../platform/partners';
import { isRecord } from '../../platform/published-change';
import { cmsBaseUrl, secret } from '../../platform/runtime';
import { certificateService } from './certificates';
import type { AttendanceAnswer, CancelSessionAnswer, CertificateAnswer, RollEntry, WorkshopBookings } from './contract';
import { bookingOptions } from './options';
import { createBookingService } from './service';
import { adminUserId } from '../../platform/access/admin-user';

const WORKSHOP = uidOf('workshop');


export function registerBookingRoutes(strapi: Core.Strapi): void {
  const options = bookingOptions();
  const deps = { strapi, salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(strapi) };
  const service = createBookingService({ ...deps, options });
  const certificates = certificateService({ ...deps, siteUrl: options.siteUrl });
  const auth = { policies: ['admin::isAuthenticatedAdmin'] };

  /** Whether the signed-in user organises the workshop: an editor always, a partner for its organisation's. */
  const organiser = async (ctx: Context) => {
    const id = adminUserId(ctx);
    if (!(await isPartner(strapi, id))) return async () => true;
    const organization = await partnerOrganization(strapi, id);
    return async (workshop: string) => Boolean(organization) && organisesWorkshop(strapi, organization!, workshop);
  };

  /** A 404 for a workshop that does not exist, a 403 for one the signed-in user does not organise. */
  const requireOrganiser = async (ctx: Context, documentId: string) => {
    if ((await strapi.db.query(WORKSHOP).count({ where: { documentId } })) === 0) throw new errors.NotFoundError('Laboratorio non trovato.');
    if (!(await (await organiser(ctx))(documentId))) throw new errors.ForbiddenError('Questo laboratorio non è del tuo ente: ne vedi e gestisci le prenotazioni soltanto l’ente che lo organizza e la redazione.');
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
          await requireOrganiser(ctx, documentId);
          const { sessions, minSessions } = await service.summary(documentId);
          ctx.body = { sessions, certificates: { minSessions, issued: await certificates.count(documentId) } } satisfies WorkshopBookings;
        },
      },
      {
        method: 'POST',
        path: '/coesione/bookings/certificates/:documentId',
        config: auth,
        async handler(ctx: Context) {
          const { documentId } = ctx.params as { documentId: string };
          await requireOrganiser(ctx, documentId);
          const answer: CertificateAnswer = await certificates.issue(documentId);
          if (answer.outcome === 'issued' && answer.issued > 0) strapi.log.info(`bookings: ${answer.issued} certificates issued`);
          ctx.body = answer;
        },
      },
      {
        method: 'GET',
        path: '/coesione/bookings/roll/:documentId',
        config: auth,
        async handler(ctx: Context) {
          const { documentId } = ctx.params as { documentId: string };
          await requireOrganiser(ctx, documentId);
          const start = String((ctx.query as Record<string, unknown>).start ?? '');
          if (Number.isNaN(Date.parse(start))) throw new errors.ValidationError('`start`: the session’s start, as an ISO date-time.');
          ctx.body = (await service.roll(documentId, start)) satisfies RollEntry[];
        },
      },
      {
        method: 'POST',
        path: '/coesione/bookings/cancel-session/:documentId',
        config: auth,
        async handler(ctx: Context) {
          const { documentId } = ctx.params as { documentId: string };
          await requireOrganiser(ctx, documentId);
          const body = (ctx.request as { body?: unknown }).body;
          const start = isRecord(body) && typeof body.start === 'string' ? body.start : '';
          ctx.body = (await service.cancelSession(documentId, start)) satisfies CancelSessionAnswer;
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
