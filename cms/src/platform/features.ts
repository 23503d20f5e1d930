/**
 * What a feature brings to the platform's access layer. Each feature declares it in its own `index.ts`;
 * `cms/src/index.ts` lists the features and hands the list to the platform, which collects the
 * declarations and imports no feature (platform/ knows no feature; features/ build on it).
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

export type AdminGuard = (ctx: Context, next: Next) => Promise<void>;

export interface FeatureAccess {
  /**
   * Checks added to admin routes (platform/access/admin-routes.ts), after the role gate and the check
   * that hides other admins: `applies` gets the route as `METHOD /path` and its path.
   */
  adminGuards?(strapi: Core.Strapi): { applies(key: string, path: string): boolean; guard: AdminGuard }[];
  /**
   * Fields a Partner reads but never writes (platform/permissions.ts keeps them out of its create and
   * update permissions): on one content type, or on every type (`'*'`). A component's fields go by its
   * attribute's name.
   */
  officeOnlyFields?: { subject: string; fields: readonly string[] }[];
  /** Admin actions the Partner role holds besides content (a feature's own action, e.g. its home widgets). */
  partnerActions?: readonly string[];
}
