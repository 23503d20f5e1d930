/**
 * The built site's pages grouped into families: the pages one template draws with other data of the same
 * shape. The families come from the site's routes (site/src/pages), so a route added later is covered
 * without editing a list: every built page must belong to a route, and every route that draws HTML must
 * have drawn a page. The expensive page checks (reflow at 320 px, the Nu checker, pa11y) read one page of
 * each family plus a seeded sample of the rest; the cheap ones still read every page.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SITE_DIR } from '@coesione/scripts/lib/paths.ts';
import { parseRedirects } from '@coesione/scripts/lib/static-server.ts';

/**
 * Route parameters whose value picks a layout rather than data: each value is a family of its own
 * (`[section]` draws a practice, an opportunity or a regulation; `[facet]` a pact filter by stage,
 * comune, theme, kind or organisation). Every other parameter is data.
 */
const LAYOUT_PARAMS = new Set(['section', 'facet']);

interface Route {
  /** The route file, relative to site/src/pages. */
  file: string;
  segments: string[];
  pattern: RegExp;
}

const PAGES_DIR = path.join(SITE_DIR, 'src', 'pages');

/** The routes that draw HTML pages (.astro files), most specific first, as Astro ranks them. */
export function htmlRoutes(pagesDir = PAGES_DIR): Route[] {
  const files = fs.readdirSync(pagesDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.astro'));
  const routes = files.map((file) => {
    const segments = file.replace(/\.astro$/, '').split(path.sep).filter((s, i, all) => !(s === 'index' && i === all.length - 1));
    const source = segments
      .map((s) => (/^\[\.\.\.\w+\]$/.test(s) ? '(?:[^?#]+/)?' : /^\[\w+\]$/.test(s) ? '[^/]+/' : `${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`))
      .join('');
    return { file, segments, pattern: new RegExp(file === '404.astro' ? '^/404\\.html$' : `^/${source}$`) };
  });
  const rank = (s: string) => (s.startsWith('[...') ? 2 : s.startsWith('[') ? 1 : 0);
  return routes.sort((a, b) => {
    for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
      const [x, y] = [a.segments[i], b.segments[i]];
      if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
      if (rank(x) !== rank(y)) return rank(x) - rank(y);
    }
    return a.file.localeCompare(b.file);
  });
}

/**
 * The routes a build proxies to the CMS (its `_redirects`, as the static server reads it): pages drawn at
 * request time under the site's address, a family each. No file of the build holds them, so a test names a
 * page of each; one it does not name is unused, and fails like a template that drew no page. They come first:
 * a proxied page's address would otherwise look like a page of `[section]/[slug]`.
 */
export function proxyRoutes(buildDir: string): Route[] {
  const file = path.join(buildDir, '_redirects');
  if (!fs.existsSync(file)) return [];
  return parseRedirects(fs.readFileSync(file, 'utf8'), file).map((rule) => ({
    file: `_redirects: /${rule.parts.join('/')}/`,
    segments: rule.parts.map((part) => (part.startsWith(':') ? `[${part.slice(1)}]` : part)),
    pattern: new RegExp(`^/${rule.parts.map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/$`, 'i'),
  }));
}

/** A built file's address: `a/b/index.html` → `/a/b/`, `404.html` → `/404.html`. */
export const pathnameOf = (file: string) => `/${file.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1')}`;

export interface PageFamilies {
  /** Family name (the route, with its layout parameters filled in) → its pages, sorted. */
  families: Map<string, string[]>;
  /** Built pages no route draws: each is a failure (a page from nowhere, or a route this module misreads). */
  orphans: string[];
  /** HTML routes that drew no page: each is a failure (a template nothing checks). */
  unused: string[];
}

/** Groups the pathnames of a build by the route that drew them. */
export function pageFamilies(pathnames: string[], routes = htmlRoutes()): PageFamilies {
  const families = new Map<string, string[]>();
  const used = new Set<string>();
  const orphans: string[] = [];
  for (const pathname of [...pathnames].sort()) {
    const route = routes.find((r) => r.pattern.test(pathname));
    if (!route) {
      orphans.push(pathname);
      continue;
    }
    used.add(route.file);
    const parts = pathname.split('/').filter(Boolean);
    const name = route.segments.map((s, i) => (LAYOUT_PARAMS.has(s.replace(/^\[(.*)\]$/, '$1')) ? parts[i] : s)).join('/') || 'index';
    families.set(name, [...(families.get(name) ?? []), pathname]);
  }
  return { families, orphans, unused: routes.map((r) => r.file).filter((f) => !used.has(f)) };
}

/** The sample's seed: TEST_SAMPLE_SEED when set (to replay a failure), else the commit under test. */
export function sampleSeed(): number {
  const given = process.env.TEST_SAMPLE_SEED;
  if (given) return Number(given) >>> 0;
  let head = '';
  try {
    head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: SITE_DIR, encoding: 'utf8' }).trim();
  } catch {
    head = new Date().toISOString().slice(0, 10);
  }
  return Number.parseInt(head.slice(0, 8), 16) >>> 0 || [...head].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
}

/** mulberry32: a small, well-known seeded generator; the same seed gives the same sample. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The pages an expensive check reads: the first page of every family, then `extra` more drawn from the
 * rest with `seed`. Sorted, so two checks given the same arguments read the same pages.
 */
export function pagesToCheck(families: Map<string, string[]>, extra: number, seed: number): string[] {
  const chosen = [...families.values()].map((members) => members[0]!);
  const rest = [...families.values()].flatMap((members) => members.slice(1));
  const next = random(seed);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...chosen, ...rest.slice(0, extra)].sort();
}
