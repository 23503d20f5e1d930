/**
 * Serves a built static site as Netlify's CDN would, for `npm start`, the cross-package tests and the
 * benchmarks: index.html per folder, 404.html with status 404, the headers of `netlify.toml` and of the
 * build's `_headers` (where the Content-Security-Policy is written), the proxy rewrites of the build's
 * `_redirects` (a page the CMS draws at request time, under the site's address), and brotli or gzip for text.
 *
 * Files are looked up on every request (sirv's `dev` mode), so a rebuild swapped into place is served at
 * once. Requests are checked before any file is looked up: a malformed or traversing path is refused, and
 * dotfiles and Netlify's own files are never served. Under `npm start` this server shares its process
 * with the supervisor of the CMS and Meilisearch, so nothing a request does may throw out of it.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Readable } from 'node:stream';
import compression from 'compression';
import sirv from 'sirv';
import { parse as parseToml, type TomlValue } from 'smol-toml';
import { ROOT } from './paths.ts';
import { freePort } from './ports.ts';

/** The repository's Netlify configuration, whose `[[headers]]` the CDN adds to every matching response. */
export const NETLIFY_TOML = path.join(ROOT, 'netlify.toml');

/** A Netlify header rule: a path pattern (`*` wildcard, `:placeholder`) and the headers it adds. */
export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

export class NetlifyConfigError extends Error {
  override name = 'NetlifyConfigError';
}

/**
 * Netlify `_headers`: a line starting with `/` opens a rule, the "Name: value" lines after it belong to
 * it, `#` starts a comment. A name given twice in one rule is one header with both values, as on Netlify.
 */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('/')) {
      rules.push({ pattern: line, headers: [] });
      continue;
    }
    const at = line.indexOf(':');
    const rule = rules.at(-1);
    if (at <= 0 || !rule) continue;
    addHeader(rule.headers, line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return rules;
}

function addHeader(headers: [string, string][], name: string, value: string): void {
  const same = headers.find(([existing]) => existing.toLowerCase() === name.toLowerCase());
  if (same) same[1] = `${same[1]}, ${value}`;
  else headers.push([name, value]);
}

const isTable = (value: TomlValue | undefined): value is { [key: string]: TomlValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** `[[headers]]` blocks of a netlify.toml. Multi-line and array values become one comma-separated value, as on Netlify. */
export function parseNetlifyToml(text: string, source = 'netlify.toml'): HeaderRule[] {
  let config: { [key: string]: TomlValue };
  try {
    config = parseToml(text);
  } catch (error) {
    throw new NetlifyConfigError(`${source} is not valid TOML`, { cause: error });
  }
  const blocks = config.headers ?? [];
  if (!Array.isArray(blocks)) throw new NetlifyConfigError(`${source}: headers must be [[headers]] blocks`);
  return blocks.map((block, index) => {
    const where = `${source}: [[headers]] number ${index + 1}`;
    if (!isTable(block) || typeof block.for !== 'string') throw new NetlifyConfigError(`${where} needs a for = "/path" string`);
    const values = block.values ?? {};
    if (!isTable(values)) throw new NetlifyConfigError(`${where}: values must be a table`);
    const headers = Object.entries(values).map(([name, value]): [string, string] => {
      const parts = Array.isArray(value) ? value : [value];
      if (!parts.every((part): part is string => typeof part === 'string')) throw new NetlifyConfigError(`${where}: ${name} must be a string`);
      // A value written over several lines must still fit on one header line.
      return [name.trim(), parts.map((part) => part.trim().split(/\s*,\s*/).join(', ').replace(/\s*\n\s*/g, ' ')).join(', ')];
    });
    return { pattern: block.for.trim(), headers };
  });
}

/**
 * A `_redirects` rule this server honours: a proxy rewrite (status 200) of a path made of literal parts and
 * `:placeholder` parts to an absolute http(s) URL, which may use the placeholders.
 */
export interface ProxyRule {
  /** The path's parts: a literal, or `:name` for any one part. */
  parts: string[];
  /** The URL to fetch, with its `:name` placeholders still in it. */
  target: string;
}

const PLACEHOLDER = /^:[A-Za-z]\w*$/;
const NAMES = /:[A-Za-z]\w*/g;

/**
 * Netlify `_redirects`, the part this site uses: `from to 200`, one rule a line, `#` starts a comment. Anything
 * else (splats, query or cookie conditions, other statuses, `!`, a relative target, a placeholder the path does
 * not define) is refused with its line, rather than served differently from Netlify.
 */
export function parseRedirects(text: string, source = '_redirects'): ProxyRule[] {
  const rules: ProxyRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const where = `${source}, line ${index + 1} («${raw.trim()}»)`;
    const fields = line.split(/\s+/);
    if (fields.length !== 3 || fields[2] !== '200') throw new NetlifyConfigError(`${where}: only «/path/:placeholder/ https://origin/path/:placeholder 200» proxy rewrites are served here`);
    const [from, to] = fields as [string, string];
    const parts = from.split('/').filter(Boolean);
    if (!from.startsWith('/') || !parts.every((part) => PLACEHOLDER.test(part) || /^[\w.~-]+$/.test(part))) {
      throw new NetlifyConfigError(`${where}: the path may hold only literal parts and :placeholder parts`);
    }
    let target: URL;
    try {
      target = new URL(to);
    } catch (error) {
      throw new NetlifyConfigError(`${where}: the target must be an absolute http(s) URL`, { cause: error });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new NetlifyConfigError(`${where}: the target must be an absolute http(s) URL`);
    const known = new Set(parts.filter((part) => part.startsWith(':')));
    const unknown = (to.match(NAMES) ?? []).filter((name) => !known.has(name));
    if (unknown.length > 0 || to.includes('*')) throw new NetlifyConfigError(`${where}: the target uses ${unknown.join(', ') || 'a splat'}, which the path does not define`);
    rules.push({ parts, target: to });
  });
  return rules;
}

/**
 * The URL a request path is proxied to, or undefined: the first rule whose parts match (literals without
 * regard to case, a trailing slash or none), its placeholders filled with the parts as the request wrote them,
 * and the request's query string passed on, as Netlify does for a rewrite.
 */
export function proxyTarget(url: string, rules: ProxyRule[]): string | undefined {
  const [pathname = '', ...rest] = url.split('?');
  const query = rest.length > 0 ? rest.join('?').split('#', 1)[0]! : '';
  const parts = pathname.split('#', 1)[0]!.split('/').filter(Boolean);
  for (const rule of rules) {
    if (rule.parts.length !== parts.length) continue;
    const values = new Map<string, string>();
    const matches = rule.parts.every((part, i) => {
      const value = parts[i]!;
      if (!part.startsWith(':')) return part.toLowerCase() === value.toLowerCase();
      values.set(part, value);
      return true;
    });
    if (!matches) continue;
    // One pass: a value that looks like a placeholder is not filled in again.
    const target = rule.target.replace(NAMES, (name) => values.get(name) ?? name);
    return query ? `${target}${target.includes('?') ? '&' : '?'}${query}` : target;
  }
  return undefined;
}

/** Netlify's path patterns: `*` alone is "anything below, or nothing", `*` inside a part is any text, `:name` one part. */
export function patternRegExp(pattern: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = pattern
    .split('/')
    .map((part) => part.trimEnd())
    .filter(Boolean)
    .map((part) => {
      if (part === '*') return '(?:/.*)?';
      if (part.startsWith(':')) return '/[^/]+';
      return `/${part.split('*').map(escape).join('.*')}`;
    });
  return new RegExp(`^${parts.join('') || '/'}/?$`, 'i');
}

/**
 * Headers for a request path, `_headers` first and netlify.toml after, each later match overriding an
 * earlier one: Netlify's order, so netlify.toml wins when both set the same header.
 */
export function headersFor(pathname: string, fileRules: HeaderRule[], configRules: HeaderRule[]): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const rule of [...fileRules, ...configRules]) {
    if (!patternRegExp(rule.pattern).test(pathname)) continue;
    for (const [name, value] of rule.headers) if (!RESERVED.has(name.toLowerCase())) out.set(name.toLowerCase(), [name, value]);
  }
  return out;
}

/** Headers Netlify ignores in custom rules because its servers set them; a custom Content-Length would also break the response here. */
const RESERVED = new Set(['accept-ranges', 'age', 'allow', 'alt-svc', 'connection', 'content-encoding', 'content-length', 'content-range', 'date', 'location', 'server', 'trailer', 'transfer-encoding', 'upgrade']);

/** Files Netlify reads as configuration and never publishes. */
const CONFIG_FILES = new Set(['_headers', '_redirects']);

// Dotfiles are refused here rather than by sirv: its dotfile filter applies only when it lists the folder
// at start, which dev mode (needed to serve a swapped-in rebuild) does not do.
export type PathCheck = { kind: 'bad' } | { kind: 'hidden'; pathname: string } | { kind: 'file'; pathname: string };

/**
 * Decides on a request target before the disk is touched. Malformed escapes, encoded separators and
 * `.`/`..` segments are refused (400): no file on a CDN needs them, and they are how a request escapes
 * the root. Dotfiles and Netlify's configuration files are not found (404). Names are compared as a
 * case-insensitive file system without trailing dots would see them (macOS, Windows).
 */
export function checkPath(url: string): PathCheck {
  const raw = url.split(/[?#]/, 1)[0] ?? '';
  if (!raw.startsWith('/') || /%(2f|5c|00)/i.test(raw)) return { kind: 'bad' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return { kind: 'bad' };
  }
  if (/[\\\0]/.test(pathname)) return { kind: 'bad' };
  const segments = pathname.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return { kind: 'bad' };
  const hidden = segments.some((segment) => segment.startsWith('.') || CONFIG_FILES.has(segment.toLowerCase().replace(/[. ]+$/, '')));
  return { kind: hidden ? 'hidden' : 'file', pathname };
}

/** Content types the site relies on where the library's own table differs or names no charset. */
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.geojson': 'application/geo+json',
  '.ttl': 'text/turtle; charset=utf-8',
  '.rdf': 'application/rdf+xml',
};

function readFileRules(root: string): HeaderRule[] {
  try {
    return parseHeaders(fs.readFileSync(path.join(root, '_headers'), 'utf8'));
  } catch (error) {
    // Between the two renames of a rebuild the folder is briefly missing: serve without rules, not a 500.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

function readProxyRules(root: string): ProxyRule[] {
  const file = path.join(root, '_redirects');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    // No rewrites in this build, or a rebuild is being swapped into place.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
  return parseRedirects(text, file);
}

/** What the proxy asks for: the page in its plain form, in the reader's language; never their cookies, credentials or address. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'user-agent'];
/**
 * What the proxy passes back besides the status and the body: the type and how it may be cached, and the
 * origin's own security headers (Netlify applies a site's custom headers only to the files it serves itself,
 * never to proxied content, so the origin's are the page's). Cookies and the origin's software stay behind.
 */
const PASSED_RESPONSE_HEADERS = [
  'content-type', 'content-language', 'cache-control', 'expires', 'location',
  'content-security-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options', 'x-robots-tag',
];
/** Netlify ends a proxied request after 26 seconds. */
const PROXY_TIMEOUT_MS = 26_000;

/**
 * A GET or HEAD to `target`, its answer passed on. node:http rather than a proxy library: one method pair,
 * an allow-list of headers each way, and nothing else to configure (the tree holds no `http-proxy`).
 */
function proxy(req: IncomingMessage, res: ServerResponse, target: string, fail: (error: unknown) => void): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Method not allowed');
    return;
  }
  const url = new URL(target);
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const upstream = (url.protocol === 'https:' ? https : http).request(url, { method: req.method, headers, timeout: PROXY_TIMEOUT_MS }, (answer) => {
    res.statusCode = answer.statusCode ?? 502;
    for (const name of PASSED_RESPONSE_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer from ${url.origin} within ${PROXY_TIMEOUT_MS / 1000} s`)));
  upstream.on('error', (error) => {
    if (res.headersSent) return fail(error);
    console.error(`static server: ${req.method} ${req.url ?? ''}: the proxy to ${url.origin} failed: ${error.message}`);
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Bad gateway');
  });
  upstream.end();
}

function readConfigRules(file: string): HeaderRule[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseNetlifyToml(text, file);
}

/** compression is connect-style middleware using only Node's request and response; its types describe Express's. */
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface StaticServerOptions {
  port?: number;
  host?: string;
  /** The netlify.toml whose `[[headers]]` apply (tests point it elsewhere); read once, at start. */
  netlifyToml?: string;
}

export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const dir = path.resolve(root);
  // Read once and checked now: a broken netlify.toml stops `npm start` with its name, not every request.
  const configRules = readConfigRules(options.netlifyToml ?? NETLIFY_TOML);
  // A build's rewrites are read again on each request that no file answers (a rebuild may change them);
  // checked now too, so a broken file stops the start instead of answering 500.
  readProxyRules(dir);

  const setCustomHeaders = (res: ServerResponse, pathname: string): void => {
    for (const [name, value] of headersFor(pathname, readFileRules(dir), configRules).values()) res.setHeader(name, value);
  };

  // The CDN compresses on the fly; so does this server (brotli quality 4, compression's default, and
  // nothing under 1 KB), because a precompressed copy would have to be rewritten after every rebuild.
  // Ranges are left whole: a compressed slice of a file is not the slice the client asked for.
  const compress = compression({ filter: (req, res) => !req.headers.range && compression.filter(req, res) }) as unknown as Middleware;

  const files = sirv(dir, {
    dev: true,
    etag: true,
    setHeaders: (res, pathname) => {
      const type = TYPES[path.extname(pathname).toLowerCase()];
      if (type) res.setHeader('Content-Type', type);
      setCustomHeaders(res, pathname);
    },
  });

  const notFound = async (res: ServerResponse, pathname: string): Promise<void> => {
    const page = await fs.promises.readFile(path.join(dir, '404.html')).catch(() => undefined);
    res.statusCode = 404;
    setCustomHeaders(res, pathname);
    // Never cached, whatever a rule for the path says: the next build may add the file.
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', page ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
    res.end(page ?? 'Not found');
  };

  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown): void => {
    console.error(`static server: ${req.method ?? 'GET'} ${req.url ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error');
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const check = checkPath(req.url ?? '/');
    if (check.kind === 'bad') {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end('Bad request');
      return;
    }
    // sirv pipes a read stream into the response without an error listener: a file removed by a rebuild
    // between its lookup and its opening would otherwise throw out of the process.
    res.on('pipe', (source: Readable) => source.once('error', (error) => fail(req, res, error)));
    compress(req, res, () => {
      const missing = (): void => void notFound(res, check.pathname).catch((error: unknown) => fail(req, res, error));
      if (check.kind === 'hidden') return missing();
      // A file shadows a rewrite, as on Netlify (rules without `!`): only what no file answers is proxied.
      files(req, res, () => {
        let target: string | undefined;
        try {
          target = proxyTarget(req.url ?? '/', readProxyRules(dir));
        } catch (error) {
          return fail(req, res, error);
        }
        if (target) proxy(req, res, target, (error) => fail(req, res, error));
        else missing();
      });
    });
  };

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      fail(req, res, error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
