/**
 * The outbox writer: a document-service middleware that lets the CMS write complete, then records what
 * the write changed in public (publish → upsert; unpublish or delete → delete; a draft edit → nothing),
 * plus the published entries that show what was renamed or deleted.
 *
 * `next()` is the one call outside a guard: whatever goes wrong with search, the write neither is skipped
 * nor fails. A change this could not record is logged; a full reindex (`npm run search:reindex`) repairs it.
 */
import { searchTypeOf } from '@coesione/search';
import type { PublicType } from '../../platform/content-types';
import { changeOf, changesPublished, isRecord, stringParam, type DocumentContext, type DocumentMiddleware } from '../../platform/published-change';
import { findDependents } from './dependents';
import type { SearchHost } from './host';
import { localesOf } from './locales';
import { recordChanges, type Change } from './outbox';

export function searchRecorder(host: SearchHost, uids: readonly PublicType[]): DocumentMiddleware {
  const indexedUids = uids.filter((uid) => searchTypeOf(uid));
  const indexed = new Set<string>(indexedUids);
  const sources = new Set<string>(uids);

  /** Does this call change a public entry whose name indexed documents carry? */
  const changesSource = (context: DocumentContext) => sources.has(context.uid) && changesPublished(host.getModel(context.uid), context.action, context.params);

  const guarded = async <T>(context: DocumentContext, entryId: string | undefined, fallback: T, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      host.log.error(`search: could not record ${context.action} of ${context.uid} ${entryId ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };

  /** The entry's own rows: one per locale the call touched. */
  const ownChanges = async (context: DocumentContext, entryId: string): Promise<Change[]> => {
    const operation = indexed.has(context.uid) ? changeOf(context.action, context.params) : undefined;
    if (!operation) return [];
    return (await localesOf(host, context.params.locale)).map((entryLocale) => ({ contentType: context.uid, entryId, entryLocale, operation }));
  };

  return async (context, next) => {
    const documentId = stringParam(context.params.documentId);
    // After a delete the links are gone: find the entries that showed this one while they still do.
    const before =
      context.action === 'delete' && documentId
        ? await guarded(context, documentId, [], async () => (changesSource(context) ? findDependents(host, indexedUids, context.uid, documentId) : []))
        : [];

    const result = await next();

    const entryId = documentId ?? (isRecord(result) ? stringParam(result.documentId) : undefined);
    if (entryId) {
      await guarded(context, entryId, undefined, async () => {
        await recordChanges(host, await ownChanges(context, entryId));
        if (changesSource(context)) await recordChanges(host, context.action === 'delete' ? before : await findDependents(host, indexedUids, context.uid, entryId));
      });
    }
    return result;
  };
}
