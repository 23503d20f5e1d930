/**
 * What a feature brings to the platform: its routes, document-service hooks, admin actions, jobs, and its
 * lines in the access layer. Each feature declares it in its own `index.ts`; `cms/src/index.ts` lists the
 * features and calls these at Strapi's lifecycle steps, and the access layer collects the declarations and
 * imports no feature (platform/ knows no feature; features/ build on it).
 */
import type { Core } from '@strapi/strapi';
import type { TypeKey } from '@coesione/model';
import type { Context, Next } from 'koa';
import type { TypeLayout } from './admin-layout/declare';

export type AdminGuard = (ctx: Context, next: Next) => Promise<void>;

export interface Feature {
  /** At `register`, before the admin route guards are attached: the feature's admin routes (each with its line in access/route-policy.ts). */
  routes?(strapi: Core.Strapi): void;
  /** At `register`, after the platform's own document-service middlewares: the feature's. */
  register?(strapi: Core.Strapi): void;
  /** At `bootstrap`, before the roles' permissions are synced: admin actions the access lines name. */
  bootstrap?(strapi: Core.Strapi): Promise<void>;
  /** At the end of `bootstrap`: workers and scheduled jobs. Returns how to stop them, if they need stopping. */
  start?(strapi: Core.Strapi): (() => Promise<void>) | void;

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
  /** The admin layouts of the feature's own content types (platform/admin-layout: labels, help, order). */
  adminLayouts?: Partial<Record<TypeKey, TypeLayout>>;
  /** Admin actions the Partner role holds besides content (a feature's own action, e.g. its home widgets). */
  partnerActions?: readonly string[];
}
