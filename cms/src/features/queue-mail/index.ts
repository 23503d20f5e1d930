/**
 * The work queue by e-mail: each morning, one message to each editor and partner with the items waiting
 * for them (items.ts, by the admin widgets' own rules), unless they chose «mai» in the admin's home widget
 * (routes.ts, preferences.ts). job.ts sends; message.ts words it.
 */
import type { Core } from '@strapi/strapi';
import type { Feature } from '../../platform/features';
import { sendQueueMail } from './job';
import { registerQueueMailRoutes } from './routes';

export { sendQueueMail } from './job';

export const queueMail: Feature = {
  routes: registerQueueMailRoutes,
  start: scheduleQueueMail,
};

/** Every CMS process schedules it; per user, the one that claims the day sends (job.ts). */
function scheduleQueueMail(strapi: Core.Strapi): void {
  strapi.cron.add({
    coesioneQueueMail: {
      task: async () => {
        try {
          await sendQueueMail(strapi);
        } catch (error) {
          strapi.log.error(`queue-mail: the daily e-mail failed: ${(error as Error).message}`);
        }
      },
      options: { rule: '0 8 * * *', tz: 'Europe/Rome' },
    },
  });
}
