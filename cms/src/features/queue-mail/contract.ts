/**
 * What the admin's «E-mail delle attività» widget (cms/src/admin/queue-mail/) reads and writes through
 * routes.ts: each admin user's choice of the daily e-mail of the work waiting for them. The server writes
 * its answers by these types and the admin bundle imports them (type-only and constants), never copies.
 *
 * Imported by the admin bundle too: nothing here may import server code.
 */

/** `ogni_giorno`: one message on a morning when something waits for the user; `mai`: none. */
export type QueueMailChoice = 'ogni_giorno' | 'mai';

export const QUEUE_MAIL_CHOICES: readonly QueueMailChoice[] = ['ogni_giorno', 'mai'];

export const QUEUE_MAIL_LABELS: Record<QueueMailChoice, string> = {
  ogni_giorno: 'ogni giorno',
  mai: 'mai',
};

/**
 * Everyone's choice until they make one: every day. The message comes only on a day when something waits
 * for the user (a pact's answer falling due is the office's legal deadline; a returned draft or a missing
 * quarter is what a partner who seldom opens the admin would otherwise miss), so the default costs nothing
 * on a quiet day, and one click turns it off.
 */
export const DEFAULT_QUEUE_MAIL: QueueMailChoice = 'ogni_giorno';

/** The routes' path, under the admin's root (`/admin`). */
export const NOTIFICATIONS_ME = '/coesione/notifications/me';

/** `GET` and `PUT /admin/coesione/notifications/me` (`PUT` takes `{ choice }`). */
export interface QueueMailSetting {
  choice: QueueMailChoice;
  /** Whether the choice is the user's own (false: the default, never chosen). */
  chosen: boolean;
  /** Whether the daily e-mail is for this user at all: editors and partners (not a super admin without either role). */
  applies: boolean;
}
