/**
 * The pact document of every published pact, at /patti/<slug>/patto.pdf: the district's template filled
 * with the pact's fields, as a tagged PDF (lib/present/pact-document.ts). Written at build time, like the pages.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { entriesOf } from '~/lib/read/content';
import type { SectionEntry } from '~/lib/present/sections';
import { pactDocumentFor } from '~/lib/read/pact-pages';

export const getStaticPaths = (async () =>
  (await entriesOf('pact')).map((entry) => ({ params: { slug: entry.data.slug }, props: { entry } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { entry } = props as { entry: SectionEntry<'pact'> };
  return new Response(new Uint8Array(await pactDocumentFor(entry.data)), { headers: { 'Content-Type': 'application/pdf' } });
};
