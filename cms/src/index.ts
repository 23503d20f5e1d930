import type { Core } from '@strapi/strapi';
import { guardAdminRoutes } from './platform/access/admin-routes';
import { registerPartnerConditions } from './platform/access/partner-conditions';
import { syncAdminLayouts } from './platform/admin-layout';
import { PUBLIC_TYPES } from './platform/content-types';
import { registerContentGuard } from './platform/content-guard';
import { registerCoordinateField } from './platform/coordinates';
import { useWriteAheadLog } from './platform/coordination/tables';
import { ensureLookupIndexes } from './platform/indexes';
import { pactsAccess, registerPactStages } from './features/pacts';
import { registerPartnerLink } from './platform/partners';
import { syncAccess } from './platform/permissions';
import { registerRebuildHook } from './platform/site/rebuild-hook';
import { registerPartnerQueueAction, registerReviewReset, registerReviewRoutes, reviewAccess } from './features/review';
import { registerSiteRoutes } from './platform/site/routes';
import { registerSlugFromTitle } from './platform/slug-from-title';
import { registerSearchSync, startSearchWorker } from './features/search-sync';
import { registerModeration } from './features/participation/moderation';
import { needsAccess, registerNeedJobs, registerNeedRecords, registerNeedRoutes } from './features/needs';
import type { FeatureAccess } from './platform/features';

/** What each feature brings to the access layer (platform/features.ts): the platform collects these. */
const FEATURES: readonly FeatureAccess[] = [needsAccess, pactsAccess, reviewAccess];

let stopSearchWorker: () => Promise<void> = async () => {};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Before the schemas are read: shared.location's coordinates are this custom field.
    registerCoordinateField(strapi);
    // Before the guards: route-policy.ts declares these routes and guardAdminRoutes attaches its checks.
    registerNeedRoutes(strapi);
    registerReviewRoutes(strapi);
    registerSiteRoutes(strapi);
    guardAdminRoutes(strapi, FEATURES);
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
    await syncAccess(strapi, FEATURES);
    await syncAdminLayouts(strapi);
    stopSearchWorker = startSearchWorker(strapi);
    registerNeedJobs(strapi);
  },

  async destroy() {
    await stopSearchWorker();
  },
};
