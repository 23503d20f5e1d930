/** Which document-service actions change what the public sees (the search index, the static site). */

export type Attribute = { type: string; target?: string; component?: string };
export type Model = { attributes: Record<string, Attribute>; options?: { draftAndPublish?: boolean } };

/** What an action changes in the published content of a draft & publish type, or nothing (drafts are private). */
export function changeOf(action: string, params: { status?: string }): 'upsert' | 'delete' | undefined {
  if (action === 'publish') return 'upsert';
  if ((action === 'create' || action === 'update') && params.status === 'published') return 'upsert';
  if (action === 'unpublish' || action === 'delete') return 'delete';
  return undefined;
}

/** Does this action change what the public sees of `model`? Without draft & publish every write is public. */
export const changesPublished = (model: Model, action: string, params: { status?: string }): boolean =>
  model.options?.draftAndPublish ? changeOf(action, params) !== undefined : ['create', 'update', 'delete'].includes(action);
