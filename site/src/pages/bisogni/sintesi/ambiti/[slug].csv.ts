/** /bisogni/sintesi/ambiti/<slug>.csv: an ambito's digest, the same rows as its page. */
import type { APIRoute } from 'astro';
import { digestCsv } from '~/lib/present/need-digest-rows';
import { ambitoDigests, type AmbitoDigest } from '~/lib/read/need-digests';

export async function getStaticPaths() {
  return (await ambitoDigests()).map((d) => ({ params: { slug: d.ambito.slug }, props: d }));
}

export const GET: APIRoute = ({ props }) => new Response(digestCsv((props as AmbitoDigest).digest), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
