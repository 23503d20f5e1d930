/**
 * The live free seats of bookable workshop sessions, where JavaScript runs (a workshop's page and the
 * workshops' list). The markup says what to ask and where to write: an element with `data-seats-url` (the
 * CMS's `GET /api/bookings/seats/:workshop`) holds the labels of that workshop's sessions, each
 * `[data-seats-session="<start, ISO>"]`; each label is written once, with seatsLabel's words. When bookings are
 * not open now (the workshop's «Prenotazioni dal» / «fino al»), the scope's `[data-booking-window]` says why
 * and its booking forms (`details.booking`) are hidden. Without JavaScript, or when the CMS does not answer,
 * the page keeps what the build wrote (the CMS refuses a booking outside the window in any case).
 *
 * One request per workshop (the same workshop twice on a page is asked once): a list page holds at most
 * a page of cards, and the seats route is the one the public may read (platform/access/route-policy.ts).
 */
import { seatsLabel } from '@coesione/model';

/** The CMS's live seats of a workshop's sessions still to come. */
export const seatsUrl = (cmsUrl: string, workshop: string): string => `${cmsUrl}/api/bookings/seats/${encodeURIComponent(workshop)}`;

/** What a label says for each session start, from the seats route's answer; nothing for an answer of another shape. */
export function seatLabels(body: unknown): Map<string, string> {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  const labels = new Map<string, string>();
  if (!Array.isArray(data)) return labels;
  for (const session of data as { start?: unknown; free?: unknown }[]) {
    if (typeof session?.start === 'string' && typeof session.free === 'number') labels.set(session.start, seatsLabel(session.free));
  }
  return labels;
}

/** Why bookings are not open now, from the seats route's answer (the same for every session), or undefined. */
export function closedReason(body: unknown): string | undefined {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  const first = Array.isArray(data) ? (data[0] as { closed?: unknown } | undefined) : undefined;
  return typeof first?.closed === 'string' && first.closed ? first.closed : undefined;
}

/** Asks for the seats of every workshop on the page not asked yet, and fills in its labels. */
export function fillLiveSeats(root: ParentNode = document): void {
  const scopes = new Map<string, HTMLElement[]>();
  for (const scope of root.querySelectorAll<HTMLElement>('[data-seats-url]:not([data-seats-asked])')) {
    // Marked at once: a second script on the page (a list and a detail's cards) asks nothing again.
    scope.dataset.seatsAsked = '';
    const url = scope.dataset.seatsUrl!;
    scopes.set(url, [...(scopes.get(url) ?? []), scope]);
  }
  for (const [url, elements] of scopes) {
    fetch(url, { headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : undefined))
      .then((body: unknown) => {
        const labels = seatLabels(body);
        const closed = closedReason(body);
        for (const scope of elements) {
          if (closed) {
            for (const form of scope.querySelectorAll<HTMLElement>('details.booking')) form.hidden = true;
            const note = scope.querySelector<HTMLElement>('[data-booking-window]');
            if (note) {
              note.textContent = closed;
              note.hidden = false;
            }
          }
          for (const label of scope.querySelectorAll<HTMLElement>('[data-seats-session]')) {
            const text = labels.get(label.dataset.seatsSession ?? '');
            if (text !== undefined) label.textContent = text;
          }
        }
      })
      .catch(() => {});
  }
}
