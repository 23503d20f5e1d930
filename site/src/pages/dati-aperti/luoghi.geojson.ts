/** `/dati-aperti/luoghi.geojson`: every public place as an RFC 7946 FeatureCollection (the map reads it). */
import type { APIRoute } from 'astro';
import { allPlaces } from '~/lib/read/load-places';
import { toFeatureCollection } from '~/lib/present/places';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(toFeatureCollection(await allPlaces())), { headers: { 'content-type': 'application/geo+json' } });
