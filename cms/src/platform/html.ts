/**
 * The CMS's own Italian pages, for browsers with no JavaScript (the participation forms' answers, the
 * no-JS search, a booking): self-contained (no scripts, a few inline styles), each with lang="it", a title
 * and one h1. The site's look in brief; the colours are the site's tokens.
 */
import type { Context } from 'koa';
export const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STYLE = `
  body { font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #17324d; margin: 0; background: #fff; }
  main { max-width: 42rem; margin: 0 auto; padding: 2rem 1rem; }
  h1 { font-size: 1.75rem; line-height: 1.25; }
  a { color: #0059b3; }
  a:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .receipt { font: 700 1.5rem/1.2 ui-monospace, "SFMono-Regular", Menlo, monospace; letter-spacing: .08em; }
  .errors { border-left: 4px solid #a61919; padding: .5rem 1rem; }
  dt { font-weight: 700; margin-top: .75rem; } dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  button { font: inherit; padding: .6rem 1.25rem; background: #0059b3; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;

/** A whole page; `style` adds rules of its own (the search results page). */
export function page(title: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Coesione</title>
<style>${STYLE}${style}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/**
 * Answers with one of these pages: never cached, never indexed, and never telling the next site the address
 * (it may hold a personal link).
 */
export function sendPage(ctx: Context, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.body = body;
}
