/**
 * The need-data loop: records kept by Third Sector partners (private, their own only), turned inside the
 * CMS into published figures under statistical disclosure control. See service.ts for the flow.
 */
import type { Core } from '@strapi/strapi';
import { romeDay } from '@coesione/model';
import { databaseCoordination } from '../../platform/coordination';
import type { Feature } from '../../platform/features';
import { needAudit, needCategory, needFigure, needRecord, needService } from './admin-layout';
import { needRecordsGuard, needRecordsOffHome } from './guard';
import { applyRetention, needSettings, refreshFigures } from './service';

import { registerNeedRecords } from './records';
import { registerNeedRoutes } from './routes';

export { computeFigures, importNeedCsv, applyRetention, needSettings } from './service';

const editsEntries = (path: string) => path.startsWith('/content-manager/collection-types/:model') || path.startsWith('/content-manager/relations/:model');

export const needs: Feature = {
  routes: registerNeedRoutes,
  register: registerNeedRecords,
  start: registerNeedJobs,
  adminLayouts: { 'need-category': needCategory, 'need-service': needService, 'need-figure': needFigure, 'need-record': needRecord, 'need-audit': needAudit },
  // Need records are their partner's alone: in the content manager, and off the admin home's recent documents.
  adminGuards: (strapi) => [
    { applies: (_key, path) => editsEntries(path), guard: needRecordsGuard(strapi) },
    { applies: (key) => key === 'GET /content-manager/homepage/recent-documents', guard: needRecordsOffHome },
  ],
};

/**
 * Checks the settings (NEED_MIN_CELL under 3 stops the CMS here, at start) and schedules the daily job:
 * retention first, then the figures (a quarter that froze overnight is computed one last time). Every
 * CMS process schedules it; the one that claims the day in the database runs it.
 */
function registerNeedJobs(strapi: Core.Strapi): void {
  needSettings();
  const coordination = databaseCoordination(() => strapi.db.connection, strapi.log);
  strapi.cron.add({
    coesioneNeeds: {
      task: async () => {
        // The day in Italy is the run a daily job claims.
        if (!(await coordination.claimRun('needs-daily', romeDay(new Date())))) return;
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
