/**
 * Messages to people, through an outbox: a feature queues a message in the same moment it changes what
 * the message is about, and a worker delivers it, so a message is never lost when the SMTP server is
 * down (it is tried again with a growing pause) and goes out once across CMS processes (each row is
 * claimed with one conditional update before it is sent).
 *
 * With SMTP_URL set, messages go to that server (nodemailer). Without it (development, `npm start`), each
 * message is written as an .eml file to the local mailbox, `<data dir>/mailbox/`, so a newcomer sees what
 * would have been sent; the super admin reads them in the admin, «Posta di prova» (mailbox.ts, routes.ts).
 * Once delivered, a message's text is blanked (it may hold a personal link): the row keeps who got which
 * subject when, and goes after MAIL_RETENTION_DAYS.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import nodemailer from 'nodemailer';
import { tableOnce } from '../coordination/tables';
import { dataDir } from '../runtime';
import { envNumber } from '../security';

export const MAIL_TABLE = 'coesione_mail_outbox';
/** Messages handed to SMTP at once (nodemailer's pool keeps up to 5 connections). */
const SMTP_CONCURRENCY = 5;
/** The header that carries a message's topic in the local mailbox's files. */
export const TOPIC_HEADER = 'X-Coesione-Topic';

export interface Message {
  to: string;
  subject: string;
  /** Plain text, the whole message; `html` is the same in markup. */
  text: string;
  html: string;
  /** What the message is about, for the log and the office (`booking:confirmed`), never personal. */
  topic: string;
  /** Headers of its own: a subscription's `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
}

export interface MailOptions {
  smtpUrl: string | undefined;
  from: string;
  mailbox: string;
  intervalMs: number;
  /** The first pause after a failed delivery; each next one doubles, up to an hour. */
  retryBaseMs: number;
  retentionDays: number;
}

export function mailOptions(env: NodeJS.ProcessEnv = process.env): MailOptions {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    from: env.MAIL_FROM || 'Coesione <noreply@coesione.invalid>',
    mailbox: env.MAIL_DIR || path.join(dataDir(), 'mailbox'),
    intervalMs: envNumber(env.MAIL_INTERVAL_MS, 5000),
    retryBaseMs: envNumber(env.MAIL_RETRY_MS, 60_000),
    retentionDays: envNumber(env.MAIL_RETENTION_DAYS, 90),
  };
}

interface Row {
  id: number;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  topic: string;
  attempts: number;
  headers: string | null;
}

/**
 * Writes a message to the local mailbox as an .eml file named by the time and the outbox row's id; the
 * topic rides along in a header of the file only, for the admin's «Posta di prova» (it is never personal).
 * Returns the file's name.
 */
export async function writeToMailbox(folder: string, message: Message & { from: string }, id: number, now = new Date()): Promise<string> {
  const { topic, headers, ...mail } = message;
  const eml = await new Promise<Buffer>((resolve, reject) => {
    nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({ ...mail, date: now, headers: { ...headers, [TOPIC_HEADER]: topic } }, (error, info) => (error ? reject(error) : resolve(info.message as Buffer)));
  });
  const name = `${now.toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, name), eml);
  return name;
}

export interface Outbox {
  /** Queues a message (in `trx` when given, so it is queued with the change it tells of). */
  queue(message: Message, trx?: Knex.Transaction): Promise<void>;
  /** Delivers what is due; returns how many went out. */
  deliver(now?: number): Promise<number>;
  /** Closes the connections kept open to the SMTP server. */
  close(): void;
}

/**
 * The SMTP URL with nodemailer's pool on (`pool=true`) unless the URL says otherwise: a digest hands
 * thousands of messages over a few kept-open connections instead of one handshake each.
 */
export function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}

export function mailOutbox(knex: () => Knex, log: { info(m: string): void; warn(m: string): void }, options: MailOptions = mailOptions()): Outbox {
  const table = tableOnce(knex, MAIL_TABLE, (t) => {
    t.increments('id').primary();
    t.string('to_address', 200).notNullable();
    t.string('subject', 300).notNullable();
    t.text('body_text').notNullable();
    t.text('body_html').notNullable();
    t.string('topic', 60).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('due_at').notNullable().index();
    t.bigInteger('claimed_until').nullable();
    t.bigInteger('sent_at').nullable().index();
    t.bigInteger('created_at').notNullable();
    t.string('last_error', 60).nullable();
    t.text('headers').nullable();
  });
  // An outbox made before messages had headers of their own gets the column once.
  let upgraded: Promise<void> | undefined;
  const ready = () =>
    (upgraded ??= table().then(async () => {
      if (!(await knex().schema.hasColumn(MAIL_TABLE, 'headers'))) await knex().schema.alterTable(MAIL_TABLE, (t) => t.text('headers').nullable()).catch(async (error: unknown) => {
        if (!(await knex().schema.hasColumn(MAIL_TABLE, 'headers'))) throw error;
      });
    }).catch((error: unknown) => {
      upgraded = undefined;
      throw error;
    }));
  const transport = options.smtpUrl ? nodemailer.createTransport(pooled(options.smtpUrl)) : undefined;

  async function send(row: Row): Promise<void> {
    const headers = row.headers ? (JSON.parse(row.headers) as Record<string, string>) : undefined;
    const message = { from: options.from, to: row.to_address, subject: row.subject, text: row.body_text, html: row.body_html };
    if (transport) {
      await transport.sendMail({ ...message, headers });
      return;
    }
    await writeToMailbox(options.mailbox, { ...message, topic: row.topic, headers }, row.id);
  }

  return {
    async queue(message, trx) {
      await ready();
      const now = Date.now();
      await (trx ?? knex())(MAIL_TABLE).insert({
        to_address: message.to, subject: message.subject, body_text: message.text, body_html: message.html, topic: message.topic,
        headers: message.headers ? JSON.stringify(message.headers) : null, attempts: 0, due_at: now, created_at: now,
      });
    },

    async deliver(now = Date.now()) {
      await ready();
      const db = knex();
      await db(MAIL_TABLE).whereNotNull('sent_at').andWhere('sent_at', '<', now - options.retentionDays * 86_400_000).delete();
      let sent = 0;
      // Batch after batch while messages are due (a weekly digest queues thousands at once), for at most a
      // minute: then the next pass goes on, and the other processes take their share meanwhile.
      const until = Date.now() + 60_000;
      for (let skipped = new Set<number>(); Date.now() < until; ) {
        const due = ((await db(MAIL_TABLE).whereNull('sent_at').andWhere('due_at', '<=', now).orderBy('id').limit(50 + skipped.size)) as Row[]).filter((row) => !skipped.has(row.id));
        if (due.length === 0) break;
        // One process claims a row for a minute; the others pass it by. The batch in one update when no other
        // process holds any of it (one commit, not fifty); else row by row (the batch's rows this update took
        // wait for their claim to run out).
        const claim = (query: Knex.QueryBuilder) =>
          query.whereNull('sent_at').andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', now)).update({ claimed_until: Date.now() + 60_000 });
        const whole = Number(await claim(db(MAIL_TABLE).whereIn('id', due.map((row) => row.id)))) === due.length;
        /** Sends one claimed row and records the outcome. */
        const attempt = async (row: Row) => {
          try {
            await send(row);
            await db(MAIL_TABLE).where('id', row.id).update({ sent_at: Date.now(), body_text: '', body_html: '', headers: null, claimed_until: null, last_error: null });
            sent++;
            log.info(`mail: ${row.topic} message ${row.id} delivered${transport ? '' : ' to the local mailbox'}`);
          } catch (error) {
            const code = String((error as { code?: string; responseCode?: number }).code ?? (error as { responseCode?: number }).responseCode ?? 'error').slice(0, 60);
            const attempts = row.attempts + 1;
            // 1, 2, 4 … minutes by default, at most an hour: a server down for a day still gets the message.
            const pause = Math.min(3_600_000, options.retryBaseMs * 2 ** Math.min(attempts - 1, 12));
            await db(MAIL_TABLE).where('id', row.id).update({ attempts, due_at: Date.now() + pause, claimed_until: null, last_error: code });
            log.warn(`mail: ${row.topic} message ${row.id} not delivered (${code}, attempt ${attempts}); tried again later`);
          }
        };
        const mine: Row[] = [];
        for (const row of due) {
          if (!whole && Number(await claim(db(MAIL_TABLE).where('id', row.id))) !== 1) skipped.add(row.id);
          else mine.push(row);
        }
        // A few at a time over the pool's connections: the SMTP round trips overlap.
        for (let i = 0; i < mine.length; i += SMTP_CONCURRENCY) await Promise.all(mine.slice(i, i + SMTP_CONCURRENCY).map(attempt));
      }
      return sent;
    },

    close() {
      transport?.close();
    },
  };
}

/** Starts delivering every MAIL_INTERVAL_MS; returns a function that stops it. */
export function startMailWorker(outbox: Outbox, log: { error(m: string): void }, options: MailOptions = mailOptions()): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => outbox.deliver()).catch((error: unknown) => log.error(`mail: delivery failed: ${(error as Error).message}`));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    outbox.close();
  };
}

const outboxes = new WeakMap<object, Outbox>();

/** The one outbox of a running CMS (features queue into it; platform boot starts its worker). */
export function outboxOf(strapi: { db: { connection: Knex }; log: { info(m: string): void; warn(m: string): void } }): Outbox {
  let outbox = outboxes.get(strapi);
  if (!outbox) outboxes.set(strapi, (outbox = mailOutbox(() => strapi.db.connection, strapi.log)));
  return outbox;
}
