/**
 * Runs on every page as it is built (and in `astro dev`): keeps the HTML valid by moving the styles Astro
 * writes into the body to the head (lib/build/head-styles.ts). Endpoints (feeds, attachments) pass untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { moveStylesToHead } from './lib/build/head-styles';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  return new Response(moveStylesToHead(await response.text()), { status: response.status, statusText: response.statusText, headers: response.headers });
});
