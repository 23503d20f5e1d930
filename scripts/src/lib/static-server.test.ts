import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetlifyConfigError, parseHeaders, parseNetlifyToml, parseRedirects, patternRegExp, proxyTarget, serveStatic } from './static-server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request sent with its path exactly as written: fetch would resolve `..` before sending it. */
function get(base: string, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method, agent: false, headers: { connection: 'close', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const SECRET = 'secret-of-the-next-build';
const DOTFILE_SECRET = 'secret-in-a-dotfile';
const CSP = "default-src 'self'; script-src 'self'";
// Over the 1 KB below which compressing is not worth it.
const HOME = `<!doctype html><html lang="it"><head><title>Home</title></head><body>${'<p>Coesione: progetti finanziati.</p>'.repeat(60)}</body></html>`;

let work: string;
let root: string;
let site: { url: string; close(): Promise<void> };

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'static-server-'));
  root = path.join(work, 'site', 'dist');
  write(path.join(root, 'index.html'), HOME);
  write(path.join(root, 'sub', 'index.html'), '<!doctype html><title>Sub</title><p>Sottopagina</p>');
  write(path.join(root, '404.html'), '<!doctype html><title>Non trovato</title><p>Pagina non trovata</p>');
  write(path.join(root, 'style.css'), `body { color: #111; }\n${'.card { margin: 0 auto; padding: 1rem; }\n'.repeat(40)}`);
  write(path.join(root, 'mappa.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
  write(path.join(root, 'eventi.ics'), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  write(path.join(root, '_astro', 'app.abc123.js'), 'console.log("island");');
  write(path.join(root, '_headers'), `# written by the build\n/*\n  Content-Security-Policy: ${CSP}\n  X-Frame-Options: SAMEORIGIN\n`);
  write(path.join(root, '.env'), `TOKEN=${DOTFILE_SECRET}`);
  // The folder a rebuild writes beside the served one: its name starts with the root's.
  write(path.join(work, 'site', 'dist.next', 'secret.txt'), SECRET);
  write(path.join(work, 'site', 'secret.txt'), SECRET);
  site = await serveStatic(root);
});

afterAll(async () => {
  await site?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('requests that must not reach the disk', () => {
  it('answers 400 to a malformed escape and keeps serving', async () => {
    expect((await get(site.url, '/%E0%A4%A')).status).toBe(400);
    expect((await get(site.url, '/sub/%')).status).toBe(400);
    expect((await get(site.url, '/')).status).toBe(200);
  });

  it.each([
    '/..%2fdist.next/secret.txt',
    '/%2e%2e/dist.next/secret.txt',
    '/%2e%2e%2fdist.next%2fsecret.txt',
    '/a/..%2f..%2fdist.next/secret.txt',
    '/..%2f..%2fetc/passwd',
    '/../dist.next/secret.txt',
    '/sub/../../secret.txt',
    '/..%5cdist.next%5csecret.txt',
    '/%2e%2e/secret.txt',
  ])('refuses %s without reading outside the root', async (rawPath) => {
    const res = await get(site.url, rawPath);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.toString()).not.toContain(SECRET);
    expect(res.body.toString()).not.toContain('root:');
  });

  it.each(['/_headers', '/_headers/', '/%5Fheaders', '/_HEADERS', '/.env', '/sub/../.env'])('never serves %s', async (rawPath) => {
    const res = await get(site.url, rawPath);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.toString()).not.toContain('Content-Security-Policy');
    expect(res.body.toString()).not.toContain(DOTFILE_SECRET);
  });

  it('answers 404 with the 404 page to Netlify files and dotfiles', async () => {
    for (const rawPath of ['/_headers', '/.env']) {
      const res = await get(site.url, rawPath);
      expect(res.status).toBe(404);
      expect(res.body.toString()).toContain('Pagina non trovata');
    }
  });
});

describe('pages and headers as the CDN serves them', () => {
  it('serves index.html per folder with no-cache', async () => {
    const home = await get(site.url, '/');
    expect(home.status).toBe(200);
    expect(home.body.toString()).toBe(HOME);
    expect(home.headers['content-type']).toMatch(/^text\/html; ?charset=utf-8$/i);
    expect(home.headers['cache-control']).toBe('no-cache');
    const sub = await get(site.url, '/sub/');
    expect(sub.status).toBe(200);
    expect(sub.body.toString()).toContain('Sottopagina');
  });

  it('answers a missing page with 404.html and status 404', async () => {
    const res = await get(site.url, '/non-esiste/');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body.toString()).toContain('Pagina non trovata');
    expect(res.headers['content-security-policy']).toBe(CSP);
  });

  it('sends the CSP from _headers and the security headers from netlify.toml', async () => {
    const res = await get(site.url, '/');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it("keeps netlify.toml's immutable cache for /_astro/*", async () => {
    const res = await get(site.url, '/_astro/app.abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('keeps the content types of the site', async () => {
    expect((await get(site.url, '/mappa.geojson')).headers['content-type']).toBe('application/geo+json');
    expect((await get(site.url, '/eventi.ics')).headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect((await get(site.url, '/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });
});

describe('compression', () => {
  it('sends brotli to a client that accepts it', async () => {
    const res = await get(site.url, '/', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(HOME);
  });

  it('sends gzip to a client that accepts only gzip', async () => {
    const res = await get(site.url, '/style.css', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.body).toString()).toBe(fs.readFileSync(path.join(root, 'style.css'), 'utf8'));
  });

  it('sends the file as it is when no encoding is accepted', async () => {
    const res = await get(site.url, '/', { 'accept-encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(HOME);
  });
});

it('serves a rebuild swapped into place at once', async () => {
  const next = `${root}.new`;
  write(path.join(next, 'index.html'), `${HOME}<!-- rebuilt -->`);
  write(path.join(next, '_headers'), "/*\n  Content-Security-Policy: default-src 'none'\n");
  const old = `${root}.old`;
  fs.renameSync(root, old);
  fs.renameSync(next, root);
  try {
    const res = await get(site.url, '/', { 'accept-encoding': 'br' });
    expect(zlib.brotliDecompressSync(res.body).toString()).toContain('<!-- rebuilt -->');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
  } finally {
    fs.rmSync(root, { recursive: true });
    fs.renameSync(old, root);
  }
});

describe('netlify.toml', () => {
  it('wins over _headers when both set a header, as on Netlify', async () => {
    const toml = path.join(work, 'netlify.toml');
    fs.writeFileSync(toml, '[[headers]]\n  for = "/*"\n  [headers.values]\n    X-Frame-Options = "DENY"\n    Cache-Control = """\n      max-age=0,\n      must-revalidate"""\n');
    const other = await serveStatic(root, { netlifyToml: toml });
    try {
      const res = await get(other.url, '/');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cache-control']).toBe('max-age=0, must-revalidate');
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('stops the server from starting when it is not valid', async () => {
    const toml = path.join(work, 'broken.toml');
    fs.writeFileSync(toml, '[[headers]\nfor = "/*"\n');
    await expect(serveStatic(root, { netlifyToml: toml })).rejects.toThrow(NetlifyConfigError);
  });

  it('reads the values and patterns of each [[headers]] block', () => {
    expect(parseNetlifyToml('[[headers]]\nfor = "/a/*"\nvalues = { X-One = "1", Link = ["</a>", "</b>"] }\n')).toEqual([
      { pattern: '/a/*', headers: [['X-One', '1'], ['Link', '</a>, </b>']] },
    ]);
  });
});

describe('path patterns and _headers', () => {
  it('matches as Netlify does', () => {
    expect(patternRegExp('/*').test('/')).toBe(true);
    expect(patternRegExp('/*').test('/a/b.css')).toBe(true);
    expect(patternRegExp('/_astro/*').test('/_astro/x/y.js')).toBe(true);
    expect(patternRegExp('/_astro/*').test('/_astronomia/')).toBe(false);
    expect(patternRegExp('/').test('/')).toBe(true);
    expect(patternRegExp('/').test('/sub/')).toBe(false);
    expect(patternRegExp('/progetti/:id').test('/progetti/42/')).toBe(true);
    expect(patternRegExp('/progetti/:id').test('/progetti/42/foto')).toBe(false);
    expect(patternRegExp('/*.pdf').test('/allegati/bando.pdf')).toBe(true);
  });

  it('joins a header given twice in one rule', () => {
    expect(parseHeaders('/*\n  Link: </a>\n  link: </b>\n# comment\n/sub/\n  X-A: 1\n')).toEqual([
      { pattern: '/*', headers: [['Link', '</a>, </b>']] },
      { pattern: '/sub/', headers: [['X-A', '1']] },
    ]);
  });
});

describe('_redirects', () => {
  it('reads proxy rewrites with :placeholders, and comments', () => {
    expect(parseRedirects('# written by the build\n/attestati/:code/  https://cms.example.org/api/attestati/:code  200\n\n')).toEqual([
      { parts: ['attestati', ':code'], target: 'https://cms.example.org/api/attestati/:code' },
    ]);
    expect(parseRedirects('/a/:x/b  http://127.0.0.1:1337/api/:x?y=1  200 # trailing comment')).toEqual([{ parts: ['a', ':x', 'b'], target: 'http://127.0.0.1:1337/api/:x?y=1' }]);
  });

  it.each([
    ['a splat', '/attestati/*  https://cms.example.org/api/attestati/:splat  200'],
    ['a redirect', '/vecchia/  /nuova/  301'],
    ['no status', '/attestati/:code  https://cms.example.org/api/attestati/:code'],
    ['a forced rewrite', '/attestati/:code  https://cms.example.org/api/attestati/:code  200!'],
    ['a query condition', '/attestati/  codice=:code  https://cms.example.org/api/attestati/:code  200'],
    ['a country condition', '/attestati/:code  https://cms.example.org/api/attestati/:code  200  Country=it'],
    ['a relative target', '/attestati/:code  /api/attestati/:code  200'],
    ['another scheme', '/attestati/:code  ftp://cms.example.org/:code  200'],
    ['a placeholder the path lacks', '/attestati/:code  https://cms.example.org/api/attestati/:other  200'],
    ['a pattern inside a part', '/attestati/AT-:code  https://cms.example.org/api/attestati/:code  200'],
  ])('refuses %s, naming the line', (_what, line) => {
    expect(() => parseRedirects(`# first\n${line}\n`, 'dist/_redirects')).toThrow(NetlifyConfigError);
    expect(() => parseRedirects(`# first\n${line}\n`, 'dist/_redirects')).toThrow(/dist\/_redirects, line 2/);
  });

  it('fills the placeholders with the path as written, with or without the trailing slash, and passes the query on', () => {
    const rules = parseRedirects('/attestati/:code/  https://cms.example.org/api/attestati/:code  200\n/a/:x/:xy  https://o.example.org/:xy/:x  200\n');
    expect(proxyTarget('/attestati/AT-K7M2-QX9P/', rules)).toBe('https://cms.example.org/api/attestati/AT-K7M2-QX9P');
    expect(proxyTarget('/Attestati/AT-K7M2-QX9P', rules)).toBe('https://cms.example.org/api/attestati/AT-K7M2-QX9P');
    expect(proxyTarget('/attestati/AT%20K7M2/?x=1&y=2', rules)).toBe('https://cms.example.org/api/attestati/AT%20K7M2?x=1&y=2');
    expect(proxyTarget('/a/1/:x/', rules), 'a value is not filled in again').toBe('https://o.example.org/:x/1');
    expect(proxyTarget('/attestati/', rules)).toBeUndefined();
    expect(proxyTarget('/attestati/a/b/', rules)).toBeUndefined();
  });

  describe('served', () => {
    let origin: http.Server;
    let originUrl: string;
    let seen: http.IncomingHttpHeaders[] = [];
    let served: { url: string; close(): Promise<void> };
    let dir: string;

    beforeAll(async () => {
      origin = http.createServer((req, res) => {
        seen.push(req.headers);
        const found = req.url?.startsWith('/api/attestati/AT-');
        res.writeHead(found ? 200 : 404, {
          'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer',
          'content-security-policy': "default-src 'self'", 'set-cookie': 'koa.sess=segreto', server: 'origine', 'x-powered-by': 'Strapi',
        });
        res.end(found ? `<h1>Attestato valido</h1><p>${req.url}</p>${'<p>riga</p>'.repeat(200)}` : '<h1>Attestato non trovato</h1>');
      });
      await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
      originUrl = `http://127.0.0.1:${(origin.address() as { port: number }).port}`;
      dir = path.join(work, 'with-redirects');
      write(path.join(dir, 'index.html'), HOME);
      write(path.join(dir, 'attestati', 'index.html'), '<!doctype html><title>Attestati</title><p>Il modulo</p>');
      write(path.join(dir, 'attestati', 'AT-FILE-0000', 'index.html'), '<p>Un file vero</p>');
      write(path.join(dir, '404.html'), '<p>Pagina non trovata</p>');
      write(path.join(dir, '_headers'), `/*\n  Content-Security-Policy: ${CSP}\n`);
      write(path.join(dir, '_redirects'), `/attestati/:code/  ${originUrl}/api/attestati/:code  200\n/spento/:x  http://127.0.0.1:9/:x  200\n`);
      served = await serveStatic(dir);
    });

    afterAll(async () => {
      await served?.close();
      origin?.closeAllConnections();
      await new Promise((resolve) => origin?.close(resolve));
    });

    it("proxies a GET to the origin: its status, body and type, its own security headers, not the site's", async () => {
      seen = [];
      const res = await get(served.url, '/attestati/AT-K7M2-QX9P/?da=email', { cookie: 'sessione=privata', authorization: 'Bearer segreto', 'accept-language': 'it-IT', 'x-forwarded-for': '203.0.113.7', referer: 'https://example.org/' });
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain('<p>/api/attestati/AT-K7M2-QX9P?da=email</p>');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-robots-tag']).toBe('noindex');
      expect(res.headers['content-security-policy']).toBe("default-src 'self'");
      for (const name of ['set-cookie', 'x-powered-by', 'strict-transport-security']) expect(res.headers[name], name).toBeUndefined();
      expect(res.headers.server).not.toBe('origine');
      // The origin learns the page asked for and the reader's language, nothing about who they are.
      expect(seen).toHaveLength(1);
      expect(Object.keys(seen[0]!).sort()).toEqual(['accept-encoding', 'accept-language', 'connection', 'host'].sort());
      expect(seen[0]!['accept-language']).toBe('it-IT');
    });

    it('passes a 404 on with its page, and compresses as for a file', async () => {
      const missing = await get(served.url, '/attestati/SCONOSCIUTO/');
      expect(missing.status).toBe(404);
      expect(missing.body.toString()).toBe('<h1>Attestato non trovato</h1>');
      const br = await get(served.url, '/attestati/AT-K7M2-QX9P/', { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(br.body).toString()).toContain('Attestato valido');
    });

    it('answers HEAD, refuses other methods, and lets a file shadow the rule', async () => {
      const head = await get(served.url, '/attestati/AT-K7M2-QX9P/', {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      const post = await get(served.url, '/attestati/AT-K7M2-QX9P/', {}, 'POST');
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, HEAD');
      expect((await get(served.url, '/attestati/')).body.toString()).toContain('Il modulo');
      expect((await get(served.url, '/attestati/AT-FILE-0000/')).body.toString()).toBe('<p>Un file vero</p>');
      const other = await get(served.url, '/altro/');
      expect(other.status).toBe(404);
      expect(other.body.toString()).toContain('Pagina non trovata');
    });

    it('answers 502 when the origin is down, and keeps serving', async () => {
      const down = await get(served.url, '/spento/x/');
      expect(down.status).toBe(502);
      expect((await get(served.url, '/')).status).toBe(200);
    });

    it('refuses to start on a _redirects it would serve differently from Netlify', async () => {
      const broken = path.join(work, 'broken-redirects');
      write(path.join(broken, 'index.html'), HOME);
      write(path.join(broken, '_redirects'), '/*  /index.html  200\n');
      await expect(serveStatic(broken)).rejects.toThrow(NetlifyConfigError);
    });
  });
});
