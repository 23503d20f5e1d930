/**
 * Cumulative Layout Shift of a page as a phone sees it, measured in Chromium with a PerformanceObserver
 * (`layout-shift` entries without recent input, summed over the whole load: every shift counts, not only
 * the worst session window, so the figure is an upper bound of Lighthouse's CLS).
 *
 * Web fonts are held back for `fontDelayMs`, as on a slow network, so the swap from the fallback font
 * happens after the first paint: the fallback's metric overrides are what keeps that swap from moving text.
 */
import type { Browser } from 'playwright-core';

export interface ShiftOptions {
  fontDelayMs?: number;
  /** How long to keep observing after `load` (islands mount, results arrive). */
  settleMs?: number;
}

export async function layoutShift(browser: Browser, url: string, { fontDelayMs = 600, settleMs = 1500 }: ShiftOptions = {}): Promise<{ cls: number; shifts: string[]; webFontLoaded: boolean }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  await context.route(/\.woff2$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, fontDelayMs));
    await route.continue();
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    w.__cls = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] })[]) {
        if (entry.hadRecentInput) continue;
        w.__cls += entry.value;
        // Each moved node with where it was and where it went (x,y w×h), and when: enough to tell a font
        // swap (small moves of text) from an island mounting (a block pushed down) from a zoom.
        const rect = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
        const nodes = (entry.sources ?? []).map((s) => {
          const n = s.node as Element | null | undefined;
          const name = n ? `${n.nodeName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.className && typeof n.className === 'string' ? `.${n.className.split(' ').join('.')}` : ''}` : '?';
          return `${name} ${rect(s.previousRect)} → ${rect(s.currentRect)}`;
        });
        w.__shifts.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${nodes.join('; ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(settleMs);
    return await page.evaluate(() => {
      const w = window as unknown as { __cls: number; __shifts: string[] };
      // A page drawn only in a fallback font would shift nothing: say whether Titillium did arrive.
      const faces: FontFace[] = [];
      document.fonts.forEach((f) => faces.push(f));
      const webFontLoaded = faces.some((f) => f.family.replace(/"/g, '') === 'Titillium Web' && f.status === 'loaded');
      return { cls: w.__cls, shifts: w.__shifts, webFontLoaded };
    });
  } finally {
    await context.close();
  }
}
