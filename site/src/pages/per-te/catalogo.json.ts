/**
 * `/per-te/catalogo.json`: what «Il mio profilo di opportunità» matches the answers against, in the browser
 * (lib/read/profile.ts). The page fetches it without any answer: the answers never leave the browser.
 */
import type { APIRoute } from 'astro';
import { profileCatalogueFile } from '~/lib/read/profile';

export const GET: APIRoute = async () => new Response(JSON.stringify(await profileCatalogueFile()), { headers: { 'content-type': 'application/json' } });
