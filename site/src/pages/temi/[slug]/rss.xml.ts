import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { feedItems } from '~/lib/read/feed-items';
import { feedResponse } from '~/lib/formats/feeds';

export async function getStaticPaths() {
  const themes = (await getCollection('themes')) as unknown as { data: { slug: string; name: string } }[];
  return themes.map((t) => ({ params: { slug: t.data.slug }, props: { name: t.data.name } }));
}

export const GET: APIRoute = async ({ params, props, site, url }) =>
  feedResponse(site, `${props.name as string} – Coesione`, `Buone prassi e opportunità sul tema ${props.name as string}.`, url.pathname, await feedItems(params.slug));
