/**
 * The slug follows the title. The admin asks for a slug when a new entry opens, before any title exists,
 * and Strapi answers the type's name ("practice", "practice-1"…), never updating it as the title is typed.
 * On every create or update where the slug is still that placeholder (or empty) and a title is given, the
 * slug becomes the title's, unique in its type (Strapi's own generator: lower case, accents stripped,
 * «Città» → citta, «L'orto» → l-orto).
 */
import type { Core } from '@strapi/strapi';
import { isRecord } from './published-change';

interface UidService {
  generateUIDField(args: { contentTypeUID: string; field: string; data: Record<string, unknown>; locale?: string }): Promise<string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function registerSlugFromTitle(strapi: Core.Strapi, uids: readonly string[]): void {
  const slugs = new Map<string, { field: string; target: string; placeholder: RegExp }>();
  for (const uid of uids) {
    const model = strapi.getModel(uid as never) as unknown as { modelName: string; attributes: Record<string, { type: string; targetField?: string }> } | undefined;
    const [field, attribute] = Object.entries(model?.attributes ?? {}).find(([, a]) => a.type === 'uid' && a.targetField) ?? [];
    if (model && field && attribute?.targetField) slugs.set(uid, { field, target: attribute.targetField, placeholder: new RegExp(`^${escape(model.modelName)}(-\\d+)?$`) });
  }
  strapi.documents.use(async (context, next) => {
    const slug = slugs.get(context.uid);
    const data = context.params && isRecord((context.params as { data?: unknown }).data) ? ((context.params as { data: Record<string, unknown> }).data) : undefined;
    if (slug && data && (context.action === 'create' || context.action === 'update')) {
      const title = typeof data[slug.target] === 'string' ? (data[slug.target] as string).trim() : '';
      const current = typeof data[slug.field] === 'string' ? (data[slug.field] as string) : undefined;
      const placeholder = current === '' || (current !== undefined && slug.placeholder.test(current)) || (context.action === 'create' && current === undefined);
      if (title && placeholder) {
        const uidService = strapi.plugin('content-manager').service('uid') as UidService;
        const locale = typeof (context.params as { locale?: unknown }).locale === 'string' ? ((context.params as { locale: string }).locale) : undefined;
        data[slug.field] = await uidService.generateUIDField({ contentTypeUID: context.uid, field: slug.field, data, locale });
      }
    }
    return next();
  });
}
