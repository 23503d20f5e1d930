/**
 * Debian's Chromium through playwright-core (no browser download). The flags keep it off the network
 * and working as root in a container (STACK.md). The host resolver answers no name but loopback's, so
 * a page that reaches out (map tiles) fails at once even in a context that routes nothing: routing a
 * context turns Playwright's HTTP cache off, which a test loading hundreds of pages cannot afford.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** A page of a phone (390 × 844, touch) in Italian, in Rome's time, that reaches nothing but loopback. */
export async function phonePage(browser: Browser, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', javaScriptEnabled: javaScript, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  return context.newPage();
}
