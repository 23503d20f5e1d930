import type { Core } from '@strapi/strapi';
import { PUBLIC_TYPES } from './lib/content-types';
import { registerContentGuard } from './lib/content-guard';
import { ensureLookupIndexes } from './lib/indexes';
import { syncAccess } from './lib/permissions';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerContentGuard(strapi, PUBLIC_TYPES);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLookupIndexes(strapi, PUBLIC_TYPES);
    await syncAccess(strapi);
  },
};
