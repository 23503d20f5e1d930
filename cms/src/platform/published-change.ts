/**
 * The document service as our middlewares see it, and which of its actions change what the public sees
 * (the search index, the static site).
 *
 * The types are Strapi's own narrowed to what the middlewares read. `Core.Strapi` satisfies them as it is,
 * and so does the small fake the unit tests drive (`cms/test-support/fake-strapi.ts`), neither needing a cast.
 */
import type { Modules } from '@strapi/strapi';

export type Attribute = { type: string; target?: string; component?: string; required?: boolean; repeatable?: boolean; default?: unknown };
export type Model = { attributes: Record<string, Attribute>; options?: { draftAndPublish?: boolean } };

/**
 * The parameters of a document-service call. Unknown on purpose: they come from the admin, the REST API
 * and our own scripts, and Strapi accepts more shapes than a middleware expects (a locale may be a list).
 */
export interface DocumentParams {
  documentId?: unknown;
  locale?: unknown;
  status?: unknown;
  data?: unknown;
}

export interface DocumentContext {
  uid: string;
  action: string;
  params: DocumentParams;
}

type Service = Modules.Documents.ServiceInstance;
/** Whatever a document-service action resolves to (an entry, a list, a count, null). */
export type DocumentResult = Awaited<ReturnType<Service[keyof Service]>>;
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<DocumentResult>) => Promise<DocumentResult>;

/** Where middlewares are registered: `strapi.documents.use`. */
export interface MiddlewareHost {
  documents: { use(middleware: DocumentMiddleware): unknown };
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const stringParam = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** What an action changes in the published content of a draft & publish type, or nothing (drafts are private). */
export function changeOf(action: string, params: { status?: unknown }): 'upsert' | 'delete' | undefined {
  if (action === 'publish') return 'upsert';
  if ((action === 'create' || action === 'update') && params.status === 'published') return 'upsert';
  if (action === 'unpublish' || action === 'delete') return 'delete';
  return undefined;
}

/** Does this action change what the public sees of `model`? Without draft & publish every write is public. */
export const changesPublished = (model: Model, action: string, params: { status?: unknown }): boolean =>
  model.options?.draftAndPublish ? changeOf(action, params) !== undefined : ['create', 'update', 'delete'].includes(action);
