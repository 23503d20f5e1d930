/**
 * Booking a seat as the site's form does (a plain form post, then its confirmation page sent back), for
 * the tests that need a booking to exist: the code and the personal link, as the booked page shows them.
 */
import { send } from './http.ts';

/** A page's text with the CMS's escapes undone (escapeHtml in cms/src/platform/html.ts). */
export const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The hidden fields of a confirmation page: what sending it back posts. */
export const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)]));

export async function bookSeat(cmsUrl: string, fields: { workshop: string; session: string; name: string; email: string; seats?: number }, readMs = 0): Promise<{ code: string; link: string }> {
  const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
  const page = await send(`${cmsUrl}/api/bookings`, form({ ...fields, seats: String(fields.seats ?? 1), consent: 'on' }));
  if (page.status !== 200) throw new Error(`booking form refused (${page.status}): ${page.text.slice(0, 500)}`);
  const hidden = hiddenFields(page.text);
  if (readMs > 0) await new Promise((r) => setTimeout(r, readMs));
  const booked = await send(`${cmsUrl}/api/bookings`, form(hidden));
  if (booked.status !== 201) throw new Error(`booking not made (${booked.status}): ${booked.text.slice(0, 500)}`);
  const code = /<p class="code">([A-Z0-9]{6})<\/p>/.exec(booked.text)?.[1];
  const link = /<a href="([^"]*\/api\/bookings\/manage\/[^"]+)">La tua prenotazione<\/a>/.exec(booked.text)?.[1];
  if (!code || !link) throw new Error('booked page without a code or a link');
  return { code, link };
}
