import type { Core } from '@strapi/strapi';
import { guardAdminRoutes } from './lib/access/admin-routes';
import { PUBLIC_TYPES } from './lib/content-types';
import { registerContentGuard } from './lib/content-guard';
import { ensureLookupIndexes } from './lib/indexes';
import { registerPartnerLink } from './lib/partners';
import { syncAccess } from './lib/permissions';
import { registerRebuildHook } from './lib/rebuild-hook';
import { registerSearchSync, startSearchWorker } from './lib/search';
import { registerModeration } from './lib/submissions/moderation';
import { registerNeedJobs, registerNeedRecords, registerNeedRoutes } from './lib/needs';

let stopSearchWorker: () => Promise<void> = async () => {};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Before the guards, so that the role gate covers the need routes too.
    registerNeedRoutes(strapi);
    guardAdminRoutes(strapi);
    registerContentGuard(strapi, PUBLIC_TYPES);
    registerSearchSync(strapi, PUBLIC_TYPES);
    registerRebuildHook(strapi, PUBLIC_TYPES);
    registerModeration(strapi);
    registerPartnerLink(strapi);
    registerNeedRecords(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLookupIndexes(strapi, PUBLIC_TYPES);
    await syncAccess(strapi);
    stopSearchWorker = startSearchWorker(strapi);
    registerNeedJobs(strapi);
  },

  async destroy() {
    await stopSearchWorker();
  },
};
