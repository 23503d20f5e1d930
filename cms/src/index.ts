import type { Core } from '@strapi/strapi';
import { guardAdminRoutes } from './platform/access/admin-routes';
import { registerPartnerConditions } from './platform/access/partner-conditions';
import { syncAdminLayouts } from './platform/admin-layout';
import { PUBLIC_TYPES } from './platform/content-types';
import { registerContentGuard } from './platform/content-guard';
import { registerCoordinateField } from './platform/coordinates';
import { useWriteAheadLog } from './platform/coordination/tables';
import { ensureLookupIndexes } from './platform/indexes';
import { outboxOf, startMailWorker } from './platform/mail';
import { registerMailboxRoutes } from './platform/mail/routes';
import { registerPartnerLink } from './platform/partners';
import { syncAccess } from './platform/permissions';
import { registerRebuildHook } from './platform/site/rebuild-hook';
import { registerSiteRoutes } from './platform/site/routes';
import { registerSlugFromTitle } from './platform/slug-from-title';
import { FEATURES } from './features';

const stops: (() => Promise<void>)[] = [];

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // Before the schemas are read: shared.location's coordinates are this custom field.
    registerCoordinateField(strapi);
    // Before the guards: access/route-policy.ts declares these routes and guardAdminRoutes attaches its checks.
    for (const feature of FEATURES) feature.routes?.(strapi);
    registerSiteRoutes(strapi);
    await registerMailboxRoutes(strapi);
    guardAdminRoutes(strapi, FEATURES);
    // Before the content guard, so a new entry's slug is the title's by the time required fields are checked.
    registerSlugFromTitle(strapi, PUBLIC_TYPES);
    registerContentGuard(strapi, PUBLIC_TYPES);
    registerRebuildHook(strapi, PUBLIC_TYPES);
    registerPartnerLink(strapi);
    for (const feature of FEATURES) feature.register?.(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await useWriteAheadLog(strapi.db.connection);
    await ensureLookupIndexes(strapi, PUBLIC_TYPES);
    for (const feature of FEATURES) await feature.bootstrap?.(strapi);
    await registerPartnerConditions(strapi);
    await syncAccess(strapi, FEATURES);
    await syncAdminLayouts(strapi, FEATURES);
    stops.push(startMailWorker(outboxOf(strapi), strapi.log));
    for (const feature of FEATURES) {
      const stop = feature.start?.(strapi);
      if (stop) stops.push(stop);
    }
  },

  async destroy() {
    await Promise.all(stops.splice(0).map((stop) => stop()));
  },
};
