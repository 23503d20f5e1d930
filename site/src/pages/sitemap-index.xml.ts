import type { APIRoute } from 'astro';
import { sitemapIndex } from '../lib/formats/machine';

export const GET: APIRoute = ({ site }) => new Response(sitemapIndex([new URL('/sitemap-0.xml', site).href]), { headers: { 'content-type': 'application/xml' } });
