/**
 * Indexed documents carry the names of what they point at (a theme, a comune, an organisation...), so
 * renaming or deleting one of those must refresh the published entries that show it.
 */
import type { UID } from '@strapi/strapi';
import { isRecord, stringParam, type Model } from '../../platform/published-change';
import type { SearchHost } from './host';
import type { Change } from './outbox';

/**
 * Where indexed types point at `source`: filter paths such as ['themes'] or ['location', 'municipality'].
 * One level of components is enough: that is as deep as the content model nests a relation.
 */
export function dependentPaths<U extends string>(getModel: (uid: string) => Model, indexed: readonly U[], source: string): { uid: U; path: string[] }[] {
  const found: { uid: U; path: string[] }[] = [];
  for (const uid of indexed) {
    for (const [name, attribute] of Object.entries(getModel(uid).attributes)) {
      if (attribute.type === 'relation' && attribute.target === source) found.push({ uid, path: [name] });
      if (attribute.type === 'component' && attribute.component) {
        for (const [inner, nested] of Object.entries(getModel(attribute.component).attributes)) {
          if (nested.type === 'relation' && nested.target === source) found.push({ uid, path: [name, inner] });
        }
      }
    }
  }
  return found;
}

/** The published entries (every locale) that show `documentId` of `source`, as upserts to record. */
export async function findDependents(
  host: Pick<SearchHost, 'documents' | 'getModel'>,
  indexed: readonly UID.ContentType[],
  source: string,
  documentId: string,
): Promise<Change[]> {
  const changes: Change[] = [];
  for (const { uid, path } of dependentPaths((u) => host.getModel(u), indexed, source)) {
    const filters = path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { documentId });
    const found = await host.documents(uid).findMany({ filters, status: 'published', locale: '*', fields: ['documentId', 'locale'], limit: 100000 });
    for (const entry of Array.isArray(found) ? found.filter(isRecord) : []) {
      const entryId = stringParam(entry.documentId);
      const entryLocale = stringParam(entry.locale);
      if (entryId && entryLocale) changes.push({ contentType: uid, entryId, entryLocale, operation: 'upsert' });
    }
  }
  return changes;
}
