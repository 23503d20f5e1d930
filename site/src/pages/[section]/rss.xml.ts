import type { APIRoute } from 'astro';
import { FEED_TYPES, feedResponse, sectionFeedTitle } from '~/lib/formats/feeds';
import { feedItems } from '~/lib/read/feed-items';
import { sectionSlug } from '~/lib/read/listing';

export const getStaticPaths = () => FEED_TYPES.map((type) => ({ params: { section: sectionSlug(type) }, props: { type } }));

export const GET: APIRoute = async ({ props, site, url }) => {
  const type = props.type as (typeof FEED_TYPES)[number];
  const items = (await feedItems()).filter((i) => i.type === type);
  return feedResponse(site, sectionFeedTitle(type), `Le ultime schede pubblicate su Coesione.`, url.pathname, items);
};
