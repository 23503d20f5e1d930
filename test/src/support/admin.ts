/** Signing in to the admin as a role, over the API and in Chromium: what every admin test does first. */
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestCms } from './cms.ts';

/** An admin token for `email`, from the admin's own login route. */
export async function adminToken(cms: TestCms, email: string, password: string): Promise<string> {
  const res = await cms.api('/admin/login', { method: 'POST', body: { email, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.token ?? res.body.data.accessToken;
}

/** A page of `context` signed in to the admin as `user`, through the login form. */
export async function signIn(cms: TestCms, context: BrowserContext, user: { email: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${cms.url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
  return page;
}

/** The page's text, spaces collapsed. */
export const mainText = async (page: Page): Promise<string> => (await page.locator('body').innerText()).replace(/\s+/g, ' ');
