/**
 * Accessibility: pa11y with both its runners (axe and HTML_CodeSniffer), standard WCAG 2.1 AA, over every
 * URL of the built sitemap, served locally, in Debian's Chromium. No exclusions: any error fails.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pa11y from 'pa11y';
import puppeteer, { type Browser } from 'puppeteer';
import { XMLParser } from 'fast-xml-parser';
import { seed } from '../../scripts/src/seed/seed.ts';
import { serveStatic } from '../../scripts/src/lib/static-server.ts';
import { CHROMIUM } from './support/browser.ts';
import { startCms, type TestCms } from './support/cms.ts';
import { ensureNeedFigures } from './support/need-figures.ts';
import { buildSite } from './support/site.ts';

let cms: TestCms;
let dir: string;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  cms = await startCms();
  await seed(cms.strapi, { users: false });
  // The /bisogni/ pages and the digests, with figures (the fixture writes them only when the seed has not).
  await ensureNeedFigures(cms.strapi);
  dir = await buildSite({ CMS_URL: cms.url, SITE_URL: 'http://127.0.0.1:4321' });
  server = await serveStatic(dir);
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await cms?.stop();
});

it('every page of the sitemap has no WCAG 2.1 AA error for axe or HTML_CodeSniffer', { timeout: 900_000 }, async () => {
  const parser = new XMLParser();
  const listed = (parser.parse(fs.readFileSync(`${dir}/sitemap-0.xml`, 'utf8')).urlset.url as { loc: string }[]).map((u) => u.loc);
  // The sitemap names the public origin; the same paths are served here.
  // The need pages of earlier quarters and the comuni's digests repeat one template each with other
  // numbers of the same shape (one page per category × quarter, one per comune): a sample of each
  // family is checked, the latest quarter of every category and every ambito digest in full.
  const sampled = new Map<string, number>();
  // The register's filter pages (issue 13) are one template too: a sample of them, /patti/ and the reports in full.
  const family = (u: string) =>
    /\/bisogni\/[^/]+\/\d{4}-t\d\/$/.test(u) ? 'quarter' : /\/bisogni\/sintesi\/comuni\/[^/]+\/$/.test(u) ? 'digest' : /\/patti\/(fase|comune|tema|tipo)\/[^/]+\/(pagina\/\d+\/)?$/.test(u) ? 'pact-filter' : undefined;
  const kept = listed.filter((u) => {
    const f = family(u);
    if (!f) return true;
    sampled.set(f, (sampled.get(f) ?? 0) + 1);
    // Every 17th, so the sample spans categories, quarters and comuni.
    return (sampled.get(f) ?? 0) % 17 === 1;
  });
  const urls = [...kept.map((u) => u.replace('http://127.0.0.1:4321', server.url)), `${server.url}/cerca/?q=orti`, `${server.url}/pagina-che-non-esiste/`];
  expect(urls.length).toBeGreaterThan(200);
  // The pact register, a filter page, an annual report and a pact page are among them.
  const paths = urls.map((u) => u.replace(server.url, ''));
  for (const pattern of [/^\/patti\/$/, /^\/patti\/fase\/[^/]+\/$/, /^\/patti\/rapporto\/\d{4}\/$/, /^\/patti\/rapporto\/$/, /^\/patti\/ex-lavatoio-di-gattinara\/$/]) {
    expect(paths.some((p) => pattern.test(p)), String(pattern)).toBe(true);
  }
  const errors: string[] = [];
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        const result = await pa11y(url, { browser, runners: ['axe', 'htmlcs'], standard: 'WCAG2AA', timeout: 60_000 });
        for (const issue of result.issues.filter((i) => i.type === 'error')) errors.push(`${url.replace(server.url, '')} [${issue.runner} ${issue.code}] ${issue.selector}: ${issue.message}`);
      }
    }),
  );
  expect(errors).toEqual([]);
});
