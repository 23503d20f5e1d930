/**
 * Attachments of practices and regulations, copied from the CMS's uploads into the built site (named by
 * content hash, so a changed file gets a new URL): the public site never links to the CMS.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { cachedUpload } from '~/lib/cms/uploads';
import { attachmentsOf } from '~/lib/present/cards';
import { entriesOf } from '~/lib/read/content';

export const getStaticPaths = (async () => {
  const files = new Set<string>();
  for (const type of ['practice', 'regulation'] as const) {
    for (const entry of await entriesOf(type)) for (const a of attachmentsOf(entry.data)) files.add(a.file);
  }
  return [...files].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => new Response(new Uint8Array(cachedUpload(params.file ?? '')));
