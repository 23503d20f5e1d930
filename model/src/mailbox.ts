/**
 * The local mailbox as the admin shows it to the super admin («Posta di prova»): what the CMS answers
 * on `GET /admin/coesione/mailbox` and `GET /admin/coesione/mailbox/:id`, the admin page's address, and
 * `npm start`'s banner pointing to it. One contract for the CMS route, the admin page and the banner.
 */

/** The admin page's path under `/admin` (its menu link, and the banner's URL). */
export const MAILBOX_ADMIN_PATH = 'posta-di-prova';

/**
 * The admin action the page's menu link is gated on: registered by the CMS, held by the super admin only
 * (a menu link can ask for a permission, not for a role).
 */
export const MAILBOX_ACTION = 'api::local-mailbox';

/** The most messages the list carries, newest first. */
export const MAILBOX_LIST_LIMIT = 100;

export interface MailboxEntry {
  /** The file's name without `.eml`: what `GET /admin/coesione/mailbox/:id` takes. */
  id: string;
  /** When it was written (the message's Date header, ISO). */
  date: string;
  /** The recipients, as the message names them. */
  to: string;
  subject: string;
  /** What the message is about (`booking:confirmed`), or null for a message written without one. */
  topic: string | null;
}

export interface MailboxList {
  /** The folder the messages are in, on the CMS's machine (MAIL_DIR or `<data dir>/mailbox`). */
  folder: string;
  /** How many messages the folder holds (the list carries the newest MAILBOX_LIST_LIMIT). */
  total: number;
  messages: MailboxEntry[];
}

export interface MailboxMessage extends MailboxEntry {
  from: string;
  /** Every header of the file, encoded words decoded, in order. */
  headers: { name: string; value: string }[];
  /** The plain-text part. */
  text: string;
  /** The HTML part, or null: the admin shows it only in a sandboxed frame, scripts off. */
  html: string | null;
}
