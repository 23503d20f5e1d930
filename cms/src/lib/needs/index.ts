/**
 * The need-data loop: records kept by Third Sector partners (private, their own only), turned inside the
 * CMS into published figures under statistical disclosure control. See service.ts for the flow.
 */
import type { Core } from '@strapi/strapi';
import { applyRetention, needSettings, refreshFigures } from './service';

export { registerNeedRecords } from './records';
export { registerNeedRoutes } from './routes';
export { computeFigures, importNeedCsv, applyRetention, needSettings } from './service';

/**
 * Checks the settings (NEED_MIN_CELL under 3 stops the CMS here, at start) and schedules the daily job:
 * retention first, then the figures (a quarter that froze overnight is computed one last time).
 */
export function registerNeedJobs(strapi: Core.Strapi): void {
  needSettings();
  strapi.cron.add({
    coesioneNeeds: {
      task: async () => {
        try {
          await applyRetention(strapi);
        } catch (error) {
          strapi.log.error(`Need records' retention failed: ${(error as Error).message}`);
        }
        await refreshFigures(strapi);
      },
      options: { rule: '20 3 * * *', tz: 'Europe/Rome' },
    },
  });
}
