/**
 * Bookings of workshop sessions: seats counted in one place (seats.ts), the booking rules and the waiting
 * list (service.ts), the form's checks (validation.ts) and the person's pages (html.ts), served by
 * api/booking. Every minute a job ends the holds that ran out and offers their seats on.
 */
import type { Core } from '@strapi/strapi';
import type { Feature } from '../../platform/features';
import { secret } from '../../platform/runtime';
import { booking } from './admin-layout';
import { bookingOptions } from './options';
import { createBookingService } from './service';

function startHoldJob(strapi: Core.Strapi): void {
  const service = createBookingService({ strapi, options: bookingOptions(), salt: secret('SUBMISSION_SALT') });
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
  });
}

export const bookings: Feature = {
  start: startHoldJob,
  adminLayouts: { booking },
};
