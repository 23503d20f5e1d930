/**
 * Serves a built static site as Netlify's CDN would, for `npm start`, the cross-package tests and the
 * benchmarks: index.html per folder, 404.html with status 404, the headers of `netlify.toml` and of the
 * build's `_headers` (where the Content-Security-Policy is written), and brotli or gzip for text.
 *
 * Files are looked up on every request (sirv's `dev` mode), so a rebuild swapped into place is served at
 * once. Requests are checked before any file is looked up: a malformed or traversing path is refused, and
 * dotfiles and Netlify's own files are never served. Under `npm start` this server shares its process
 * with the supervisor of the CMS and Meilisearch, so nothing a request does may throw out of it.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
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
      if (check.kind === 'hidden') missing();
      else files(req, res, missing);
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
