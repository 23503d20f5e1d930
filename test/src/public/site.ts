/**
 * The public site built from published content: from the CMS and from a snapshot alike, content pages
 * without JavaScript, states computed at build time, and a build that fails loudly on bad data.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { UID } from '@strapi/strapi';
import { XMLParser } from 'fast-xml-parser';
import pa11y from 'pa11y';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSnapshot } from '@coesione/cms-client';
import { daysBetween, EDITORIAL_KEYS, PACT_STAGE_LABELS, quarterLabel, romeDay, TYPES } from '@coesione/model';
import { inspectPdf } from '@coesione/pdf/inspect';
import { serveStatic } from '@coesione/scripts/lib/static-server.ts';
import { CHROMIUM, launchBrowser } from '../support/browser.ts';
import { BUILD_NOW, CERTIFIED, cms, DCAT_PUBLISHER, PACT_SECRET, siteDir, siteEnv, SUBSCRIBER } from '../support/public-stack.ts';
import { buildSite, SiteBuildError } from '../support/site.ts';
import { htmlRoutes, pageFamilies, pagesToCheck, pathnameOf, proxyRoutes, sampleSeed } from '../support/page-families.ts';
import { parse } from 'csv-parse/sync';
import { Parser as TurtleParser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

let work: string;
let fromCms: string;
let fromSnapshot: string;

/** The W3C Nu HTML checker from the npm package, run with the machine's Java (STACK.md), never a downloaded one. */
const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const JAVA = process.env.JAVA ?? 'java';

const pages = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
const read = (dir: string, page: string) => fs.readFileSync(path.join(dir, page), 'utf8');

/**
 * What the expensive page checks read (reflow, Nu, pa11y): one page of every family of the routes and a
 * sample of the rest that changes with the commit. The seed is printed; TEST_SAMPLE_SEED=<seed> replays it.
 */
const SAMPLE_EXTRA = 24;
let checked: string[];

/**
 * A page of each route the build proxies to the CMS (support/page-families.ts), read through the static
 * server as a reader gets it: the check of the stack's certificate.
 */
const proxied = () => [`/attestati/${CERTIFIED.code}/`];
const families = () => pageFamilies([...pages(fromCms).map(pathnameOf), ...proxied()], [...proxyRoutes(fromCms), ...htmlRoutes()]);

beforeAll(async () => {
  // The stack's own build is the one «from the CMS»; a second build from a snapshot of the same content must match it.
  fromCms = siteDir;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-site-test-'));
  fs.writeFileSync(path.join(work, 'snapshot.json'), JSON.stringify(await takeSnapshot(cms.url)));
  // No CMS to read; the forms still post where browsers reach it (PUBLIC_CMS_URL), as in a deploy from a snapshot.
  fromSnapshot = await buildSite({ ...siteEnv, SITE_SNAPSHOT: path.join(work, 'snapshot.json'), CMS_URL: 'http://127.0.0.1:9', PUBLIC_CMS_URL: cms.url });
  const sample = sampleSeed();
  const { families: all } = families();
  checked = pagesToCheck(all, SAMPLE_EXTRA, sample);
  console.log(`page checks: ${checked.length} pages, one of each of ${all.size} families and ${SAMPLE_EXTRA} more drawn with seed ${sample} (replay: TEST_SAMPLE_SEED=${sample})`);
});

afterAll(() => {
  for (const dir of [work, fromSnapshot]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the site build', () => {
  it('publishes the register of pacts: stage, answer due or late, notice window, timeline, parties', () => {
    const register = read(fromCms, 'patti/index.html');
    expect(register).toContain('Il giardino di via Trento torna dei vicini');
    expect(register).toContain('Risposta in ritardo di 19 giorni');
    const late = read(fromCms, 'patti/biblioteca-di-condominio-santhia/index.html');
    expect(late).toContain('Risposta in ritardo di 19 giorni: era dovuta entro il 5 novembre 2026');
    const notice = read(fromCms, 'patti/ex-lavatoio-di-gattinara/index.html');
    expect(notice).toContain('Avviso pubblico aperto dal 14 novembre 2026 al 14 dicembre 2026');
    expect(notice).toMatch(/<ol class="pact-timeline">\s*<li><strong>Proposta ricevuta<\/strong>/);
    const renewed = read(fromCms, 'patti/portineria-di-quartiere-isola/index.html');
    for (const text of ['Rinnovato', 'Concluso', 'Rapporti di monitoraggio', 'APS Legami di comunità', 'Telefonate di compagnia agli anziani soli', 'Completata']) expect(renewed).toContain(text);
    expect(read(fromCms, 'patti/giardino-di-via-trento/index.html')).toContain('Risposta entro l’8 dicembre 2026');
  });

  it('keeps proposers’ and subscribers’ personal data out of every built file', () => {
    expect(read(fromCms, 'patti/patto-con-dati-riservati/index.html')).toContain('Gruppo di vicinato');
    const files = fs.readdirSync(fromCms, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|json|xml|ics|geojson|csv|js)$/.test(f));
    for (const file of files) {
      const text = read(fromCms, file);
      for (const value of [...Object.values(PACT_SECRET), SUBSCRIBER]) expect(text.includes(value), `${file} holds ${value}`).toBe(false);
    }
  });

  it('writes each pact’s document as a tagged PDF holding its parties and commitments, linked from its page with its size', async () => {
    const file = 'patti/orto-sociale-di-trino/patto.pdf';
    const pdf = fs.readFileSync(path.join(fromCms, file));
    const link = /<a href="\/patti\/orto-sociale-di-trino\/patto\.pdf"[^>]*>Documento del patto<\/a> <span class="text-secondary">\(PDF, (\d+) KB\)<\/span>/.exec(read(fromCms, 'patti/orto-sociale-di-trino/index.html'));
    expect(Number(link?.[1])).toBe(Math.max(1, Math.round(pdf.length / 1000)));
    const signed = await inspectPdf(pdf);
    expect(signed).toMatchObject({ structTreeRoot: true, marked: true, lang: 'it-IT', displayDocTitle: true, title: 'Patto di collaborazione – Orto sociale alla cascina comunale di Trino', unmarked: '' });
    expect(signed.roles).toEqual(expect.arrayContaining(['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Table', 'TH', 'TD']));
    const text = signed.text.replace(/\s+/g, ' ');
    for (const words of ['Cooperativa Il Ramo Verde', 'Comune di Trino', 'Coltivazione e tutoraggio dei partecipanti', 'Uso del terreno per tre anni', 'Art. 3 – Impegni dei cittadini attivi']) expect(text).toContain(words);
    expect(text).not.toContain('Bozza');
    expect(Buffer.compare(fs.readFileSync(path.join(fromSnapshot, file)), pdf), 'same PDF from the snapshot').toBe(0);
    expect((await inspectPdf(fs.readFileSync(path.join(fromCms, 'patti/giardino-di-via-trento/patto.pdf')))).text).toContain('Bozza: patto non ancora sottoscritto');
    const secret = (await inspectPdf(fs.readFileSync(path.join(fromCms, 'patti/patto-con-dati-riservati/patto.pdf')))).text;
    expect(secret).toContain('Gruppo di vicinato');
    for (const value of Object.values(PACT_SECRET)) expect(secret).not.toContain(value);
  });

  it('gives the same pages from the snapshot as from a running CMS', () => {
    expect(pages(fromSnapshot)).toEqual(pages(fromCms));
    for (const page of pages(fromCms)) expect(read(fromSnapshot, page), page).toBe(read(fromCms, page));
  });

  it('draws every page from a route, and every route draws a page: each template is a family the page checks read', () => {
    const { families: all, orphans, unused } = families();
    expect(orphans, 'pages no route of site/src/pages or of the build\'s _redirects draws').toEqual([]);
    expect(unused, 'routes that drew no page: a template the page checks cannot read (a proxied route needs a page in `proxied`)').toEqual([]);
    // Each detail type and each pact filter is a family of its own; so is each page the build proxies to the CMS.
    for (const name of ['buone-prassi/[slug]', 'opportunita/[slug]', 'patti/[slug]', 'patti/fase/[value]/[...page]', 'bisogni/[categoria]/[trimestre]', 'comuni/[slug]', '404', 'attestati', 'attestati/[code]']) {
      expect(all.has(name), name).toBe(true);
    }
    for (const members of all.values()) expect(checked).toContain(members[0]);
  });

  it('keeps certificates out of the build: a certificate’s page is the CMS’s, proxied when it is opened', () => {
    expect(read(fromCms, '_redirects')).toContain(`/attestati/:code/  ${cms.url}/api/attestati/:code  200`);
    // The page's own form (the header's search comes first): a plain GET to the CMS, which sends the reader on.
    const form = /<form class="participation-form"[^>]*>[\s\S]*?<\/form>/.exec(read(fromCms, 'attestati/index.html'))?.[0] ?? '';
    expect(form).toMatch(new RegExp(`^<form class="participation-form" method="get" action="${cms.url}/api/attestati/verifica">`));
    expect(form).toContain('name="codice"');
    expect(pages(fromCms).filter((p) => p.startsWith('attestati/'))).toEqual(['attestati/index.html']);
    const files = fs.readdirSync(fromCms, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|json|xml|ics|geojson|csv|js|txt)$/.test(f) || f === '_redirects');
    for (const file of files) {
      const text = read(fromCms, file);
      for (const value of [CERTIFIED.holder, CERTIFIED.publicName, CERTIFIED.email, CERTIFIED.code]) expect(text.includes(value), `${file} holds ${value}`).toBe(false);
    }
  });

  it('builds a list and a detail page for every published entry, and a page per comune and theme', () => {
    const all = pages(fromCms);
    for (const section of ['buone-prassi', 'opportunita', 'normativa', 'formazione', 'laboratori', 'enti']) {
      expect(all).toContain(`${section}/index.html`);
    }
    expect(all.filter((p) => /^buone-prassi\/[^/]+\/index\.html$/.test(p))).toHaveLength(18);
    expect(all.filter((p) => /^comuni\/[^/]+\/index\.html$/.test(p))).toHaveLength(82);
    expect(all).toEqual(expect.arrayContaining(['accessibilita/index.html', 'privacy/index.html', 'note-legali/index.html', '404.html', 'temi/index.html']));
  });

  it('starts every section list at its first page and links each entry from exactly one list page', async () => {
    // Every section of the registry, so a new section is covered without editing this test.
    for (const key of EDITORIAL_KEYS) {
      const section = TYPES[key].section!.slice(1);
      const first = read(fromCms, `${section}index.html`);
      expect(/<h1>([^<]*)<\/h1>/.exec(first)?.[1], `${section}: page 1 has the section's title`).toBe(TYPES[key].label);
      const numbered = pages(fromCms).filter((p) => p.startsWith(`${section}pagina/`));
      const listPages = [`${section}index.html`, ...numbered.map((_, i) => `${section}pagina/${i + 2}/index.html`)];
      for (const page of listPages) expect(fs.existsSync(path.join(fromCms, page)), page).toBe(true);
      expect(fs.existsSync(path.join(fromCms, `${section}pagina/1/index.html`)), `${section}: no second copy of page 1`).toBe(false);
      if (numbered.length > 0) {
        // «Pagina 1» is the current page on the first page, a link on the others.
        expect(first).toMatch(new RegExp(`<li class="page-item active"><a class="page-link" href="/${section}" aria-current="page"><span class="visually-hidden">Pagina </span>1</a>`));
        expect(read(fromCms, listPages[1]!)).toMatch(/aria-current="page"><span class="visually-hidden">Pagina <\/span>2</);
      }
      const linked = listPages.flatMap((page) => [...read(fromCms, page).matchAll(/<h2 class="it-card-title"><a href="([^"]+)">/g)].map((m) => m[1]));
      const published = (await cms.strapi.documents(TYPES[key].uid as UID.ContentType).findMany({ status: 'published', fields: ['slug'], limit: 10_000 } as never)) as unknown as { slug: string }[];
      expect(linked.slice().sort(), `${section}: every published entry on exactly one list page`).toEqual(published.map((e) => `/${section}${e.slug}/`).sort());
    }
    // Open opportunities come first: the section's first page starts with them, closed ones after.
    const states = [...read(fromCms, 'opportunita/index.html').matchAll(/class="state-line (is-open|is-closed)"/g)].map((m) => m[1]);
    expect(states[0]).toBe('is-open');
    expect(states.indexOf('is-closed') === -1 || !states.slice(states.indexOf('is-closed')).includes('is-open')).toBe(true);
  });

  it('ships no JavaScript on content pages but the search, map and form islands', () => {
    const ISLANDS = /^\/_astro\/(SearchIsland|MapIsland|SmallMapIsland|NeedMapIsland|[A-Z]\w*Form|StatusLookup)\.[\w-]+\.js$/;
    // The rating form and the small map are hydrated by a script of their components (their markup is
    // rendered once per build), a bookable workshop's free seats are read by one (on its page and in the
    // workshops' list), and «Il mio profilo di opportunità» answers with one: islands too, each script only
    // where its island is.
    const LAZY = /<script type="module" src="\/_astro\/(RatingSection|SmallMapFigure|Sessions|CardList|ProfileForm)\.astro_astro_type_script_index_0_lang\.[\w-]+\.js"><\/script>/g;
    let withoutScript = 0;
    for (const page of pages(fromCms)) {
      // JSON-LD is data, not code.
      const html = read(fromCms, page).replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '');
      const islands = [...html.matchAll(/<astro-island[^>]* component-url="([^"]+)"/g)].map((m) => m[1] ?? '');
      const lazy = [...html.matchAll(LAZY)].map((m) => m[1]);
      expect(lazy.includes('RatingSection'), page).toBe(/^(buone-prassi|opportunita|laboratori)\/[^/]+\/index\.html$/.test(page));
      expect(html.includes('data-island="rating-form"'), page).toBe(lazy.includes('RatingSection'));
      expect(html.includes('data-island="small-map"'), page).toBe(lazy.includes('SmallMapFigure'));
      expect(html.includes('data-seats-url'), page).toBe(lazy.includes('Sessions') || lazy.includes('CardList'));
      // The workshops' list reads the live seats of its cards; no other list does.
      expect(lazy.includes('CardList'), page).toBe(/^laboratori\/(pagina\/\d+\/)?index\.html$/.test(page) && html.includes('data-seats-session'));
      // «Il mio profilo di opportunità» answers in the browser: its script is on its page only.
      expect(lazy.includes('ProfileForm'), page).toBe(page === 'per-te/index.html');
      for (const island of islands) expect(island, page).toMatch(ISLANDS);
      if (islands.length === 0 && lazy.length === 0) {
        expect(html, page).not.toMatch(/<script/i);
        withoutScript++;
      }
    }
    // Lists, regulations, training materials, comuni, themes and the legal pages have no script at all.
    for (const page of ['index.html', 'buone-prassi/index.html', 'normativa/modello-patto-di-collaborazione/index.html', 'temi/index.html', 'accessibilita/index.html']) {
      expect(read(fromCms, page), page).not.toMatch(/<script(?! type="application\/ld\+json")/i);
    }
    expect(withoutScript).toBeGreaterThan(100);
  });

  it('serves covers through astro:assets: AVIF and WebP candidates, width and height, lazy below the fold', () => {
    const detail = read(fromCms, 'buone-prassi/sartoria-sociale-gattinara/index.html');
    const picture = /<picture[^>]*>([\s\S]*?)<\/picture>/.exec(detail)?.[1] ?? '';
    expect(picture).toMatch(/<source srcset="[^"]+\.avif 400w, [^"]+\.avif 800w, [^"]+\.avif 1200w" type="image\/avif" sizes="[^"]+"/);
    expect(picture).toMatch(/<source srcset="[^"]+\.webp 400w[^"]*" type="image\/webp" sizes="[^"]+"/);
    const img = /<img [^>]+>/.exec(picture)?.[0] ?? '';
    expect(img).toMatch(/ width="\d+"/);
    expect(img).toMatch(/ height="\d+"/);
    expect(img).toMatch(/ alt(="")?[ >]/); // the seed's covers are decorative: empty alt, never a file name
    expect(img).toContain('loading="eager"'); // the cover at the top of a detail page
    const list = read(fromCms, 'buone-prassi/index.html');
    const cardImages = [...list.matchAll(/<img [^>]+>/g)].map((m) => m[0]);
    expect(cardImages.length).toBeGreaterThan(0);
    for (const image of cardImages) expect(image).toContain('loading="lazy"');
    for (const file of [...detail.matchAll(/(\/_astro\/[^" ,]+\.(?:avif|webp|jpg))/g)].map((m) => m[1] ?? '')) {
      expect(fs.existsSync(path.join(fromCms, file)), file).toBe(true);
    }
  });

  it('copies attachments into the site: the link works with no CMS, and the district’s models are tagged PDFs', async () => {
    const html = read(fromCms, 'normativa/modello-patto-di-collaborazione/index.html');
    const href = /<section aria-labelledby="allegati">[\s\S]*?<a href="(\/allegati\/[^"]+\.pdf)"[^>]*>([^<]+)<\/a>/.exec(html);
    expect(href?.[2]).toMatch(/Modello di patto di collaborazione.*\(PDF\)/);
    const model = await inspectPdf(fs.readFileSync(path.join(fromSnapshot, href?.[1] ?? '')));
    expect(model).toMatchObject({ structTreeRoot: true, marked: true, lang: 'it-IT', title: 'Modello di patto di collaborazione per la cura di un bene comune' });
    expect(model.text).toContain('Art. 1 – Oggetto');
  });

  it('serves its own fonts: the stylesheet reaches nothing outside the site', () => {
    const css = fs.readdirSync(path.join(fromCms, '_astro')).filter((f) => f.endsWith('.css')).map((f) => read(fromCms, `_astro/${f}`)).join('\n');
    const urls = [...css.matchAll(/url\(["']?([^"')]+)["']?\)/g)].map((m) => m[1] ?? '');
    const fonts = urls.filter((u) => u.endsWith('.woff2'));
    expect(fonts.length).toBeGreaterThanOrEqual(3); // Titillium Web, the Designers Italia typeface
    // Leaflet's stylesheet keeps an old IE `url(#default#VML)`: a fragment, not a request.
    for (const url of urls) expect(url, url).toMatch(/^(\/_astro\/|data:|#)/);
    for (const font of fonts) expect(fs.existsSync(path.join(fromCms, font)), font).toBe(true);
    for (const page of pages(fromCms)) expect(read(fromCms, page), page).not.toMatch(/<link[^>]+href="https?:\/\/(?!127\.0\.0\.1)[^"]*"[^>]*rel="stylesheet"|fonts\.googleapis/);
  });

  it('links related items that share an organisation, a comune or a theme', () => {
    const html = read(fromCms, 'buone-prassi/sartoria-sociale-gattinara/index.html');
    const related = /<aside aria-labelledby="correlati">([\s\S]*?)<\/aside>/.exec(html)?.[1] ?? '';
    const links = [...related.matchAll(/<h3 class="it-card-title"><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(4);
    expect(links).toContain('/opportunita/tirocini-inclusione-sartoria-sociale/'); // same organisation and comune
  });

  it('shows what the workshops produced, per workshop, per comune and for the district, with the small counts of people hidden', () => {
    const text = (page: string) => read(fromCms, page).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const row = (page: string, label: string) => new RegExp(`${label} (meno di \\d+|non pubblicato|[\\d.,]+)`).exec(text(page))?.[1];
    // The seed's synthetic cycles (scripts/seed-data/workshop-outcomes.json): two of this workshop's, summed.
    const workshop = 'laboratori/restauro-mobili-borgosesia/index.html';
    expect(text(workshop)).toContain('Risultati dei cicli passati');
    expect(row(workshop, 'Persone che hanno partecipato')).toBe('20');
    expect(row(workshop, 'Tirocini o lavori avviati entro 6 mesi')).toBe('meno di 5');
    expect(row(workshop, 'Oggetti riparati o riusati')).toBe('49');
    expect(text('comuni/borgosesia/index.html')).toContain('Cosa hanno prodotto i laboratori a Borgosesia');
    expect(text('laboratori/index.html')).toContain('Cosa hanno prodotto i laboratori del distretto');
    expect(row('laboratori/index.html', 'Persone che hanno partecipato')).toBe('89');
    expect(row('laboratori/index.html', 'Nuovi artigiani')).toBe('meno di 5');
    // A workshop with no reported cycle shows no table.
    expect(text('laboratori/arredi-da-pallet-santhia/index.html')).not.toContain('Risultati dei cicli passati');
  });

  it('says whether an opportunity is open or closed, as of the build', () => {
    const closed = read(fromCms, 'opportunita/bando-piccole-associazioni/index.html');
    expect(closed).toMatch(/Chiusa il \d+ \w+ 2026/);
    const open = read(fromCms, 'opportunita/tirocini-inclusione-sartoria-sociale/index.html');
    expect(open).toMatch(/Aperta fino al \d+ \w+ 20\d\d/);
  });

  it('is valid HTML for the W3C Nu checker, on a page of every family and a sample of the rest', { timeout: 360_000 }, async () => {
    // A proxied page is checked as the reader gets it, through the static server.
    const server = await serveStatic(fromCms);
    const files = await Promise.all(
      checked.map(async (p, i) => {
        if (!proxied().includes(p)) return path.join(fromCms, p.endsWith('/') ? `${p}index.html` : p);
        const copy = path.join(work, `proxied-${i}.html`);
        fs.writeFileSync(copy, await (await fetch(`${server.url}${p}`)).text());
        return copy;
      }),
    ).finally(() => server.close());
    // The CMS's own pages a person reaches from the site: the subscription form, empty and refused.
    const refused = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'tipo=opportunity&comune=002158&email=non-un-indirizzo&frequenza=weekly' };
    for (const [name, url, init] of [['iscrizioni-modulo', `${cms.url}/api/iscrizioni?tipo=opportunity&comune=002158`, {}], ['iscrizioni-errori', `${cms.url}/api/iscrizioni`, refused]] as const) {
      const copy = path.join(work, `${name}.html`);
      fs.writeFileSync(copy, await (await fetch(url, init)).text());
      files.push(copy);
    }
    const report = await new Promise<string>((resolve, reject) => {
      execFile(JAVA, ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
        // The checker exits with 1 when it finds errors and writes its JSON report to stderr either way.
        if (error && !stderr.trimStart().startsWith('{')) reject(error);
        else resolve(stderr);
      });
    });
    const { messages } = JSON.parse(report) as { messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
    const errors = messages.map((m) => `${(m.url ?? '').replace(`file:${fromCms}`, '')}:${m.lastLine ?? '?'} ${m.message} «${(m.extract ?? '').trim()}»`);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('has one h1, a skip link and landmarks on every page', () => {
    for (const page of pages(fromCms)) {
      const html = read(fromCms, page);
      expect(html.match(/<h1[\s>]/g), page).toHaveLength(1);
      expect(html, page).toContain('href="#contenuto"');
      expect(html, page).toMatch(/<main id="contenuto"/);
      expect(html, page).toContain('lang="it"');
    }
  });

  it('publishes RSS feeds (also per theme), an iCalendar feed and a sitemap of every page', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const feed of ['buone-prassi/rss.xml', 'opportunita/rss.xml', 'temi/riuso-economia-circolare/rss.xml']) {
      const rss = parser.parse(read(fromCms, feed)).rss;
      expect(rss.channel.item.length, feed).toBeGreaterThan(0);
      expect(rss.channel.item[0].link.startsWith(`${siteEnv.SITE_URL}/`), feed).toBe(true);
    }
    const calendar = new ICAL.Component(ICAL.parse(read(fromCms, 'calendario.ics')));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.filter((e) => e.summary.startsWith('Laboratorio:')).length).toBeGreaterThanOrEqual(12);
    expect(events.filter((e) => e.summary.startsWith('Scadenza:')).length).toBeGreaterThanOrEqual(15);

    const index = parser.parse(read(fromCms, 'sitemap-index.xml')).sitemapindex.sitemap;
    expect(index.loc).toBe(`${siteEnv.SITE_URL}/sitemap-0.xml`);
    const listed = new Set((parser.parse(read(fromCms, 'sitemap-0.xml')).urlset.url as { loc: string }[]).map((u) => u.loc));
    for (const page of pages(fromCms).filter((p) => p !== '404.html')) {
      expect(listed, page).toContain(`${siteEnv.SITE_URL}/${page.replace(/index\.html$/, '')}`);
    }
  });

  it('describes detail pages with schema.org JSON-LD', () => {
    const ld = (page: string) => JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(read(fromCms, page))?.[1] ?? 'null');
    const workshop = ld('laboratori/puncetto-valsesiano-alagna/index.html');
    expect(workshop['@type']).toBe('EventSeries');
    expect(workshop.subEvent[0]['@type']).toBe('Event');
    expect(ld('normativa/legge-328-2000/index.html')).toMatchObject({ '@type': 'Legislation', legislationIdentifier: 'urn:nir:stato:legge:2000-11-08;328' });
    expect(ld('enti/odv-mani-in-rete/index.html')['@type']).toBe('NGO');
    expect(ld('opportunita/tirocini-inclusione-sartoria-sociale/index.html')['@type']).toMatch(/Service$/);
  });

  const failure = (env: Record<string, string>) =>
    buildSite(env, path.join(work, `out-${Math.random().toString(36).slice(2)}`)).then(
      () => '',
      (error: unknown) => (error instanceof SiteBuildError ? error.output : String(error)),
    );

  it('fails, naming the entry and the field, when the content is malformed', async () => {
    const snapshot = JSON.parse(fs.readFileSync(path.join(work, 'snapshot.json'), 'utf8'));
    delete snapshot.entries.practice[0].summary;
    const bad = path.join(work, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(snapshot));
    const output = await failure({ SITE_SNAPSHOT: bad });
    expect(output).toContain(snapshot.entries.practice[0].slug);
    expect(output).toMatch(/summary/);
    expect(output).toMatch(/practices/);
  });

  it('fails with a hint when neither the CMS nor a snapshot is there', async () => {
    const output = await failure({ SITE_SNAPSHOT: '', CMS_URL: 'http://127.0.0.1:9' });
    expect(output).toContain('The CMS does not answer at http://127.0.0.1:9');
    expect(output).toContain('SITE_SNAPSHOT');
  });
});

interface NeedCellJson { area: string; category: string; ageBand: string; people: number | null; multiBody: number | null; suppressed?: 'primary' | 'secondary' }
interface NeedReleaseJson { quarter: string; level: 'comune' | 'ambito' | 'distretto'; minCell: number; frozen?: boolean; stato?: string; cells: NeedCellJson[] }

/** Text of an HTML fragment as a reader sees it (tags dropped, entities of the build decoded, spaces collapsed). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();

/** The rows of a CSV file (RFC 4180), as a spreadsheet reads them. */
const parseCsv = (text: string): string[][] => parse(text) as string[][];

describe('the need figures on the site (/bisogni/)', () => {
  let releases: NeedReleaseJson[];
  beforeAll(async () => {
    const res = await cms.api('/api/need-figures?pagination[pageSize]=100');
    expect(res.status).toBe(200);
    releases = res.body.data;
    expect(releases.length).toBeGreaterThan(0);
  });
  const cellOf = (quarter: string, level: string, area: string, category: string, ageBand = 'tutte') =>
    releases.find((r) => r.quarter === quarter && r.level === level)?.cells.find((c) => c.area === area && c.category === category && c.ageBand === ageBand);
  const needPages = () => pages(fromCms).filter((p) => p.startsWith('bisogni/'));
  const quarters = () => [...new Set(releases.map((r) => r.quarter))].sort();

  it('builds a page per category and quarter, a digest per comune and ambito, each labelled as synthetic demonstration data', () => {
    const all = needPages();
    const categories = new Set(releases.flatMap((r) => r.cells.map((c) => c.category)));
    // Every category and «tutte», in every quarter; 82 comuni and 4 ambiti; the overview and the digest list.
    expect(all.length).toBe(categories.size * quarters().length + 82 + 4 + 2);
    for (const page of [...all, 'comuni/vercelli/index.html']) expect(read(fromCms, page), page).toContain('Dati sintetici dimostrativi');
    expect(read(fromCms, 'bisogni/index.html')).toContain('popolazione censimento 2011');
    // The navigation lists the section.
    expect(read(fromCms, 'index.html')).toMatch(/<a class="nav-link" href="\/bisogni\/"><span>Bisogni<\/span><\/a>/);
  });

  it('labels the open quarter provisional on /bisogni/ and in every open-data row, and compares no change from it', () => {
    const open = releases.filter((r) => !r.frozen).map((r) => r.quarter);
    expect(open, 'the seed leaves the current quarter open').toContain('2026-T4');
    const html = read(fromCms, 'bisogni/index.html');
    const page = textOf(html);
    // The headline is the latest final quarter, compared with the year before; the open one beside it, labelled.
    const final = releases.filter((r) => r.frozen).map((r) => r.quarter).sort().at(-1)!;
    expect(page).toContain(`Il distretto nel ${quarterLabel(final)} `);
    expect(page).toContain(`${quarterLabel('2026-T4')} (provvisorio)`);
    expect(page).toContain('possono essere alterate di una o due unità');
    const table = /<table class="table need-table[^"]*"[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const changes = [...table.matchAll(/<td class="num"[^>]*data-change[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(changes.length).toBeGreaterThan(5);
    // Final against final: changes are computed; none is computed from the provisional quarter's column.
    expect(changes.every((c) => /^([+−-]\d+%|–|0%)$/.test(c)), changes.join(' ')).toBe(true);
    expect(changes.some((c) => c !== '–'), changes.join(' ')).toBe(true);
    expect([...table.matchAll(/data-provisional/g)].length).toBeGreaterThan(5);
    const rows = parseCsv(read(fromCms, 'dati-aperti/bisogni.csv'));
    const state = rows[0]!.indexOf('stato');
    for (const row of rows.slice(1)) expect(row[state], row.join(',')).toBe(open.includes(row[0]!) ? 'provvisorio' : 'definitivo');
  });

  it('shows every comune figure of every category and quarter as the CMS published it: a suppressed cell reads «meno di N», never 0', () => {
    const latest = quarters().at(-1)!;
    let suppressed = 0;
    let shown = 0;
    for (const page of needPages().filter((p) => !p.startsWith('bisogni/sintesi/') && p !== 'bisogni/index.html')) {
      const [, category, q] = /^bisogni\/([^/]+)\/(?:(\d{4}-t\d)\/)?index\.html$/.exec(page) ?? [];
      const quarter = q ? q.toUpperCase() : latest;
      const release = releases.find((r) => r.quarter === quarter && r.level === 'comune')!;
      const table = /<table class="table need-table[^"]*" id="tabella-bisogni"[\s\S]*?<\/table>/.exec(read(fromCms, page))?.[0] ?? '';
      const rows = [...table.matchAll(/<tr data-istat="(\d{6})"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({ istat: m[1]!, people: textOf(/<td class="num[^"]*" data-people[^>]*>([\s\S]*?)<\/td>/.exec(m[2]!)?.[1] ?? '') }));
      const cells = release.cells.filter((c) => c.category === category && c.ageBand === 'tutte');
      expect(rows.map((r) => r.istat).sort(), page).toEqual(cells.map((c) => c.area).sort());
      for (const row of rows) {
        const c = cells.find((x) => x.area === row.istat)!;
        if (c.people === null) {
          expect(row.people, `${page} ${row.istat}`).toBe(c.suppressed === 'secondary' ? 'non pubblicato' : `meno di ${release.minCell}`);
          suppressed++;
        } else {
          expect(row.people.replace(/\./g, ''), `${page} ${row.istat}`).toBe(String(c.people));
          shown++;
        }
      }
    }
    expect(suppressed).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);
  });

  it('writes each digest\'s CSV with the same figures as its printable page', () => {
    for (const [page, csvFile, level, area] of [
      ['bisogni/sintesi/comuni/vercelli/index.html', 'bisogni/sintesi/comuni/vercelli.csv', 'comune', '002158'],
      ['bisogni/sintesi/comuni/alagna-valsesia/index.html', 'bisogni/sintesi/comuni/alagna-valsesia.csv', 'comune', '002002'],
      ['bisogni/sintesi/ambiti/cisas-santhia/index.html', 'bisogni/sintesi/ambiti/cisas-santhia.csv', 'ambito', 'cisas-santhia'],
    ] as const) {
      const html = read(fromCms, page);
      expect(html).toMatch(/@media print/);
      expect(html).toContain(`href="/${csvFile}"`);
      const [header, ...rows] = parseCsv(read(fromCms, csvFile));
      const col = (name: string) => header!.indexOf(name);
      expect(header).toEqual(expect.arrayContaining(['trimestre', 'categoria_codice', 'fascia_eta_codice', 'persone', 'soppresso', 'soglia_minima']));
      const trs = [...html.matchAll(/<tr data-category="([^"]+)" data-age-band="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
      expect(rows.length, csvFile).toBe(trs.length);
      rows.forEach((row, i) => {
        const [, category, ageBand, cellsHtml] = trs[i]!;
        expect([row[col('categoria_codice')], row[col('fascia_eta_codice')]]).toEqual([category, ageBand]);
        const people = textOf(/data-people[^>]*>([\s\S]*?)<\/td>/.exec(cellsHtml!)?.[1] ?? '');
        const published = cellOf(row[col('trimestre')]!, level, area, category!, ageBand);
        if (row[col('soppresso')] === 'sì') {
          expect(people).toBe(published?.suppressed === 'secondary' ? 'non pubblicato' : `meno di ${row[col('soglia_minima')]}`);
          expect(row[col('persone')]).toBe('');
          expect(published?.people).toBeNull();
        } else if (published) {
          expect(people.replace(/\./g, '')).toBe(row[col('persone')]);
          expect(row[col('persone')]).toBe(String(published.people));
        } else expect(people).toBe('nessun dato');
      });
    }
  });

  it('holds nothing but the published figures: the register equals the public API, and no need-record field is anywhere in the build', () => {
    const register = JSON.parse(read(fromCms, 'dati-aperti/bisogni.json')) as { releases: NeedReleaseJson[] };
    // Every release says whether its quarter is final: «provvisorio» until the CMS freezes it.
    const strip = (r: NeedReleaseJson) => ({ quarter: r.quarter, level: r.level, minCell: r.minCell, stato: r.frozen ? 'definitivo' : 'provvisorio', cells: r.cells });
    const byKey = (a: NeedReleaseJson, b: NeedReleaseJson) => a.quarter.localeCompare(b.quarter) || a.level.localeCompare(b.level);
    expect(register.releases.sort(byKey)).toEqual(releases.map(strip).sort(byKey));
    for (const r of register.releases) for (const c of r.cells) expect(Object.keys(c).filter((k) => k !== 'suppressed').sort()).toEqual(['ageBand', 'area', 'category', 'multiBody', 'people']);
    const csvRows = parseCsv(read(fromCms, 'dati-aperti/bisogni.csv'));
    expect(csvRows.length - 1).toBe(releases.reduce((n, r) => n + r.cells.length, 0));
    const dati = read(fromCms, 'dati-aperti/index.html');
    for (const href of ['/dati-aperti/bisogni.csv', '/dati-aperti/bisogni.json', '/bisogni/sintesi/']) expect(dati).toContain(`href="${href}"`);
    // The need records' own fields (cms need-record schema) never reach a file of the build.
    const recordFields = Object.keys(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../../cms/src/api/need-record/content-types/need-record/schema.json'), 'utf8')).attributes as object);
    const distinctive = recordFields.filter((f) => !['month', 'municipality', 'ageBand', 'sex', 'categories', 'services', 'organization', 'source'].includes(f));
    expect(distinctive).toEqual(expect.arrayContaining(['codiceFiscale', 'personKey', 'household']));
    const files = fs.readdirSync(fromCms, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|json|csv|js|xml|geojson|ics)$/.test(f));
    for (const file of files) {
      const text = read(fromCms, file);
      for (const field of distinctive) expect(text.includes(field), `${file} holds «${field}»`).toBe(false);
    }
  });
});

interface PactJson {
  slug: string;
  title: string;
  stage: string;
  kind: string;
  receivedAt: string;
  answerDue: string | null;
  answeredAt: string | null;
  municipalities: { slug: string; name: string }[];
  location: { municipality?: { slug: string; name: string } | null } | null;
  themes: { slug: string }[];
  stageHistory: { stage: string; at: string }[];
}

describe('the register of pacts: filters, annual reports, open data, calendar (issue 13)', () => {
  let published: PactJson[];
  beforeAll(() => {
    published = JSON.parse(fs.readFileSync(path.join(work, 'snapshot.json'), 'utf8')).entries.pact;
  });
  /** The pacts a page lists, by slug: the links of its cards. */
  const listed = (page: string) => [...read(fromCms, page).matchAll(/<h2 class="it-card-title"><a href="\/patti\/([^/"]+)\/">/g)].map((m) => m[1]).sort();
  const comuniOf = (p: PactJson) => new Set([...p.municipalities.map((m) => m.slug), ...(p.location?.municipality ? [p.location.municipality.slug] : [])]);

  it('narrows /patti/ to one stage, comune, theme or kind on a page of its own, with counts and the current filter marked', () => {
    const register = read(fromCms, 'patti/index.html');
    expect(register).toContain('Filtra il registro');
    const stages = new Set(published.map((p) => p.stage));
    // A page per stage some pact is in, and none for a stage without pacts.
    expect(pages(fromCms).filter((p) => /^patti\/fase\/[^/]+\/index\.html$/.test(p))).toHaveLength(stages.size);
    for (const stage of stages) {
      const page = `patti/fase/${stage.replace(/_/g, '-')}/index.html`;
      const expected = published.filter((p) => p.stage === stage).map((p) => p.slug).sort();
      expect(listed(page), page).toEqual(expected);
      expect(register).toMatch(new RegExp(`href="/patti/fase/${stage.replace(/_/g, '-')}/"[^>]*>[^<]+</a>\\s*<span class="pact-filter-count"[^>]*>\\(${expected.length} patt[oi]\\)`));
    }
    const santhia = published.filter((p) => comuniOf(p).has('santhia')).map((p) => p.slug).sort();
    expect(santhia.length).toBeGreaterThan(1);
    expect(listed('patti/comune/santhia/index.html')).toEqual(santhia);
    expect(listed('patti/tipo/complesso/index.html')).toEqual(published.filter((p) => p.kind === 'complesso').map((p) => p.slug).sort());
    expect(listed('patti/tema/abitare/index.html')).toEqual(published.filter((p) => p.themes.some((t) => t.slug === 'abitare')).map((p) => p.slug).sort());
    const filtered = read(fromCms, 'patti/comune/santhia/index.html');
    const filters = /<nav class="pact-filters[\s\S]*?<\/nav>/.exec(filtered)?.[0] ?? '';
    expect(filters.match(/aria-current="page"/g)).toHaveLength(1);
    expect(filters).toMatch(/<a href="\/patti\/comune\/santhia\/" aria-current="page"/);
    expect(filters).toMatch(/<a href="\/patti\/"[^>]*>Tutti i patti<\/a>/);
    expect(/<nav class="pact-filters[\s\S]*?<\/nav>/.exec(register)?.[0]).toMatch(/<a href="\/patti\/" aria-current="page"[^>]*>Tutti i patti<\/a>/);
    // The card still says where the answer stands.
    expect(filtered).toContain('Risposta in ritardo di 19 giorni');
  });

  it('reports every year of pacts with the seeded counts, and its CSV holds the very figures of its page', () => {
    const yearOf = (p: PactJson) => romeDay(new Date(p.receivedAt)).slice(0, 4);
    const years = [...new Set(published.map(yearOf))].sort();
    expect(years.length).toBeGreaterThan(1);
    for (const year of years) expect(read(fromCms, 'patti/rapporto/index.html')).toContain(`href="/patti/rapporto/${year}/"`);
    const ofYear = published.filter((p) => yearOf(p) === '2026');
    const html = read(fromCms, 'patti/rapporto/2026/index.html');
    // Every table of the page, row by row, as a reader reads it: [table, label, figures…].
    const pageRows: string[][] = [];
    for (const [, id, body] of html.matchAll(/<table[^>]*data-report-table="([^"]+)"[^>]*>([\s\S]*?)<\/table>/g)) {
      expect(body, id).toMatch(/<caption/);
      for (const [, row] of (body ?? '').split('<tbody')[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
        const cells = [...(row ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1] ?? ''));
        if (cells.length > 1) pageRows.push([id!, ...cells]);
      }
    }
    expect(pageRows.length).toBeGreaterThan(10);
    const csvRows = parseCsv(read(fromCms, 'patti/rapporto/2026.csv'));
    expect(csvRows[0]).toEqual(['anno', 'tabella', 'voce', 'valore', 'patti']);
    expect(csvRows.slice(1).map(([anno, table, ...rest]) => (expect(anno).toBe('2026'), [table!, ...rest.filter((v, i) => i === 0 || v !== '')]))).toEqual(pageRows);
    const figure = (table: string, label: string) => pageRows.find((r) => r[0] === table && r[1] === label)?.[2];
    expect(figure('fase', 'Totale')).toBe(String(ofYear.length));
    for (const [stage, label] of Object.entries(PACT_STAGE_LABELS)) {
      const n = ofYear.filter((p) => p.stage === stage).length;
      expect(figure('fase', label), label).toBe(n > 0 ? String(n) : undefined);
    }
    expect(figure('comune', 'Santhià')).toBe(String(ofYear.filter((p) => comuniOf(p).has('santhia')).length));
    // The median days from the proposal to the first «Sottoscritto», over the pacts signed.
    const days = ofYear
      .flatMap((p) => p.stageHistory.filter((h) => h.stage === 'sottoscritto').slice(0, 1).map((h) => daysBetween(romeDay(new Date(p.receivedAt)), romeDay(new Date(h.at)))))
      .sort((a, b) => a - b);
    expect(days.length).toBeGreaterThan(0);
    const median = days.length % 2 ? days[(days.length - 1) / 2]! : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2;
    expect(figure('tempi', 'Giorni dalla proposta alla sottoscrizione (mediana)')).toBe(median.toLocaleString('it-IT'));
    // Answers: given on time, over those given or overdue at the build.
    const now = new Date(BUILD_NOW);
    const given = ofYear.filter((p) => p.answeredAt);
    const onTime = given.filter((p) => romeDay(new Date(p.answeredAt!)) <= p.answerDue!).length;
    const overdue = ofYear.filter((p) => !p.answeredAt && ['proposta', 'istruttoria'].includes(p.stage) && romeDay(now) > p.answerDue!).length;
    expect(figure('risposta', 'Data entro il termine')).toBe(String(onTime));
    expect(figure('risposta', 'In ritardo, non ancora data')).toBe(String(overdue));
    expect(html).toContain(`(${onTime} su ${given.length + overdue})`);
    expect(html).toContain('@media print');
  });

  it('publishes the register as CSV and JSON, with the public proposer and none of the proposer’s contact data', () => {
    const json = JSON.parse(read(fromCms, 'dati-aperti/patti.json')) as { patti: Record<string, unknown>[] };
    expect(json.patti.map((p) => p.titolo).sort()).toEqual(published.map((p) => p.title).sort());
    const secret = json.patti.find((p) => p.titolo === 'Patto con dati riservati')!;
    expect(secret).toMatchObject({ proponente: 'Gruppo di vicinato', url: `${siteEnv.SITE_URL}/patti/patto-con-dati-riservati/`, fase: 'Proposta ricevuta', comuni: ['Vercelli'] });
    const notice = json.patti.find((p) => String(p.url).endsWith('/patti/ex-lavatoio-di-gattinara/'))!;
    expect(notice).toMatchObject({ avviso_dal: '2026-11-14', avviso_al: '2026-12-14', tipo: 'complesso' });
    const csvRows = parseCsv(read(fromCms, 'dati-aperti/patti.csv'));
    expect(csvRows.slice(1).map((r) => r[0])).toEqual(json.patti.map((p) => p.titolo));
    const text = read(fromCms, 'dati-aperti/patti.csv') + read(fromCms, 'dati-aperti/patti.json');
    for (const value of Object.values(PACT_SECRET)) expect(text).not.toContain(value);
    expect(text).not.toMatch(/proposer(Name|Email|Phone)/);
    const openData = read(fromCms, 'dati-aperti/index.html');
    for (const href of ['/dati-aperti/patti.csv', '/dati-aperti/patti.json', '/patti/rapporto/']) expect(openData).toContain(`href="${href}"`);
  });

  it('puts a pact’s answer deadline and notice window in the iCalendar feed', () => {
    const calendar = new ICAL.Component(ICAL.parse(read(fromCms, 'calendario.ics')));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const late = events.find((e) => e.summary === 'Risposta dovuta: Una biblioteca di scambio nel cortile delle case popolari');
    expect(late?.startDate.toString()).toBe('2026-11-05');
    expect(late?.startDate.isDate).toBe(true);
    const notice = events.find((e) => e.summary === 'Avviso pubblico: L’ex lavatoio di Gattinara come spazio di comunità');
    expect(notice?.startDate.toString()).toBe('2026-11-14');
    // All-day: DTEND is the day after the closing day.
    expect(notice?.endDate.toString()).toBe('2026-12-15');
    expect(notice?.component.getFirstPropertyValue('url')).toBe(`${siteEnv.SITE_URL}/patti/ex-lavatoio-di-gattinara/`);
    // An answer already given is no longer a deadline.
    expect(events.some((e) => e.summary === 'Risposta dovuta: L’ex lavatoio di Gattinara come spazio di comunità')).toBe(false);
    expect(events.filter((e) => e.summary.startsWith('Tappa del patto:')).length).toBeGreaterThan(0);
  });
});

describe('open data of every public type (/dati-aperti/)', () => {
  const TYPED = { 'buone-prassi': 'practice', opportunita: 'opportunity', normativa: 'regulation', formazione: 'training-material', laboratori: 'workshop', enti: 'organization' } as const;

  /** Every published entry of `rest`, as the public API pages them. */
  async function published(rest: string): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const res = await cms.api(`/api/${rest}?pagination[page]=${page}&pagination[pageSize]=100`);
      expect(res.status, rest).toBe(200);
      all.push(...(res.body.data as Record<string, unknown>[]));
      if (page >= res.body.meta.pagination.pageCount) return all;
    }
  }

  /** A file's CSV rows and JSON objects, the same in both, and its dictionary page naming every column. */
  function files(slug: string): { header: string[]; rows: string[][]; json: Record<string, unknown>[]; dictionary: string } {
    const [header, ...rows] = parseCsv(read(fromCms, `dati-aperti/${slug}.csv`));
    const json = JSON.parse(read(fromCms, `dati-aperti/${slug}.json`)) as Record<string, unknown>[];
    expect(json.map((o) => Object.keys(o)), slug).toEqual(rows.map(() => header));
    const dictionary = read(fromCms, `dati-aperti/${slug}/index.html`);
    for (const column of header!) expect(dictionary, `${slug}: ${column}`).toMatch(new RegExp(`<th scope="row"[^>]*><code[^>]*>${column}</code></th>`));
    expect(dictionary).toContain('https://creativecommons.org/licenses/by/4.0/deed.it');
    expect(read(fromCms, 'dati-aperti/index.html')).toContain(`href="/dati-aperti/${slug}.csv"`);
    return { header: header!, rows, json, dictionary };
  }

  it('writes each type as CSV and JSON, one row for each entry the public API gives, with a dictionary of its fields', async () => {
    for (const [slug, type] of Object.entries(TYPED)) {
      const api = (await published(TYPES[type].rest)).map((e) => e.documentId as string).sort();
      expect(api.length, type).toBeGreaterThan(0);
      const { rows, json } = files(slug);
      expect(rows.map((r) => r[0]).sort(), slug).toEqual(api);
      expect(json.map((o) => o.id).sort(), slug).toEqual(api);
    }
    const comuni = (await published('municipalities')).map((c) => c.istatCode as string).sort();
    expect(files('comuni').rows.map((r) => r[0]).sort()).toEqual(comuni);
    const themes = (await published('themes')).map((t) => t.slug as string).sort();
    expect(files('temi').rows.map((r) => r[0]).sort()).toEqual(themes);
  });

  it('tells, for each column, its type, its meaning and an example, and writes lists the same in both files', () => {
    const { header, rows, json, dictionary } = files('laboratori');
    const at = header.indexOf('incontri');
    const withSessions = json.findIndex((o) => (o.incontri as string[]).length > 1);
    expect(withSessions).toBeGreaterThanOrEqual(0);
    expect(rows[withSessions]![at]).toBe((json[withSessions]!.incontri as string[]).join(' | '));
    expect(dictionary).toMatch(/<code[^>]*>incontri<\/code><\/th><td[^>]*>elenco<\/td><td[^>]*>Gli incontri[^<]*<\/td><td class="example"[^>]*>\d{4}-\d{2}-\d{2}T/);
  });

  it('lists every dataset and file in a DCAT-AP_IT catalogue, the same in Turtle and RDF/XML, valid for the shapes, each file in the build', async () => {
    const site = siteEnv.SITE_URL!.replace(/\/?$/, '/');
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const DCT = 'http://purl.org/dc/terms/';
    const turtle = new TurtleParser().parse(read(fromCms, 'dati-aperti/catalog.ttl'));
    const xml = await new Promise<Quad[]>((resolve, reject) => {
      const quads: Quad[] = [];
      const parser = new RdfXmlParser().on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve(quads));
      parser.end(read(fromCms, 'dati-aperti/catalog.rdf'));
    });
    const said = (quads: Quad[]) => quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType} ${q.object.value} ${q.object.termType === 'Literal' ? `${(q.object as { language: string }).language}|${(q.object as { datatype: { value: string } }).datatype.value}` : ''}`).sort();
    expect(said(xml)).toEqual(said(turtle));

    const shapes = new TurtleParser().parse(fs.readFileSync(path.join(import.meta.dirname, '../support/dcat-ap-it.shapes.ttl'), 'utf8'));
    const validate = async (quads: Quad[]) => {
      const report = await new SHACLValidator(new Store(shapes)).validate(new Store(quads));
      return { conforms: report.conforms, problems: report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join('; ')}`) };
    };
    expect(await validate(turtle)).toEqual({ conforms: true, problems: [] });

    const store = new Store(turtle);
    const objects = (s: string | null, p: string) => store.getObjects(s, p, null).map((o) => o.value);
    const datasets = objects(null, `${DCAT}dataset`);
    // Every dataset of the page, each named by the publisher's IPA code, and every file the page lists.
    expect(datasets).toHaveLength(12);
    for (const d of datasets) expect(objects(d, `${DCT}identifier`)[0]).toMatch(new RegExp(`^${DCAT_PUBLISHER.ipa}:`));
    const agents = objects(null, `${DCT}rightsHolder`);
    expect(new Set(agents).size).toBe(1);
    expect(objects(agents[0]!, 'http://xmlns.com/foaf/0.1/name')).toEqual([DCAT_PUBLISHER.name]);
    const distributions = datasets.flatMap((d) => objects(d, `${DCAT}distribution`));
    for (const d of distributions) {
      expect(objects(d, `${DCT}license`), d).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
      const url = objects(d, `${DCAT}downloadURL`)[0]!;
      expect(url.startsWith(site), url).toBe(true);
      expect(fs.existsSync(path.join(fromCms, url.slice(site.length))), `${url} is a file of the build`).toBe(true);
    }
    const page = read(fromCms, 'dati-aperti/index.html');
    for (const href of page.match(/href="\/(dati-aperti\/[a-z-]+\.(csv|json|geojson)|calendario\.ics)"/g) ?? []) expect(distributions.map((d) => objects(d, `${DCAT}downloadURL`)[0]), href).toContain(`${site}${href.slice(7, -1)}`);
    expect(page).toContain('href="/dati-aperti/catalog.ttl"');

    // The shapes are not a formality: a file without its licence, a dataset without its theme, fail them.
    const [first] = distributions;
    const broken = turtle.filter((q) => !(q.subject.value === first && q.predicate.value === `${DCT}license`) && !(q.subject.value === datasets[0] && q.predicate.value === `${DCAT}theme`));
    const report = await validate(broken);
    expect(report.conforms).toBe(false);
    expect(report.problems.join('\n')).toMatch(new RegExp(`${first}.*license`));
    expect(report.problems.join('\n')).toMatch(/theme/);
  });

  it('holds no contact of a person: none of the addresses or phone numbers the entries list is in any file', async () => {
    const contacts = [...(await published('organizations')), ...(await published('opportunities'))]
      .flatMap((e) => (e.contacts as { email?: string | null; phone?: string | null }[] | undefined) ?? [])
      .flatMap((c) => [c.email, c.phone])
      .filter((v): v is string => typeof v === 'string' && v.length > 4);
    expect(contacts.length).toBeGreaterThan(0);
    for (const slug of [...Object.keys(TYPED), 'comuni', 'temi']) {
      for (const ext of ['csv', 'json']) {
        const text = read(fromCms, `dati-aperti/${slug}.${ext}`);
        for (const contact of contacts) expect(text.includes(contact), `${slug}.${ext} holds ${contact}`).toBe(false);
      }
    }
  });
});

describe('the site in Chromium on a 320 px wide phone', () => {
  it('never scrolls sideways, on a page of every family and a sample of the rest (WCAG 2.1, 1.4.10 Reflow)', { timeout: 600_000 }, async () => {
    const server = await serveStatic(fromCms);
    const browser = await launchBrowser();
    try {
      // No route to block the network: the browser resolves no name but loopback (support/browser.ts),
      // and a context that routes loses its HTTP cache, fetching the stylesheet and fonts for every page.
      const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 320, height: 640 } });
      const wide: string[] = [];
      const queue = [...checked];
      // Four tabs at once: on two cores, about half the time one tab takes.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          const page = await context.newPage();
          for (let pathname = queue.shift(); pathname; pathname = queue.shift()) {
            // Measured as a reader ends up seeing it: in the site's own fonts, every island drawn. Astro
            // drops an island's `ssr` attribute once drawn, the islands rendered once per build get
            // `data-hydrated`; one that waits to be seen (small map, rating) is scrolled to and waited for
            // before the next, which would push it out of view again. A tab among four now and then never
            // gets its intersection callback: such a page is loaded once more.
            let drawn = false;
            for (let attempt = 0; attempt < 2 && !drawn; attempt++) {
              await page.goto(`${server.url}${pathname}`);
              drawn = await page.evaluate(async () => {
                const until = Date.now() + 30_000;
                const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
                const waiting = (island: Element) => island.hasAttribute('ssr') || (island.hasAttribute('data-island') && !island.hasAttribute('data-hydrated'));
                const lazy = Array.from(document.querySelectorAll('astro-island[client="visible"], [data-island]'));
                for (const island of lazy) {
                  (island.firstElementChild ?? island).scrollIntoView();
                  while (waiting(island) && Date.now() < until) await pause();
                }
                while (document.querySelector('astro-island[ssr]') && Date.now() < until) await pause();
                await document.fonts.ready;
                return !document.querySelector('astro-island[ssr]') && !lazy.some(waiting);
              });
            }
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            if (width > 320) wide.push(`${pathname} is ${width} px wide`);
            if (!drawn) wide.push(`${pathname}: its islands did not finish drawing within 30 s, twice`);
          }
          await page.close();
        }),
      );
      expect(wide, `pages wider than a 320 px screen:\n${wide.sort().join('\n')}`).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the site in Chromium, by keyboard', () => {
  it('goes home → a practice → its comune with the keyboard alone, skip link and visible focus included', async () => {
    const server = await serveStatic(fromCms);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ locale: 'it-IT' });
      await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', id: document.activeElement?.id ?? '' }));
      // Visible focus: an outline that is not transparent, or the kit's focus ring (a box shadow).
      const outline = () =>
        page.evaluate(() => {
          const style = getComputedStyle(document.activeElement as Element);
          const outlined = style.outlineStyle !== 'none' && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineWidth !== '0px';
          return outlined || style.boxShadow !== 'none' ? 'visible' : 'none';
        });

      await page.keyboard.press('Tab');
      expect((await focused()).text).toBe('Vai al contenuto');
      expect(await outline()).not.toBe('none'); // focus is visible
      await page.keyboard.press('Enter');
      expect((await focused()).id).toBe('contenuto'); // the skip link lands on the main content

      // Tab to the first latest practice on the home page and follow it.
      const practiceLink = page.locator('section[aria-labelledby="ultime-prassi"] .it-card-title a').first();
      const practiceTitle = (await practiceLink.textContent())?.trim() ?? '';
      for (let i = 0; i < 40 && (await focused()).text !== practiceTitle; i++) await page.keyboard.press('Tab');
      expect((await focused()).text).toBe(practiceTitle);
      expect(await outline()).not.toBe('none');
      await Promise.all([page.waitForURL(/\/buone-prassi\/[^/]+\/$/), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe(practiceTitle);

      // On to the comune where it happens.
      const comuneLink = page.locator('section[aria-labelledby="dove"] a').first();
      const comune = (await comuneLink.textContent())?.trim() ?? '';
      for (let i = 0; i < 80 && (await focused()).text !== comune; i++) await page.keyboard.press('Tab');
      expect((await focused()).text).toBe(comune);
      await Promise.all([page.waitForURL(/\/comuni\/[^/]+\/$/), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe(comune);
      expect(await page.getByRole('heading', { name: /^Buone prassi/ }).count()).toBe(1);

      // A closed opportunity says so, in words.
      await page.goto(`${server.url}/opportunita/bando-piccole-associazioni/`);
      expect(await page.locator('article > .state-line').textContent()).toMatch(/^Chiusa il /);
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

/**
 * Accessibility: pa11y with both its runners (axe and HTML_CodeSniffer), standard WCAG 2.1 AA, served
 * locally, in Debian's Chromium; no exclusions, any error fails. It reads the pages of the other expensive
 * checks (a page of every family and a seeded sample), the search page with a query and the 404.
 */
describe('accessibility (pa11y)', () => {
  it('no checked page has a WCAG 2.1 AA error for axe or HTML_CodeSniffer', { timeout: 900_000 }, async () => {
    const server = await serveStatic(fromCms);
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const paths = [...checked, '/cerca/?q=orti', '/pagina-che-non-esiste/', '/attestati/AT-2345-6789/'];
      const errors: string[] = [];
      const queue = [...paths];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let page = queue.shift(); page; page = queue.shift()) {
            const result = await pa11y(`${server.url}${page}`, { browser, runners: ['axe', 'htmlcs'], standard: 'WCAG2AA', timeout: 60_000 });
            for (const issue of result.issues.filter((i) => i.type === 'error')) errors.push(`${page} [${issue.runner} ${issue.code}] ${issue.selector}: ${issue.message}`);
          }
        }),
      );
      console.log(`pa11y: ${paths.length} pages`);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
