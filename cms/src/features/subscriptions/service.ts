/**
 * Subscriptions without an account: a person asks to follow a section (with filters) at an address, the
 * address confirms from the message it gets (double opt-in; unconfirmed ones go after
 * SUBSCRIPTION_CONFIRM_DAYS), and from then on gets each new entry that fits (immediate) or a Monday
 * digest of the week's (weekly), each message with its one-click unsubscribe (RFC 8058) and a link to
 * manage every subscription of the address.
 *
 * What is new is recorded when an entry is first published (`recordPublished`, from a document-service
 * middleware): an edit published again is not news. Each message is recorded as sent to a subscription
 * (`coesione_subscription_sends`, primary key subscription × item) in the same transaction that queues it
 * in the mail outbox, so a pass run twice, or by two CMS processes at once, sends nothing twice; on
 * PostgreSQL the passes also take turns (`exclusive`).
 *
 * Addresses are private: they live only in `coesione_subscriptions` (no content type, so no API reads them),
 * go with their subscription, and are never logged. A subscription's links carry its token, its id and a
 * keyed hash of the id and a random nonce: nothing to store, nothing to guess, and dead with the row.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ALL, AMBITI, FREQUENCY_LABELS, NEED_CATEGORIES, isFollowable, openOn, PACT_STAGE_LABELS, quarterLabel, romeDay, addDays, SUBSCRIPTION_CONFIRM_DAYS, SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_LIMITS, SUBSCRIPTION_PARAMS, SUBSCRIPTION_REMINDER_DAYS, SUBSCRIPTION_ROUTES, suppressedText, TYPES, uidOf, type FollowableType, type NeedCell, type PactStage, type SubscriptionFilters, type SubscriptionFrequency, type SubscriptionTopic } from '@coesione/model';
import { exclusive } from '../../platform/coordination';
import { isUniqueViolation, tableOnce } from '../../platform/coordination/tables';
import { compose, type Block } from '../../platform/mail/compose';
import { MAIL_TABLE, outboxOf } from '../../platform/mail';
import type { Limiter } from '../../platform/security';
import { canonical, describe, matches, readFilters, type FilterErrors, type FollowedEntry, type Vocabulary } from './filters';
import { readTopic, type TopicFilters } from './topics';

export const SUBSCRIPTION_TABLE = 'coesione_subscriptions';
export const NEWS_TABLE = 'coesione_subscription_news';
export const SEND_TABLE = 'coesione_subscription_sends';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

interface SubscriptionRow {
  id: number;
  email: string;
  email_key: string;
  nonce: string;
  /** The section followed, or the one thing (a pact, a workshop's sessions, a deadline, an area's need figures). */
  type: FollowableType | SubscriptionTopic;
  filters: string;
  frequency: SubscriptionFrequency;
  state: 'pending' | 'active';
  created_at: number | string;
  confirmed_at: number | string | null;
}

/**
 * Something new: an entry of a section first published (`type` the section, `document_id` the entry), a
 * pact's stage first published (`pact-stage`, `<documentId>:<stage>`), a workshop's session first published
 * (`workshop-session`, `<documentId>|<start>`).
 */
interface NewsRow {
  type: FollowableType | 'pact-stage' | 'workshop-session';
  document_id: string;
  first_published_at: number | string;
}

export interface SubscriptionView {
  id: number;
  description: string;
  frequency: string;
}

export type SubscribeResult =
  | { outcome: 'invalid'; errors: FilterErrors; filters: Partial<SubscriptionFilters>; topic?: TopicFilters; topicError?: string; email: string; frequency: string }
  | { outcome: 'rate-limited'; retryAfterMs: number }
  | { outcome: 'sent'; email: string; description: string };

export interface SubscriptionDeps {
  strapi: Core.Strapi;
  /** A secret: the address's key is a keyed hash, so the table cannot be joined with another by address. */
  salt: string;
  siteUrl: string;
  cmsUrl: () => string;
  limiters?: { client: Limiter; address: Limiter };
  /** The clock: every pass and every record reads it (the tests move it week by week). */
  now?: () => number;
}

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** Monday 00:00 UTC of the week holding `at` (digests count weeks in UTC: a day's shift in Rome's night changes nothing a person notices). */
export function weekStart(at: number): number {
  const day = new Date(at);
  day.setUTCHours(0, 0, 0, 0);
  return day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS;
}

/** «2026-W49»: the ISO week of a week's Monday. */
export function weekKey(monday: number): string {
  const thursday = new Date(monday + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / WEEK_MS) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The hour of Monday (UTC) from which the past week's digest goes out: 7 UTC, 8 or 9 in Rome. */
export const DIGEST_HOUR_UTC = 7;

export function subscriptionService(deps: SubscriptionDeps) {
  const { strapi } = deps;
  const knex = (): Knex => strapi.db.connection;
  const service = { clock: deps.now ?? Date.now };
  const now = () => service.clock();

  const subscriptions = tableOnce(knex, SUBSCRIPTION_TABLE, (t) => {
    t.increments('id').primary();
    t.string('email', SUBSCRIPTION_LIMITS.email).notNullable();
    t.string('email_key', 64).notNullable().index();
    t.string('nonce', 32).notNullable();
    t.string('type', 40).notNullable();
    t.text('filters').notNullable();
    t.string('filters_key', 64).notNullable();
    t.string('frequency', 16).notNullable();
    t.string('state', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('confirmed_at').nullable();
    t.unique(['email_key', 'filters_key']);
  });
  const news = tableOnce(knex, NEWS_TABLE, (t) => {
    t.string('type', 40).notNullable();
    t.string('document_id', 80).notNullable();
    t.bigInteger('first_published_at').notNullable().index();
    t.bigInteger('notified_at').nullable().index();
    t.primary(['type', 'document_id']);
  });
  const sends = tableOnce(knex, SEND_TABLE, (t) => {
    t.integer('subscription_id').notNullable();
    t.string('item', 80).notNullable();
    t.bigInteger('queued_at').notNullable();
    t.primary(['subscription_id', 'item']);
  });
  const ready = () => Promise.all([subscriptions(), news(), sends()]);

  const emailKey = (email: string) => crypto.createHmac('sha256', deps.salt).update(email.toLowerCase()).digest('hex');
  const mac = (id: number, nonce: string) => crypto.createHmac('sha256', deps.salt).update(`subscription:${id}:${nonce}`).digest('base64url').slice(0, 32);
  /** The token of a subscription's links: its id and the keyed hash. */
  const tokenOf = (row: { id: number; nonce: string }) => `${row.id}-${mac(row.id, row.nonce)}`;
  const byToken = async (token: string): Promise<SubscriptionRow | undefined> => {
    const parsed = /^(\d{1,12})-([A-Za-z0-9_-]{32})$/.exec(token);
    if (!parsed) return undefined;
    await ready();
    const row = (await knex()(SUBSCRIPTION_TABLE).where('id', Number(parsed[1])).first()) as SubscriptionRow | undefined;
    if (!row || !crypto.timingSafeEqual(Buffer.from(mac(row.id, row.nonce)), Buffer.from(parsed[2]!))) return undefined;
    return row;
  };

  /** The comuni, themes, target groups and kinds a filter may name (read each time: they change rarely and seldom matter for speed here). */
  async function vocabulary(): Promise<Vocabulary> {
    const rows = async (type: 'municipality' | 'theme' | 'target-group', key: string) =>
      new Map(((await strapi.db.query(uidOf(type)).findMany({ select: [key, 'name'], orderBy: { name: 'asc' } })) as Record<string, string>[]).map((r) => [r[key]!, r.name!]));
    const kind = (uid: string) => ((strapi.getModel(uid as never) as { attributes?: Record<string, { enum?: string[] }> } | undefined)?.attributes?.kind?.enum ?? []);
    const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
    return {
      comuni: await rows('municipality', 'istatCode'),
      themes: await rows('theme', 'slug'),
      targets: await rows('target-group', 'slug'),
      kinds: { opportunity: new Map(kind(uidOf('opportunity')).map((k) => [k, label(k)])) },
    };
  }

  const links = (token: string) => ({
    confirm: `${deps.cmsUrl()}${SUBSCRIPTION_ROUTES.confirm}/${token}`,
    unsubscribe: `${deps.cmsUrl()}${SUBSCRIPTION_ROUTES.unsubscribe}/${token}`,
    manage: `${deps.cmsUrl()}${SUBSCRIPTION_ROUTES.manage}/${token}`,
  });
  const entryUrl = (type: FollowableType | 'pact', slug: string) => `${deps.siteUrl}${TYPES[type].section}${encodeURIComponent(slug)}/`;

  /** The footer and headers of every message a subscription gets: why it came, and how to stop it in one click. */
  function subscriptionMail(token: string, description: string) {
    const link = links(token);
    return {
      footer: [
        { paragraph: `Ricevi questo messaggio perché hai chiesto di seguire: ${description}.` } as Block,
        { link: link.unsubscribe, label: 'Non ricevere più questi messaggi' } as Block,
        { link: link.manage, label: 'Le tue iscrizioni' } as Block,
      ],
      headers: { 'List-Unsubscribe': `<${link.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }

  const filtersOf = (row: SubscriptionRow) => JSON.parse(row.filters) as SubscriptionFilters;
  const topicOf = (row: SubscriptionRow) => JSON.parse(row.filters) as TopicFilters;
  const isSection = (row: SubscriptionRow) => isFollowable(row.type);
  /** How the pages and messages name what a subscription follows. */
  const describeRow = (row: SubscriptionRow, words: Vocabulary) => (isSection(row) ? describe(filtersOf(row), words) : topicOf(row).label);

  /** Loads published entries of one type for matching (only what the filters read). */
  async function entries(type: FollowableType, documentIds: string[]): Promise<Map<string, FollowedEntry>> {
    if (documentIds.length === 0) return new Map();
    const found = (await strapi.documents(uidOf(type) as never).findMany({
      filters: { documentId: { $in: documentIds } },
      status: 'published',
      locale: 'it',
      fields: ['title', 'slug', 'summary', ...(type === 'opportunity' ? ['kind'] : [])],
      populate: { themes: { fields: ['slug'] }, targetGroups: { fields: ['slug'] }, municipalities: { fields: ['istatCode'] } },
      limit: documentIds.length,
    } as never)) as unknown as { documentId: string; title: string; slug: string; summary?: string; kind?: string; themes?: { slug: string }[]; targetGroups?: { slug: string }[]; municipalities?: { istatCode: string }[] }[];
    return new Map(
      found.map((e) => [
        e.documentId,
        { documentId: e.documentId, title: e.title, slug: e.slug, summary: e.summary ?? '', kind: e.kind ?? null, themes: (e.themes ?? []).map((t) => t.slug), targets: (e.targetGroups ?? []).map((t) => t.slug), comuni: (e.municipalities ?? []).map((m) => m.istatCode) },
      ]),
    );
  }

  /**
   * After subscriptions went: an address with none left is forgotten, the record of what was sent to it
   * and what still waited included (the outbox keeps delivered messages' addresses for MAIL_RETENTION_DAYS
   * otherwise). Every way a subscription ends goes through here: unsubscribed, or never confirmed.
   */
  async function forgetIfLast(db: Knex | Knex.Transaction, email: string, key: string): Promise<void> {
    const left = Number(((await db(SUBSCRIPTION_TABLE).where('email_key', key).count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
    if (left === 0) await db(MAIL_TABLE).where('to_address', email).andWhere('topic', 'like', 'subscription:%').delete();
  }

  /** Records a message to a subscription and queues it, both or neither; false when it was already sent. */
  async function sendOnce(row: SubscriptionRow, item: string, build: () => ReturnType<typeof compose>): Promise<boolean> {
    try {
      await knex().transaction(async (trx) => {
        await trx(SEND_TABLE).insert({ subscription_id: row.id, item, queued_at: now() });
        await outboxOf(strapi).queue(build(), trx);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * `sendOnce` for many in one transaction (a digest goes to thousands: one commit, one disk flush, per
   * hundred rather than per message); if one of them was sent meanwhile, each is tried on its own.
   */
  async function sendMany(batch: { row: SubscriptionRow; item: string; build: () => ReturnType<typeof compose> }[]): Promise<number> {
    if (batch.length === 0) return 0;
    try {
      await knex().transaction(async (trx) => {
        await trx(SEND_TABLE).insert(batch.map(({ row, item }) => ({ subscription_id: row.id, item, queued_at: now() })));
        for (const { build } of batch) await outboxOf(strapi).queue(build(), trx);
      });
      return batch.length;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      let sent = 0;
      for (const { row, item, build } of batch) if (await sendOnce(row, item, build)) sent++;
      return sent;
    }
  }

  const passes = Object.assign(service, {
    vocabulary,

    /** The form's post: checks everything, then stores a pending subscription and asks the address to confirm it. */
    async subscribe(body: unknown, client: string): Promise<SubscribeResult> {
      await ready();
      const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const topic = await readTopic(strapi, input, new Date(now()));
      const words = topic ? undefined : await vocabulary();
      const { filters, errors } = words ? readFilters(input, words) : { filters: {}, errors: {} as FilterErrors };
      const email = String(input[SUBSCRIPTION_PARAMS.email] ?? '').trim();
      // One thing followed comes as it happens (the need figures once a quarter); a section as chosen.
      const frequency = topic ? (topic.filters?.topic === 'needs' ? 'quarterly' : 'immediate') : String(input[SUBSCRIPTION_PARAMS.frequency] ?? 'immediate');
      if (!email) errors.email = 'Scrivi il tuo indirizzo e-mail: ti mandiamo lì gli aggiornamenti.';
      else if (email.length > SUBSCRIPTION_LIMITS.email || !EMAIL.test(email)) errors.email = 'Questo indirizzo e-mail non sembra valido: controllalo (per esempio nome@esempio.it).';
      if (!topic && !(SUBSCRIPTION_FREQUENCIES as readonly string[]).includes(frequency)) errors.frequency = 'Scegli ogni quanto ricevere gli aggiornamenti.';
      if (topic && !topic.filters) return { outcome: 'invalid', errors, filters, topicError: topic.error, email, frequency };
      if (Object.keys(errors).length > 0 || (!topic && !filters.type)) return { outcome: 'invalid', errors, filters, topic: topic?.filters, email, frequency };

      const key = emailKey(email);
      for (const [limiter, id] of [[deps.limiters?.client, client], [deps.limiters?.address, key]] as const) {
        const taken = await limiter?.take(id);
        if (taken && !taken.ok) return { outcome: 'rate-limited', retryAfterMs: taken.retryAfterMs };
      }
      const chosen: SubscriptionFilters | TopicFilters = topic?.filters ?? canonical(filters as SubscriptionFilters);
      const type = 'topic' in chosen ? chosen.topic : chosen.type;
      const description = 'topic' in chosen ? chosen.label : describe(chosen, words!);
      const filtersKey = sha256(JSON.stringify('topic' in chosen ? [chosen.topic, chosen.target] : [chosen, frequency]));
      const nonce = crypto.randomBytes(16).toString('base64url');
      const at = now();
      const frequencyText = FREQUENCY_LABELS[frequency as SubscriptionFrequency].toLocaleLowerCase('it');
      await knex().transaction(async (trx) => {
        const existing = (await trx(SUBSCRIPTION_TABLE).where({ email_key: key, filters_key: filtersKey }).first()) as SubscriptionRow | undefined;
        if (existing?.state === 'active') {
          // Already following this: say so to the address (the page says the same as for a new one, so it tells nobody else).
          const token = tokenOf(existing);
          await outboxOf(strapi).queue(compose({
            to: email, subject: 'Sei già iscritto', topic: 'subscription:already',
            blocks: [{ paragraph: `Qualcuno (forse tu) ha chiesto di nuovo di seguire ${description}: sei già iscritto, non serve fare nulla.` }, { link: links(token).manage, label: 'Le tue iscrizioni' }],
          }), trx);
          return;
        }
        // Asked again before confirming: a new link, and the days start again (the old link is dead).
        let id = existing?.id;
        if (id !== undefined) await trx(SUBSCRIPTION_TABLE).where('id', id).update({ nonce, created_at: at });
        else {
          const [inserted] = (await trx(SUBSCRIPTION_TABLE).insert({ email, email_key: key, nonce, type, filters: JSON.stringify(chosen), filters_key: filtersKey, frequency, state: 'pending', created_at: at, confirmed_at: null }, ['id'])) as ({ id: number } | number)[];
          id = typeof inserted === 'object' ? inserted.id : Number(inserted);
        }
        const token = tokenOf({ id, nonce });
        await outboxOf(strapi).queue(compose({
          to: email, subject: 'Conferma la tua iscrizione agli aggiornamenti', topic: 'subscription:confirm',
          blocks: [
            { paragraph: `Hai chiesto di ricevere gli aggiornamenti di Coesione su: ${description} (${frequencyText}).` },
            { paragraph: `Per iniziare a riceverli conferma entro ${SUBSCRIPTION_CONFIRM_DAYS} giorni da questo link:` },
            { link: links(token).confirm, label: 'Conferma l’iscrizione' },
            { paragraph: 'Se non sei stato tu, ignora questo messaggio: senza conferma non ti scriveremo più e il tuo indirizzo sarà cancellato.' },
          ],
        }), trx);
      });
      return { outcome: 'sent', email, description };
    },

    /** The subscription a confirmation link names, and whether it can still be confirmed. */
    async pending(token: string): Promise<{ state: 'unknown' | 'expired' | 'pending' | 'active'; description?: string }> {
      const row = await byToken(token);
      if (!row) return { state: 'unknown' };
      const description = describeRow(row, await vocabulary());
      if (row.state === 'active') return { state: 'active', description };
      if (Number(row.created_at) + SUBSCRIPTION_CONFIRM_DAYS * DAY_MS < now()) return { state: 'expired', description };
      return { state: 'pending', description };
    },

    async confirm(token: string): Promise<{ state: 'unknown' | 'expired' | 'confirmed' | 'active'; description?: string; manage?: string }> {
      const row = await byToken(token);
      if (!row) return { state: 'unknown' };
      const description = describeRow(row, await vocabulary());
      const manage = links(tokenOf(row)).manage;
      if (row.state === 'active') return { state: 'active', description, manage };
      if (Number(row.created_at) + SUBSCRIPTION_CONFIRM_DAYS * DAY_MS < now()) {
        await knex().transaction(async (trx) => {
          await trx(SUBSCRIPTION_TABLE).where('id', row.id).delete();
          await forgetIfLast(trx, row.email, row.email_key);
        });
        return { state: 'expired', description };
      }
      await knex()(SUBSCRIPTION_TABLE).where({ id: row.id, state: 'pending' }).update({ state: 'active', confirmed_at: now() });
      strapi.log.info(`subscriptions: subscription ${row.id} confirmed (${row.type}, ${row.frequency})`);
      return { state: 'confirmed', description, manage };
    },

    /** What an unsubscribe or manage link shows: the address's subscriptions (the link's first). */
    async manage(token: string): Promise<{ email: string; current: number; subscriptions: SubscriptionView[] } | undefined> {
      const row = await byToken(token);
      if (!row || row.state !== 'active') return undefined;
      const words = await vocabulary();
      const rows = (await knex()(SUBSCRIPTION_TABLE).where({ email_key: row.email_key, state: 'active' }).orderBy('id')) as SubscriptionRow[];
      return { email: row.email, current: row.id, subscriptions: rows.map((r) => ({ id: r.id, description: describeRow(r, words), frequency: FREQUENCY_LABELS[r.frequency] })) };
    },

    /**
     * Ends subscriptions named by a link's token: that one (`which` undefined), another of the same address
     * (its id), or all of the address's (`'all'`). What was queued for them and not sent goes too; the
     * address goes with its last subscription. Returns how many ended (0: the link names nothing, or no more).
     */
    async unsubscribe(token: string, which?: number | 'all'): Promise<number> {
      const row = await byToken(token);
      if (!row) return 0;
      return knex().transaction(async (trx) => {
        const query = trx(SUBSCRIPTION_TABLE).where('email_key', row.email_key);
        if (which !== 'all') query.andWhere('id', which ?? row.id);
        const ending = (await query.select('id')) as { id: number }[];
        const ids = ending.map((r) => r.id);
        if (ids.length === 0) return 0;
        await trx(SEND_TABLE).whereIn('subscription_id', ids).delete();
        await trx(MAIL_TABLE).where('to_address', row.email).whereNull('sent_at').whereIn('topic', ids.map((id) => `subscription:${id}`)).delete();
        await trx(SUBSCRIPTION_TABLE).whereIn('id', ids).delete();
        await forgetIfLast(trx, row.email, row.email_key);
        strapi.log.info(`subscriptions: ${ids.length} subscription(s) ended by their link`);
        return ids.length;
      });
    },

    /**
     * Called when an entry is published: an entry of a section is news the first time only; so is each stage
     * of a pact and each session of a workshop (the time they are first published is kept).
     */
    async recordPublished(type: string, documentId: string): Promise<void> {
      await ready();
      const record = async (kind: NewsRow['type'], id: string) => {
        try {
          await knex()(NEWS_TABLE).insert({ type: kind, document_id: id, first_published_at: now(), notified_at: null });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      };
      if (isFollowable(type)) await record(type, documentId);
      if (type === 'pact') {
        const pact = (await strapi.documents(uidOf('pact') as never).findOne({ documentId, status: 'published', locale: 'it', fields: ['stage'] } as never)) as { stage?: string } | null;
        if (pact?.stage) await record('pact-stage', `${documentId}:${pact.stage}`);
      }
      if (type === 'workshop') {
        const workshop = (await strapi.documents(uidOf('workshop') as never).findOne({ documentId, status: 'published', locale: 'it', fields: ['title'], populate: { sessions: true } } as never)) as { sessions?: { start: string; cancelled?: boolean }[] } | null;
        for (const session of workshop?.sessions ?? []) if (!session.cancelled && Date.parse(session.start) > now()) await record('workshop-session', `${documentId}|${new Date(session.start).toISOString()}`);
      }
    },

    /**
     * The immediate messages: each new entry that fits a section's subscription, each new stage of a
     * followed pact, each new session of a followed workshop; to each subscriber confirmed before it was published.
     */
    async notify(): Promise<number> {
      await ready();
      return (await exclusive(knex(), 'subscriptions-notify', async () => {
        // The news types someone follows as they happen; the rest is done at once, without reading its entries
        // (a seed publishes hundreds of entries, and nobody follows yet).
        const followed = ((await knex()(SUBSCRIPTION_TABLE).where({ state: 'active', frequency: 'immediate' }).distinct('type')) as { type: string }[]).map((r) => r.type);
        const newsTypes = followed.map((type) => (type === 'pact' ? 'pact-stage' : type === 'sessions' ? 'workshop-session' : type));
        await knex()(NEWS_TABLE).whereNull('notified_at').whereNotIn('type', newsTypes).update({ notified_at: now() });
        const fresh = (await knex()(NEWS_TABLE).whereNull('notified_at').whereIn('type', newsTypes).orderBy('first_published_at').limit(100)) as NewsRow[];
        if (fresh.length === 0) return 0;
        const subscribers = (await knex()(SUBSCRIPTION_TABLE).where({ state: 'active', frequency: 'immediate' }).whereIn('type', followed)) as SubscriptionRow[];
        const confirmedBefore = (row: SubscriptionRow, item: NewsRow) => Number(row.confirmed_at) <= Number(item.first_published_at);
        // An entry not readable yet, just after its publish, is looked at again at the next pass; after a minute it was unpublished meanwhile.
        const settling = (item: NewsRow) => Number(item.first_published_at) > now() - 60_000;
        const words = await vocabulary();
        let queued = 0;
        // Each item's messages to all its followers in one transaction (sendMany), flushed as the item is done.
        let batch: Parameters<typeof sendMany>[0] = [];
        const send = async (row: SubscriptionRow, item: string, subject: string, blocks: Block[]) => {
          const description = describeRow(row, words);
          batch.push({ row, item, build: () => compose({ to: row.email, subject, topic: `subscription:${row.id}`, blocks, ...subscriptionMail(tokenOf(row), description) }) });
        };
        const flush = async () => {
          queued += await sendMany(batch);
          batch = [];
        };
        for (const type of new Set(fresh.map((n) => n.type))) {
          const items = fresh.filter((n) => n.type === type);
          if (type === 'pact-stage' || type === 'workshop-session') {
            for (const item of items) {
              const [documentId, detail] = item.document_id.split(type === 'pact-stage' ? ':' : '|') as [string, string];
              const followers = subscribers.filter((s) => s.type === (type === 'pact-stage' ? 'pact' : 'sessions') && topicOf(s).target === documentId && confirmedBefore(s, item));
              if (followers.length > 0) {
                const kind = type === 'pact-stage' ? 'pact' : 'workshop';
                const entry = (await strapi.documents(uidOf(kind) as never).findOne({ documentId, status: 'published', locale: 'it', fields: ['title', 'slug'] } as never)) as { title: string; slug: string } | null;
                if (!entry && settling(item)) continue;
                for (const row of entry ? followers : []) {
                  if (type === 'pact-stage') {
                    const stage = PACT_STAGE_LABELS[detail as PactStage] ?? detail;
                    await send(row, `stage:${detail}`, `Il patto «${entry!.title}» è ora: ${stage}`, [{ paragraph: `Il patto di collaborazione «${entry!.title}» è passato alla fase: ${stage}.` }, { link: entryUrl('pact', entry!.slug), label: 'La pagina del patto' }]);
                  } else {
                    const when = new Date(detail).toLocaleString('it-IT', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });
                    await send(row, `session:${detail}`, `Nuovo incontro: ${entry!.title}, ${when}`, [{ paragraph: `Il laboratorio «${entry!.title}» ha un nuovo incontro: ${when}.` }, { link: entryUrl('workshop', entry!.slug), label: 'Prenota dalla pagina del laboratorio' }]);
                  }
                }
              }
              await flush();
              await knex()(NEWS_TABLE).where({ type, document_id: item.document_id }).update({ notified_at: now() });
            }
            continue;
          }
          const loaded = await entries(type, items.map((n) => n.document_id));
          for (const item of items) {
            const entry = loaded.get(item.document_id);
            if (!entry && settling(item)) continue;
            for (const row of entry ? subscribers.filter((s) => s.type === type && confirmedBefore(s, item)) : []) {
              if (!matches(entry!, filtersOf(row))) continue;
              await send(row, `${type}:${item.document_id}`, `${TYPES[type].singular}: ${entry!.title}`, [
                { paragraph: `Una novità su Coesione tra ${describeRow(row, words)}:` },
                { entry: { title: entry!.title, url: entryUrl(type, entry!.slug), summary: entry!.summary } },
              ]);
            }
            await flush();
            await knex()(NEWS_TABLE).where({ type, document_id: item.document_id }).update({ notified_at: now() });
          }
        }
        if (queued > 0) strapi.log.info(`subscriptions: ${queued} message(s) of news queued`);
        return queued;
      })) ?? 0;
    },

    /** The deadline reminders: SUBSCRIPTION_REMINDER_DAYS before an opportunity closes, once per deadline (a deadline moved is reminded again). */
    async reminders(): Promise<number> {
      await ready();
      return (await exclusive(knex(), 'subscriptions-reminders', async () => {
        const rows = (await knex()(SUBSCRIPTION_TABLE).where({ state: 'active', type: 'deadline' })) as SubscriptionRow[];
        if (rows.length === 0) return 0;
        const at = new Date(now());
        const today = romeDay(at);
        const found = (await strapi.documents(uidOf('opportunity') as never).findMany({ filters: { documentId: { $in: [...new Set(rows.map((r) => topicOf(r).target))] } }, status: 'published', locale: 'it', fields: ['title', 'slug', 'deadline'], limit: rows.length } as never)) as unknown as { documentId: string; title: string; slug: string; deadline: string | null }[];
        const byId = new Map(found.map((o) => [o.documentId, o]));
        let queued = 0;
        for (const row of rows) {
          const opportunity = byId.get(topicOf(row).target);
          if (!opportunity?.deadline || !openOn(opportunity.deadline, at) || addDays(opportunity.deadline, -SUBSCRIPTION_REMINDER_DAYS) > today) continue;
          const date = new Date(`${opportunity.deadline}T12:00:00Z`).toLocaleDateString('it-IT', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Rome' });
          const sent = await sendOnce(row, `deadline:${opportunity.deadline}`, () => compose({
            to: row.email, subject: `Scade ${opportunity.deadline === today ? 'oggi' : `il ${date}`}: ${opportunity.title}`, topic: `subscription:${row.id}`,
            blocks: [{ paragraph: `Ti ricordiamo che «${opportunity.title}» scade ${opportunity.deadline === today ? 'oggi' : date}: dopo non si potrà più partecipare.` }, { entry: { title: opportunity.title, url: entryUrl('opportunity', opportunity.slug) } }],
            ...subscriptionMail(tokenOf(row), topicOf(row).label),
          }));
          if (sent) queued++;
        }
        if (queued > 0) strapi.log.info(`subscriptions: ${queued} deadline reminder(s) queued`);
        return queued;
      })) ?? 0;
    },

    /**
     * The need figures of a comune or an ambito, once per quarter made final after the subscription was
     * confirmed: each figure as the site shows it (a hidden one «meno di N» or «non pubblicato», never 0).
     */
    async needDigests(): Promise<number> {
      await ready();
      return (await exclusive(knex(), 'subscriptions-needs', async () => {
        const rows = (await knex()(SUBSCRIPTION_TABLE).where({ state: 'active', type: 'needs' })) as SubscriptionRow[];
        if (rows.length === 0) return 0;
        const releases = (await strapi.db.query(uidOf('need-figure')).findMany({ where: { frozen: true, level: { $in: ['comune', 'ambito'] } }, select: ['quarter', 'level', 'minCell', 'quarters', 'computedAt', 'cells'], orderBy: { quarter: 'asc' } })) as { quarter: string; level: 'comune' | 'ambito'; minCell: number; quarters: number | null; computedAt: string; cells: NeedCell[] }[];
        const comuni = new Map(((await strapi.db.query(uidOf('municipality')).findMany({ select: ['istatCode', 'name', 'slug'] })) as { istatCode: string; name: string; slug: string }[]).map((c) => [c.istatCode, c]));
        let queued = 0;
        for (const row of rows) {
          const { target, label } = topicOf(row);
          const ambito = AMBITI.find((a) => a.slug === target);
          for (const release of releases.filter((r) => r.level === (ambito ? 'ambito' : 'comune') && Date.parse(r.computedAt) >= Number(row.confirmed_at))) {
            const cells = release.cells.filter((c) => c.area === target && c.ageBand === ALL);
            if (cells.length === 0) continue;
            const figure = (c: NeedCell | undefined) => (!c ? 'nessun dato' : c.people === null ? suppressedText(c, release.minCell) : c.people.toLocaleString('it-IT'));
            const place = ambito?.name ?? comuni.get(target)?.name ?? target;
            const span = release.quarters && release.quarters > 1 ? ` (persone seguite nei ${release.quarters} trimestri fino a questo)` : '';
            const page = ambito ? `${deps.siteUrl}/bisogni/sintesi/ambiti/${ambito.slug}/` : `${deps.siteUrl}/bisogni/sintesi/comuni/${comuni.get(target)?.slug ?? ''}/`;
            const sent = await sendOnce(row, `needs:${release.quarter}`, () => compose({
              to: row.email, subject: `Bisogni rilevati a ${place}: ${quarterLabel(release.quarter)}`, topic: `subscription:${row.id}`,
              blocks: [
                { paragraph: `Le cifre definitive del ${quarterLabel(release.quarter)}${span}: persone seguite dagli enti del distretto, per bisogno. Per proteggere le persone, un numero sotto ${release.minCell} non si pubblica.` },
                { paragraph: `In tutto: ${figure(cells.find((c) => c.category === ALL))}` },
                ...NEED_CATEGORIES.map((category) => ({ paragraph: `${category.name}: ${figure(cells.find((c) => c.category === category.slug))}` })),
                { link: page, label: `La sintesi trimestrale di ${place} sul sito` },
              ],
              ...subscriptionMail(tokenOf(row), label),
            }));
            if (sent) queued++;
          }
        }
        if (queued > 0) strapi.log.info(`subscriptions: ${queued} need digest(s) queued`);
        return queued;
      })) ?? 0;
    },

    /**
     * Weekly subscriptions: from Monday DIGEST_HOUR_UTC, the digest of the past week's new entries that fit,
     * once per subscription and week; none when nothing fits. Safe to run at any time and on every process:
     * a digest missed on Monday (the CMS was down) goes out at the next run.
     */
    async weekly(): Promise<number> {
      await ready();
      const at = now();
      const thisWeek = weekStart(at);
      const week = at >= thisWeek + DIGEST_HOUR_UTC * 3_600_000 ? thisWeek - WEEK_MS : thisWeek - 2 * WEEK_MS;
      const key = weekKey(week);
      return (await exclusive(knex(), 'subscriptions-weekly', async () => {
        const items = (await knex()(NEWS_TABLE).where('first_published_at', '>=', week).andWhere('first_published_at', '<', week + WEEK_MS).orderBy('first_published_at')) as NewsRow[];
        if (items.length === 0) return 0;
        const subscribers = ((await knex()(SUBSCRIPTION_TABLE).where({ state: 'active', frequency: 'weekly' })) as SubscriptionRow[]).filter(isSection);
        const done = new Set(((await knex()(SEND_TABLE).where('item', `week:${key}`).select('subscription_id')) as { subscription_id: number }[]).map((r) => r.subscription_id));
        const loaded = new Map<FollowableType, Map<string, FollowedEntry>>();
        const words = await vocabulary();
        let queued = 0;
        let batch: Parameters<typeof sendMany>[0] = [];
        for (const row of subscribers.filter((s) => !done.has(s.id))) {
          const filters = filtersOf(row);
          const type = row.type as FollowableType;
          if (!loaded.has(type)) loaded.set(type, await entries(type, items.filter((n) => n.type === type).map((n) => n.document_id)));
          const fitting = items
            .filter((n) => n.type === type && Number(n.first_published_at) >= Number(row.confirmed_at))
            .map((n) => loaded.get(type)!.get(n.document_id))
            .filter((e): e is FollowedEntry => Boolean(e) && matches(e!, filters));
          if (fitting.length === 0) continue;
          const description = describe(filters, words);
          const from = new Date(week).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', timeZone: 'UTC' });
          batch.push({ row, item: `week:${key}`, build: () => compose({
            to: row.email, subject: `Le novità della settimana: ${fitting.length === 1 ? '1 scheda' : `${fitting.length} schede`} (${TYPES[type].label})`, topic: `subscription:${row.id}`,
            blocks: [
              { paragraph: `Le novità su Coesione nella settimana dal ${from}, tra ${description}:` },
              ...fitting.map((e) => ({ entry: { title: e.title, url: entryUrl(type, e.slug), summary: e.summary } })),
            ],
            ...subscriptionMail(tokenOf(row), description),
          }) });
          if (batch.length === 100) {
            queued += await sendMany(batch);
            batch = [];
          }
        }
        queued += await sendMany(batch);
        if (queued > 0) strapi.log.info(`subscriptions: ${queued} weekly digest(s) of ${key} queued`);
        return queued;
      })) ?? 0;
    },

    /** Deletes unconfirmed subscriptions past their days (their addresses forgotten), and news older than two digests' reach. */
    async purge(): Promise<number> {
      await ready();
      const at = now();
      const stale = (await knex()(SUBSCRIPTION_TABLE).where('state', 'pending').andWhere('created_at', '<', at - SUBSCRIPTION_CONFIRM_DAYS * DAY_MS).select('id', 'email', 'email_key')) as Pick<SubscriptionRow, 'id' | 'email' | 'email_key'>[];
      for (const row of stale) {
        await knex().transaction(async (trx) => {
          await trx(SUBSCRIPTION_TABLE).where('id', row.id).delete();
          await forgetIfLast(trx, row.email, row.email_key);
        });
      }
      await knex()(NEWS_TABLE).whereNotNull('notified_at').andWhere('first_published_at', '<', at - 5 * WEEK_MS).delete();
      return stale.length;
    },
  });
  return Object.assign(passes, {
    /** The hourly pass: the weekly digests due, the deadline reminders, the need digests of quarters made final. */
    scheduled: async (): Promise<number> => (await passes.weekly()) + (await passes.reminders()) + (await passes.needDigests()),
  });
}

export type SubscriptionService = ReturnType<typeof subscriptionService>;
