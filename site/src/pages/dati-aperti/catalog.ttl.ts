/** `/dati-aperti/catalog.ttl`: the DCAT-AP_IT catalogue of the open data, in Turtle (the portals harvest it). */
import type { APIRoute } from 'astro';
import { turtle } from '~/lib/formats/dcat';
import { catalog } from '~/lib/read/open-data';

export const GET: APIRoute = async ({ site }) => new Response(turtle(await catalog(site?.href ?? 'http://localhost/')), { headers: { 'content-type': 'text/turtle; charset=utf-8' } });
