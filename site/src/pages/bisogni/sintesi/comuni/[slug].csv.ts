/** /bisogni/sintesi/comuni/<slug>.csv: a comune's digest, the same rows as its page. */
import type { APIRoute } from 'astro';
import { digestCsv } from '~/lib/present/need-digest-rows';
import { comuneDigests, type ComuneDigest } from '~/lib/read/need-digests';

export async function getStaticPaths() {
  return (await comuneDigests()).map((d) => ({ params: { slug: d.comune.slug }, props: d }));
}

export const GET: APIRoute = ({ props }) => new Response(digestCsv((props as ComuneDigest).digest), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
