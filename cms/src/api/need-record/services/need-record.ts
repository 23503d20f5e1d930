/**
 * The need loop's operations for the CMS's own scripts (seed, backup, tests): `strapi.service('api::need-record.need-record')`.
 * No routes reach it; the partner's routes are in src/features/needs/routes.ts.
 */
import { factories } from '@strapi/strapi';
import { applyRetention, computeFigures, importNeedCsv, previewNeedCsv, storeRecordsFor, type SeedRecord } from '../../../features/needs/service';

export default factories.createCoreService('api::need-record.need-record', ({ strapi }) => ({
  storeRecordsFor: (organizationSlug: string, rows: SeedRecord[], receivedAt?: (month: string) => Date) => storeRecordsFor(strapi, organizationSlug, rows, receivedAt),
  computeFigures: (now?: Date) => computeFigures(strapi, now),
  applyRetention: (now?: Date) => applyRetention(strapi, now),
  previewCsv: (actor: { id: number; email: string }, bytes: Uint8Array, options: { validOnly: boolean; now?: Date }) => previewNeedCsv(strapi, actor, bytes, options),
  // Scripts (the bench) confirm their own preview at once: no one is there to read it.
  importCsv: async (actor: { id: number; email: string }, bytes: Uint8Array, options: { validOnly: boolean; now?: Date }) =>
    importNeedCsv(strapi, actor, bytes, { ...options, plan: (await previewNeedCsv(strapi, actor, bytes, options)).plan }),
}));
