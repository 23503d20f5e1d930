import type { Core } from '@strapi/strapi';
import { guardAdminRoutes } from './lib/access/admin-routes';
import { registerPartnerConditions } from './lib/access/partner-conditions';
import { syncAdminLayouts } from './lib/admin-layout';
import { PUBLIC_TYPES } from './lib/content-types';
import { registerContentGuard } from './lib/content-guard';
import { registerCoordinateField } from './lib/coordinates';
import { useWriteAheadLog } from './lib/coordination/tables';
import { ensureLookupIndexes } from './lib/indexes';
import { registerPactStages } from './lib/pacts/stages';
import { registerPartnerLink } from './lib/partners';
import { syncAccess } from './lib/permissions';
import { registerRebuildHook } from './lib/rebuild-hook';
import { registerPartnerQueueAction } from './lib/review/queue-action';
import { registerReviewReset, registerReviewRoutes } from './lib/review/routes';
import { registerSiteRoutes } from './lib/site/routes';
import { registerSlugFromTitle } from './lib/slug-from-title';
import { registerSearchSync, startSearchWorker } from './lib/search';
import { registerModeration } from './lib/submissions/moderation';
import { registerNeedJobs, registerNeedRecords, registerNeedRoutes } from './lib/needs';

let stopSearchWorker: () => Promise<void> = async () => {};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Before the schemas are read: shared.location's coordinates are this custom field.
    registerCoordinateField(strapi);
    // Before the guards: route-policy.ts declares these routes and guardAdminRoutes attaches its checks.
    registerNeedRoutes(strapi);
    registerReviewRoutes(strapi);
    registerSiteRoutes(strapi);
    guardAdminRoutes(strapi);
    // Before the content guard, so a new entry's slug is the title's by the time required fields are checked.
    registerSlugFromTitle(strapi, PUBLIC_TYPES);
    registerContentGuard(strapi, PUBLIC_TYPES);
    registerSearchSync(strapi, PUBLIC_TYPES);
    registerRebuildHook(strapi, PUBLIC_TYPES);
    registerModeration(strapi);
    registerPartnerLink(strapi);
    registerNeedRecords(strapi);
    registerReviewReset(strapi);
    registerPactStages(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await useWriteAheadLog(strapi.db.connection);
    await ensureLookupIndexes(strapi, PUBLIC_TYPES);
    await registerPartnerQueueAction(strapi);
    await registerPartnerConditions(strapi);
    await syncAccess(strapi);
    await syncAdminLayouts(strapi);
    stopSearchWorker = startSearchWorker(strapi);
    registerNeedJobs(strapi);
  },

  async destroy() {
    await stopSearchWorker();
  },
};
