/** `/dati-aperti/catalog.rdf`: the same DCAT-AP_IT catalogue in RDF/XML. */
import type { APIRoute } from 'astro';
import { rdfXml } from '~/lib/formats/dcat';
import { catalog } from '~/lib/read/open-data';

export const GET: APIRoute = async ({ site }) => new Response(rdfXml(await catalog(site?.href ?? 'http://localhost/')), { headers: { 'content-type': 'application/rdf+xml' } });
