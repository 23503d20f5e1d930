/**
 * The local mailbox read back (without SMTP_URL the outbox writes each message there as an .eml file,
 * index.ts): the newest messages with their recipient, subject and topic, and one message whole, for the
 * admin's «Posta di prova» (routes.ts). The files are MIME as nodemailer writes them (encoded words,
 * quoted-printable parts): postal-mime decodes them.
 *
 * A message is named by its file's name without `.eml`, and only a name the folder's listing holds is
 * ever opened: no path is built from what a request says.
 */
import fs from 'node:fs';
import path from 'node:path';
import PostalMime, { decodeWords } from 'postal-mime';
import { MAILBOX_LIST_LIMIT, type MailboxEntry, type MailboxList, type MailboxMessage } from '@coesione/model';
import { TOPIC_HEADER } from './index';

const EML = '.eml';

/** The .eml files of `folder`, newest first (names start with the ISO time and end with the outbox row's id). */
function files(folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => name.endsWith(EML) && name.length > EML.length).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

const addresses = (list: PostalMime.Address[] | PostalMime.Address | undefined): string =>
  (Array.isArray(list) ? list : list ? [list] : [])
    .flatMap((a) => a.group ?? [a])
    .map((m) => (m.name ? `${m.name} <${m.address}>` : m.address))
    .join(', ');

async function parse(folder: string, file: string): Promise<{ entry: MailboxEntry; email: PostalMime.Email }> {
  const full = path.join(folder, file);
  const email = await PostalMime.parse(fs.readFileSync(full));
  const topic = email.headers.find((h) => h.key === TOPIC_HEADER.toLowerCase())?.value.trim() || null;
  const date = email.date && !Number.isNaN(Date.parse(email.date)) ? new Date(email.date).toISOString() : fs.statSync(full).mtime.toISOString();
  return { email, entry: { id: file.slice(0, -EML.length), date, to: addresses(email.to), subject: email.subject ?? '', topic } };
}

export interface Mailbox {
  list(limit?: number): Promise<MailboxList>;
  /** One message, or undefined when `id` names no file of the folder. */
  read(id: unknown): Promise<MailboxMessage | undefined>;
}

export function localMailbox(folder: string): Mailbox {
  return {
    async list(limit = MAILBOX_LIST_LIMIT) {
      const names = files(folder);
      const messages: MailboxEntry[] = [];
      for (const file of names.slice(0, limit)) messages.push((await parse(folder, file)).entry);
      return { folder, total: names.length, messages };
    },

    async read(id) {
      if (typeof id !== 'string') return undefined;
      const file = files(folder).find((name) => name === `${id}${EML}`);
      if (!file) return undefined;
      const { entry, email } = await parse(folder, file);
      return {
        ...entry,
        from: addresses(email.from),
        headers: email.headers.map((h) => ({ name: h.originalKey, value: decodeWords(h.value) })),
        text: email.text ?? '',
        html: email.html ?? null,
      };
    },
  };
}
