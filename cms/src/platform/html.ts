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

/**
 * The site's header, breadcrumb and footer around a page the site serves under its own address (a proxy
 * rewrite of the site's build): the reader is on the site, and the page should say so.
 */
export interface SiteFrame {
  /** The site's origin, without a trailing slash. */
  siteUrl: string;
  /** [path on the site, label] of each step between Home and this page. */
  trail: [string, string][];
}

const FRAME_STYLE = `
  .skip { position: absolute; left: -999rem; } .skip:focus { left: 1rem; top: 1rem; z-index: 1; background: #fff; padding: .5rem; }
  .site-slim { background: #004080; color: #fff; font-size: .875rem; }
  .site-brand { background: #0066cc; color: #fff; }
  .site-slim p, .site-brand p { max-width: 42rem; margin: 0 auto; padding: .5rem 1rem; }
  .site-brand a { color: #fff; font-size: 1.5rem; font-weight: 700; text-decoration: none; }
  .site-brand a:hover { text-decoration: underline; }
  .breadcrumb { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: .25rem; font-size: .9375rem; }
  .breadcrumb li + li::before { content: "/"; margin-right: .25rem; color: #5c6f82; }
  .site-footer { background: #003366; color: #fff; }
  .site-footer div { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem; }
  .site-footer a { color: #fff; }
`;

/** A whole page; `style` adds rules of its own (the search results page); `frame` draws it as a page of the site. */
export function page(title: string, body: string, style = '', frame?: SiteFrame): string {
  const home = frame ? `${frame.siteUrl}/` : '';
  const steps = frame ? [[home, 'Home'], ...frame.trail.map(([href, label]) => [`${frame.siteUrl}${href}`, label])] : [];
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Coesione</title>
<style>${STYLE}${frame ? FRAME_STYLE : ''}${style}</style>
</head>
<body>
${frame ? `<a class="skip" href="#contenuto">Vai al contenuto</a>
<header>
<div class="site-slim"><p>Distretto di Coesione Sociale di Vercelli</p></div>
<div class="site-brand"><p><a href="${escapeHtml(home)}">Coesione</a></p></div>
</header>
<main id="contenuto" tabindex="-1">
<nav aria-label="Percorso di navigazione">
<ol class="breadcrumb">
${steps.map(([href, label]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`).join('\n')}
<li aria-current="page">${escapeHtml(title)}</li>
</ol>
</nav>
` : '<main>\n'}<h1>${escapeHtml(title)}</h1>
${body}
</main>
${frame ? `<footer class="site-footer">
<div>
<p>Coesione · Distretto di Coesione Sociale di Vercelli</p>
<p><a href="${escapeHtml(`${frame.siteUrl}/accessibilita/`)}">Dichiarazione di accessibilità</a> · <a href="${escapeHtml(`${frame.siteUrl}/privacy/`)}">Privacy</a> · <a href="${escapeHtml(`${frame.siteUrl}/note-legali/`)}">Note legali</a></p>
</div>
</footer>
` : ''}</body>
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
