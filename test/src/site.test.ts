/**
 * The public site built from published content: from the CMS and from a snapshot alike, content pages
 * without JavaScript, states computed at build time, and a build that fails loudly on bad data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../scripts/src/seed/seed.ts';
import { takeSnapshot } from '../../site/src/lib/cms/source.ts';
import { serveStatic } from '../../scripts/src/lib/static-server.ts';
import { launchBrowser } from './support/browser.ts';
import { startCms, type TestCms } from './support/cms.ts';
import { buildSite, SiteBuildError } from './support/site.ts';

const BUILD_NOW = '2026-11-24T10:00:00Z';
let cms: TestCms;
let work: string;
let fromCms: string;
let fromSnapshot: string;

const pages = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
const read = (dir: string, page: string) => fs.readFileSync(path.join(dir, page), 'utf8');

beforeAll(async () => {
  cms = await startCms();
  await seed(cms.strapi, { users: false, today: new Date('2026-11-20T10:00:00Z') });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-site-test-'));
  fs.writeFileSync(path.join(work, 'snapshot.json'), JSON.stringify(await takeSnapshot(cms.url)));
  fromCms = await buildSite({ CMS_URL: cms.url, BUILD_NOW });
  fromSnapshot = await buildSite({ SITE_SNAPSHOT: path.join(work, 'snapshot.json'), CMS_URL: 'http://127.0.0.1:9', BUILD_NOW });
});

afterAll(async () => {
  await cms?.stop();
  for (const dir of [work, fromCms, fromSnapshot]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the site build', () => {
  it('gives the same pages from the snapshot as from a running CMS', () => {
    expect(pages(fromSnapshot)).toEqual(pages(fromCms));
    for (const page of pages(fromCms)) expect(read(fromSnapshot, page), page).toBe(read(fromCms, page));
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

  it('ships no JavaScript on content pages: only the search page has an island', () => {
    for (const page of pages(fromCms)) {
      const html = read(fromCms, page);
      if (page === 'cerca/index.html') continue;
      // JSON-LD is data, not code: every other script element fails.
      expect(html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, ''), page).not.toMatch(/<script/i);
    }
  });

  it('links related items that share an organisation, a comune or a theme', () => {
    const html = read(fromCms, 'buone-prassi/sartoria-sociale-gattinara/index.html');
    const related = /<aside aria-labelledby="correlati">([\s\S]*?)<\/aside>/.exec(html)?.[1] ?? '';
    const links = [...related.matchAll(/<h3 class="card-title"><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(4);
    expect(links).toContain('/opportunita/tirocini-inclusione-sartoria-sociale/'); // same organisation and comune
  });

  it('says whether an opportunity is open or closed, as of the build', () => {
    const closed = read(fromCms, 'opportunita/bando-piccole-associazioni/index.html');
    expect(closed).toMatch(/Chiusa il \d+ \w+ 2026/);
    const open = read(fromCms, 'opportunita/tirocini-inclusione-sartoria-sociale/index.html');
    expect(open).toMatch(/Aperta fino al \d+ \w+ 20\d\d/);
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
      expect(rss.channel.item[0].link, feed).toMatch(/^http:\/\/127\.0\.0\.1:4321\//);
    }
    const calendar = new ICAL.Component(ICAL.parse(read(fromCms, 'calendario.ics')));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.filter((e) => e.summary.startsWith('Laboratorio:')).length).toBeGreaterThanOrEqual(12);
    expect(events.filter((e) => e.summary.startsWith('Scadenza:')).length).toBeGreaterThanOrEqual(15);

    const index = parser.parse(read(fromCms, 'sitemap-index.xml')).sitemapindex.sitemap;
    expect(index.loc).toBe('http://127.0.0.1:4321/sitemap-0.xml');
    const listed = new Set((parser.parse(read(fromCms, 'sitemap-0.xml')).urlset.url as { loc: string }[]).map((u) => u.loc));
    for (const page of pages(fromCms).filter((p) => p !== '404.html')) {
      expect(listed, page).toContain(`http://127.0.0.1:4321/${page.replace(/index\.html$/, '')}`);
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
      const outline = () => page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);

      await page.keyboard.press('Tab');
      expect((await focused()).text).toBe('Vai al contenuto');
      expect(await outline()).not.toBe('none'); // focus is visible
      await page.keyboard.press('Enter');
      expect((await focused()).id).toBe('contenuto'); // the skip link lands on the main content

      // Tab to the first latest practice on the home page and follow it.
      const practiceLink = page.locator('section[aria-labelledby="ultime-prassi"] .card-title a').first();
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
      expect(await page.locator('.state').textContent()).toMatch(/^Chiusa il /);
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
