/**
 * Bookings of workshop sessions: seats counted in one place (seats.ts), the booking rules and the waiting
 * list (service.ts), the form's checks (validation.ts) and the person's pages (html.ts), served by
 * api/booking. Every minute a job ends the holds that ran out and offers their seats on; every night one
 * deletes the bookings of sessions older than BOOKING_RETENTION_MONTHS, and every morning at 9 the
 * reminders of tomorrow's sessions go out. The organiser marks who came by code (routes.ts).
 */
import type { Core } from '@strapi/strapi';
import type { Feature } from '../../platform/features';
import { cmsBaseUrl, secret } from '../../platform/runtime';
import { booking } from './admin-layout';
import { registerSessionGuard } from './guard';
import { bookingOptions } from './options';
import { registerBookingRoutes } from './routes';
import { createBookingService } from './service';

function startHoldJob(strapi: Core.Strapi): void {
  const service = createBookingService({ strapi, options: bookingOptions(), salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(strapi) });
  strapi.cron.add({
    coesioneBookingHolds: {
      // Each process may run it: ending a hold is a conditional update only one of them wins.
      task: async () => {
        try {
          await service.expireHolds();
        } catch (error) {
          strapi.log.error(`bookings: ending expired holds failed: ${(error as Error).message}`);
        }
      },
      options: { rule: '* * * * *' },
    },
    coesioneBookingReminders: {
      // The day before, in the morning. Each reminder is claimed by one conditional update: once, whoever runs it.
      task: async () => {
        try {
          await service.remind();
        } catch (error) {
          strapi.log.error(`bookings: reminders failed: ${(error as Error).message}`);
        }
      },
      options: { rule: '0 9 * * *', tz: 'Europe/Rome' },
    },
    coesioneBookingRetention: {
      // Idempotent: every process may run it.
      task: async () => {
        try {
          const gone = await service.purgeOld();
          if (gone > 0) strapi.log.info(`bookings: ${gone} bookings of past sessions deleted (retention)`);
        } catch (error) {
          strapi.log.error(`bookings: retention failed: ${(error as Error).message}`);
        }
      },
      options: { rule: '40 3 * * *', tz: 'Europe/Rome' },
    },
  });
}

export const bookings: Feature = {
  routes: registerBookingRoutes,
  register: registerSessionGuard,
  start: startHoldJob,
  adminLayouts: { booking },
};
