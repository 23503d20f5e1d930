/**
 * `/cerca/vocabolario.json`: the words of the published content with how many documents hold each, which
 * the search island fetches only when a query finds almost nothing, to offer «Forse cercavi…».
 */
import type { APIRoute } from 'astro';
import { vocabularyFile } from '~/lib/read/suggest';

export const GET: APIRoute = async () => new Response(JSON.stringify(await vocabularyFile()), { headers: { 'content-type': 'application/json' } });
