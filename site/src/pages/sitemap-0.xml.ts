import type { APIRoute } from 'astro';
import { sitemap } from '../lib/formats/machine';
import { allPaths } from '../lib/read/urls';

export const GET: APIRoute = async ({ site }) =>
  new Response(sitemap((await allPaths()).map((p) => new URL(p, site).href)), { headers: { 'content-type': 'application/xml' } });
