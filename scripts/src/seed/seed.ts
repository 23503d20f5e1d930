/**
 * Demo content for the district, loaded through Strapi's document service (so every rule of the
 * CMS applies: validation, the location guard, and later the search sync).
 *
 * Idempotent: every entry is keyed on its slug (comuni on the ISTAT code) and skipped when present,
 * so a second run creates nothing. `reset` deletes the seeded types first and starts over.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { quiet, type Progress } from '../lib/progress.ts';
import { toBlocks } from './blocks.ts';
import { coverJpeg } from './covers.ts';
import { DEMO_PACTS, demoHistory } from './pacts.ts';
import { addDays, romeDay, romeInstant } from '@coesione/model';
import { richTextBlocks, taggedPdf } from '@coesione/pdf';
import { readSeedData, type Contact, type Place, type SeedData } from './data.ts';
import { seedNeeds } from './needs.ts';

export interface SeedOptions {
  reset?: boolean;
  /** The seed day: relative dates (deadlines, sessions) count from it. Default: today. */
  today?: Date;
  progress?: (label: string, total: number) => Progress;
  data?: SeedData;
  users?: boolean;
  /** How many synthetic people the need records stand for (1,000 by default; a test of the machinery may want fewer). */
  needPeople?: number;
}

export interface SeedReport {
  created: Record<string, number>;
  total: Record<string, number>;
}

export const DEMO_USERS = {
  admin: { email: 'admin@coesione.example', password: 'Coesione-Admin-2026', firstname: 'Amministratrice', lastname: 'Demo' },
  editor: { email: 'redazione@coesione.example', password: 'Coesione-Editor-2026', firstname: 'Giulia', lastname: 'Ferraris (redazione, demo)' },
  partner: { email: 'partner@coesione.example', password: 'Coesione-Partner-2026', firstname: 'Marco', lastname: 'Bertone (ente, demo)' },
} as const;

/** Demo logins: SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD override the administrator's. */
export function demoUsers(env: NodeJS.ProcessEnv = process.env) {
  return {
    ...DEMO_USERS,
    admin: { ...DEMO_USERS.admin, email: env.SEED_ADMIN_EMAIL ?? DEMO_USERS.admin.email, password: env.SEED_ADMIN_PASSWORD ?? DEMO_USERS.admin.password },
  };
}

/** In dependency order; reset deletes in reverse. */
export const SEEDED_TYPES = [
  'api::theme.theme',
  'api::target-group.target-group',
  'api::municipality.municipality',
  'api::organization.organization',
  'api::regulation.regulation',
  'api::practice.practice',
  'api::opportunity.opportunity',
  'api::training-material.training-material',
  'api::workshop.workshop',
  'api::pact.pact',
] as const satisfies readonly UID.ContentType[];
type SeededType = (typeof SEEDED_TYPES)[number];

const LOCALE = 'it';
const OUTCOME = 'api::workshop-outcome.workshop-outcome' as UID.ContentType;

/** "Santhià" → "santhia", "Borgo d'Ale" → "borgo-d-ale". */
export const slugify = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A point near the comune's reference point (within ~400 m), the same for the same key every run. */
export function nearComune(comune: { lat: number; lng: number }, key: string): { latitude: number; longitude: number } {
  const bytes = createHash('sha256').update(key).digest();
  const unit = (i: number) => bytes.readUInt16LE(i) / 65535 - 0.5;
  return { latitude: +(comune.lat + unit(0) * 0.007).toFixed(6), longitude: +(comune.lng + unit(2) * 0.01).toFixed(6) };
}

export async function seed(strapi: Core.Strapi, options: SeedOptions = {}): Promise<SeedReport> {
  const data = options.data ?? readSeedData();
  const bar = options.progress ?? quiet;
  const today = romeDay(options.today ?? new Date());
  const created: Record<string, number> = {};
  const ids: Record<SeededType, Map<string, string>> = Object.fromEntries(SEEDED_TYPES.map((t) => [t, new Map()])) as Record<SeededType, Map<string, string>>;
  const comuni = new Map(data.comuni.map((c) => [c.istat, c]));
  // The document service types its parameters per UID: for a UID chosen at run time (`docs(uid)`), and for
  // relation fields the generated Input types leave out, the seed's calls need `as never`.
  const docs = (uid: SeededType) => strapi.documents(uid as UID.ContentType);
  const draftAndPublish = (uid: SeededType) => Boolean(strapi.getModel(uid).options?.draftAndPublish);

  if (options.reset) await reset(strapi, bar);

  const ref = (uid: SeededType, key: string, where: string): string => {
    const id = ids[uid].get(key);
    if (!id) throw new Error(`Seed data: ${where} names unknown ${uid.split('.').pop()} "${key}"`);
    return id;
  };
  const refs = (uid: SeededType, keys: string[] | undefined, where: string) => (keys ?? []).map((k) => ref(uid, k, where));
  const place = (p: Place, key: string) => {
    const comune = comuni.get(p.istat);
    if (!comune) throw new Error(`Seed data: ${key} has an unknown ISTAT code "${p.istat}"`);
    return { label: p.label, address: p.address, municipality: ref('api::municipality.municipality', p.istat, key), ...nearComune(comune, `${key}|${p.address}`) };
  };
  const contacts = (list: Contact[] | undefined) => (list ?? []).map((c) => ({ ...c }));

  /** Creates the entry unless one with the same key exists; returns its documentId either way. */
  async function ensure(uid: SeededType, keyField: string, key: string, build: () => Record<string, unknown>): Promise<string> {
    const existing = await docs(uid).findFirst({ filters: { [keyField]: key }, fields: ['documentId'], locale: LOCALE } as never);
    let documentId = (existing as { documentId?: string } | null)?.documentId;
    if (!documentId) {
      const params = { data: build(), locale: LOCALE, ...(draftAndPublish(uid) ? { status: 'published' } : {}) };
      documentId = ((await docs(uid).create(params as never)) as { documentId: string }).documentId;
      created[uid] = (created[uid] ?? 0) + 1;
    }
    ids[uid].set(key, documentId);
    return documentId;
  }

  async function stage<T>(label: string, uid: SeededType, items: T[], keyOf: (item: T) => string, build: (item: T) => Record<string, unknown>, keyField = 'slug') {
    const p = bar(label, items.length);
    for (const item of items) {
      await ensure(uid, keyField, keyOf(item), () => build(item));
      p.tick();
    }
    p.done(created[uid] ? `(${created[uid]} nuovi)` : '(già presenti)');
  }

  await stage('Aree tematiche', 'api::theme.theme', data.themes, (t) => t.slug, (t) => ({ ...t }));
  await stage('Destinatari', 'api::target-group.target-group', data.targetGroups, (t) => t.slug, (t) => ({ ...t }));

  const covers = await ensureCovers(strapi, data.themes.map((t) => t.slug), bar);
  const coverOf = (themes: string[]) => covers.get(themes[0] ?? '') ?? null;

  await stage('Comuni', 'api::municipality.municipality', data.comuni, (c) => c.istat, (c) => ({
    name: c.name, slug: slugify(c.name), istatCode: c.istat, province: c.province, latitude: c.lat, longitude: c.lng, population2011: c.population2011,
  }), 'istatCode');

  const tagged = (e: { slug: string; themes: string[]; targetGroups?: string[]; municipalities?: string[] }, where: string) => ({
    themes: refs('api::theme.theme', e.themes, where),
    targetGroups: refs('api::target-group.target-group', e.targetGroups, where),
    municipalities: refs('api::municipality.municipality', e.municipalities, where),
    cover: coverOf(e.themes),
  });

  await stage('Enti', 'api::organization.organization', data.organizations, (o) => o.slug, (o) => ({
    name: o.name, slug: o.slug, kind: o.kind, summary: o.summary, body: toBlocks(o.body), runtsNumber: o.runtsNumber, website: o.website,
    contacts: contacts(o.contacts), sites: o.sites.map((s, i) => place(s, `organizations/${o.slug}#${i}`)),
    ...tagged(o, `organizations/${o.slug}`), verifiedAt: today,
  }));

  // Which body manages each comune (editable afterwards: set only where still empty).
  const municipalities = await strapi.documents('api::municipality.municipality').findMany({ fields: ['istatCode'], populate: { managingBody: { fields: ['documentId'] } }, limit: 1000 }) as unknown as { documentId: string; istatCode: string; managingBody: unknown }[];
  const assign = municipalities.filter((m) => !m.managingBody && data.municipalityBodies[m.istatCode]);
  const bodies = bar('Enti gestori dei comuni', assign.length);
  for (const m of assign) {
    const body = ref('api::organization.organization', data.municipalityBodies[m.istatCode] ?? '', `municipality-bodies/${m.istatCode}`);
    await strapi.documents('api::municipality.municipality').update({ documentId: m.documentId, data: { managingBody: body } } as never);
    bodies.tick();
  }
  bodies.done();

  await stage('Normativa e modelli', 'api::regulation.regulation', data.regulations, (r) => r.slug, (r) => ({
    title: r.title, slug: r.slug, summary: r.summary, body: toBlocks(r.body), kind: r.kind, issuer: r.issuer, number: r.number,
    date: r.date, urn: r.urn, validity: r.status, sourceUrl: r.sourceUrl, ...tagged(r, `regulations/${r.slug}`), verifiedAt: r.verifiedAt ?? today,
  }));
  // Related acts point at each other: linked once every act exists, only where none are linked yet.
  for (const r of data.regulations.filter((r) => r.related.length > 0)) {
    const documentId = ref('api::regulation.regulation', r.slug, 'regulations');
    const current = await strapi.documents('api::regulation.regulation').findOne({ documentId, locale: LOCALE, status: 'published', populate: { relatedRegulations: { fields: ['documentId'] } } }) as { relatedRegulations?: unknown[] } | null;
    if (current && (current.relatedRegulations ?? []).length === 0) {
      await strapi.documents('api::regulation.regulation').update({
        documentId, locale: LOCALE, status: 'published', data: { relatedRegulations: refs('api::regulation.regulation', r.related, `regulations/${r.slug}`) },
      } as never);
    }
  }

  await ensureModelAttachments(strapi, data.regulations.filter((r) => MODEL_KINDS.includes(r.kind)), (slug) => ref('api::regulation.regulation', slug, 'regulations'), bar);

  await stage('Buone prassi', 'api::practice.practice', data.practices, (p) => p.slug, (p) => ({
    title: p.title, slug: p.slug, summary: p.summary, body: toBlocks(p.body), state: p.status, period: p.period,
    location: place(p.location, `practices/${p.slug}`), promoters: refs('api::organization.organization', p.promoters, `practices/${p.slug}`),
    outcomes: toBlocks(p.outcomes), indicators: p.indicators, evidenceLevel: p.evidenceLevel,
    howToReplicate: toBlocks(p.howToReplicate), lessonsLearned: toBlocks(p.lessonsLearned),
    ...tagged(p, `practices/${p.slug}`), verifiedAt: p.verifiedAt ?? today,
  }));

  const day = (offset: number | undefined) => (offset === undefined ? undefined : addDays(today, offset));
  await stage('Opportunità', 'api::opportunity.opportunity', data.opportunities, (o) => o.slug, (o) => ({
    title: o.title, slug: o.slug, summary: o.summary, body: toBlocks(o.body), kind: o.kind, eligibility: o.eligibility, cost: o.cost,
    howToApply: o.howToApply, applyUrl: o.applyUrl, opensAt: day(o.opensOffsetDays), deadline: day(o.deadlineOffsetDays),
    startDate: day(o.startOffsetDays), endDate: day(o.endOffsetDays),
    provider: ref('api::organization.organization', o.provider, `opportunities/${o.slug}`),
    locations: o.locations.map((l, i) => place(l, `opportunities/${o.slug}#${i}`)), contacts: contacts(o.contacts),
    ...tagged(o, `opportunities/${o.slug}`), verifiedAt: o.verifiedAt ?? today,
  }));

  await stage('Formazione', 'api::training-material.training-material', data.trainingMaterials, (t) => t.slug, (t) => ({
    title: t.title, slug: t.slug, summary: t.summary, body: toBlocks(t.body), format: t.format, audience: t.audience, level: t.level,
    durationMinutes: t.durationMinutes, externalUrl: t.externalUrl,
    relatedPractices: refs('api::practice.practice', t.relatedPractices, `training-materials/${t.slug}`),
    relatedRegulations: refs('api::regulation.regulation', t.relatedRegulations, `training-materials/${t.slug}`),
    ...tagged(t, `training-materials/${t.slug}`), verifiedAt: t.verifiedAt ?? today,
  }));

  await stage('Laboratori', 'api::workshop.workshop', data.workshops, (w) => w.slug, (w) => ({
    title: w.title, slug: w.slug, summary: w.summary, body: toBlocks(w.body), format: w.format ?? 'laboratorio', audience: w.audience ?? 'tutti', craft: w.craft, artisanName: w.artisanName,
    artisanBio: w.artisanBio, organization: ref('api::organization.organization', w.organization, `workshops/${w.slug}`),
    sessions: w.sessions.map((s) => {
      const start = romeInstant(addDays(today, s.startOffsetDays), s.startTime);
      return { start: start.toISOString(), end: new Date(start.getTime() + s.durationMinutes * 60_000).toISOString(), note: s.note };
    }),
    capacity: w.capacity, certificateSessions: w.certificateSessions ?? null, cost: w.cost, howToRegister: w.howToRegister, accessibilityNotes: w.accessibilityNotes,
    bookingOpens: w.bookingOpensOffsetDays === undefined ? null : romeInstant(addDays(today, w.bookingOpensOffsetDays), '09:00').toISOString(),
    bookingCloses: w.bookingClosesOffsetDays === undefined ? null : romeInstant(addDays(today, w.bookingClosesOffsetDays), '18:00').toISOString(),
    location: place(w.location, `workshops/${w.slug}`), ...tagged(w, `workshops/${w.slug}`), verifiedAt: w.verifiedAt ?? today,
  }));

  // Synthetic outcomes of past cycles, once per workshop (private: the public reads only the figures).
  const outcomes = bar('Risultati dei laboratori (sintetici)', data.workshopOutcomes.length);
  const cyclesOf = new Map<string, typeof data.workshopOutcomes>();
  for (const cycle of data.workshopOutcomes) cyclesOf.set(cycle.workshop, [...(cyclesOf.get(cycle.workshop) ?? []), cycle]);
  for (const [slug, cycles] of cyclesOf) {
    const workshop = ref('api::workshop.workshop', slug, 'workshop-outcomes');
    if ((await strapi.db.query(OUTCOME).count({ where: { workshop: { documentId: workshop } } })) === 0) {
      for (const { workshop: _slug, cycleStartOffsetDays, cycleEndOffsetDays, ...counts } of cycles) {
        await strapi.documents(OUTCOME).create({ data: { ...counts, workshop, cycleStart: addDays(today, cycleStartOffsetDays), cycleEnd: addDays(today, cycleEndOffsetDays) } } as never);
        created[OUTCOME] = (created[OUTCOME] ?? 0) + 1;
      }
    }
    for (const _ of cycles) outcomes.tick();
  }
  outcomes.done(created[OUTCOME] ? `(${created[OUTCOME]} nuovi)` : '(già presenti)');

  await seedNeeds(strapi, data, options.today ?? new Date(), options.needPeople);
  // Collaboration pacts: histories dated from `today`, replayed by the CMS through the stage table.
  await stage('Patti di collaborazione', 'api::pact.pact', DEMO_PACTS, (p) => p.slug, (p) => {
    const where = `pacts/${p.slug}`;
    const org = (slug: string) => ref('api::organization.organization', slug, where);
    return {
      title: p.title, slug: p.slug, summary: p.summary, body: toBlocks([p.summary]), commonGood: p.commonGood, kind: p.kind,
      location: place({ address: p.address, istat: p.istat }, where), municipalities: refs('api::municipality.municipality', [p.istat], where),
      themes: refs('api::theme.theme', p.themes, where), managingBody: org(p.managingBody), publicProposer: p.publicProposer,
      stageHistory: demoHistory(p, today), durationMonths: p.durationMonths ?? null,
      parties: p.parties.map((party) => ({ name: party.name, role: party.role, organization: party.organization ? org(party.organization) : null, commitments: party.commitments.map(([kind, description]) => ({ kind, description })) })),
      provisions: p.provisions.map(([kind, description]) => ({ kind, description })),
      milestones: (p.milestones ?? []).map(([title, progress, dueIn]) => ({ title, progress, due: addDays(today, dueIn) })),
      reports: (p.reports ?? []).map((r) => ({ date: addDays(today, -r.daysAgo), summary: r.summary, indicators: r.indicators.map(([name, value, unit]) => ({ name, value, unit, year: Number(addDays(today, -r.daysAgo).slice(0, 4)) })) })),
    };
  });

  if (options.users !== false) await ensureDemoUsers(strapi);

  const total: Record<string, number> = {};
  for (const uid of SEEDED_TYPES) total[uid] = await docs(uid).count({ locale: LOCALE } as never);
  return { created, total };
}

async function ensureCovers(strapi: Core.Strapi, themes: string[], bar: (label: string, total: number) => Progress): Promise<Map<string, number>> {
  const covers = new Map<string, number>();
  const p = bar('Immagini di copertina', themes.length);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-covers-'));
  try {
    for (const [i, slug] of themes.entries()) {
      const name = `copertina-${slug}.jpg`;
      let file = (await strapi.db.query('plugin::upload.file').findOne({ where: { name }, select: ['id'] })) as { id: number } | null;
      if (!file) {
        const filepath = path.join(tmp, name);
        fs.writeFileSync(filepath, await coverJpeg(slug, Math.round((i * 360) / themes.length)));
        const [uploaded] = (await strapi.plugin('upload').service('upload').upload({
          data: { fileInfo: { name, alternativeText: '', caption: null } },
          files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: fs.statSync(filepath).size },
        })) as { id: number }[];
        file = uploaded ?? null;
      }
      if (file) covers.set(slug, file.id);
      p.tick();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  p.done();
  return covers;
}

/** A model's PDF: tagged (headings, paragraphs, lists in the structure tree), dated by the model, so reseeding writes the same file. */
function modelPdf(model: { slug: string; title: string; summary: string; issuer: string; date?: string | null; body: string[] }): Promise<Buffer> {
  return taggedPdf({
    title: model.title,
    subject: model.summary,
    author: model.issuer,
    lang: 'it-IT',
    ...(model.date ? { date: new Date(`${model.date}T00:00:00Z`) } : {}),
    footer: model.issuer,
    blocks: [{ kind: 'heading', level: 1, text: model.title }, ...richTextBlocks(toBlocks(model.body), `regulations/${model.slug}`)],
  });
}

/** The district's own models (not laws) come with a printable PDF, as editors would attach them. */
const MODEL_KINDS = ['modello_di_patto', 'convenzione', 'modulistica'];

async function ensureModelAttachments(
  strapi: Core.Strapi,
  models: { slug: string; title: string; summary: string; issuer: string; date?: string | null; body: string[] }[],
  documentIdOf: (slug: string) => string,
  bar: (label: string, total: number) => Progress,
): Promise<void> {
  const p = bar('Allegati dei modelli', models.length);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-attachments-'));
  try {
    for (const model of models) {
      const documentId = documentIdOf(model.slug);
      const current = (await strapi.documents('api::regulation.regulation').findOne({ documentId, locale: LOCALE, status: 'published', populate: { attachments: { fields: ['id'] } } })) as { attachments?: unknown[] | null } | null;
      if (current && (current.attachments ?? []).length === 0) {
        const name = `${model.slug}.pdf`;
        const filepath = path.join(tmp, name);
        fs.writeFileSync(filepath, await modelPdf(model));
        const [file] = (await strapi.plugin('upload').service('upload').upload({
          data: { fileInfo: { name, alternativeText: `${model.title} (PDF)`, caption: null } },
          files: { filepath, originalFilename: name, mimetype: 'application/pdf', size: fs.statSync(filepath).size },
        })) as { id: number }[];
        await strapi.documents('api::regulation.regulation').update({ documentId, locale: LOCALE, status: 'published', data: { attachments: file ? [file.id] : [] } } as never);
      }
      p.tick();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  p.done();
}

async function ensureDemoUsers(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user');
  const roles = strapi.service('admin::role');
  const logins = demoUsers();
  const roleOf = { admin: 'strapi-super-admin', editor: 'strapi-editor', partner: 'coesione-partner' } as const;
  for (const [kind, user] of Object.entries(logins) as [keyof typeof roleOf, (typeof logins)[keyof typeof roleOf]][]) {
    if (await users.exists({ email: user.email })) continue;
    const role = (await roles.findOne({ code: roleOf[kind] })) as { id: number } | null;
    if (!role) throw new Error(`Seed: admin role ${roleOf[kind]} is missing (did the CMS bootstrap run?)`);
    // The admin opens in Italian for them (English stays selectable in the profile).
    await users.create({ ...user, preferedLanguage: 'it', isActive: true, registrationToken: null, roles: [role.id] });
  }
  await ensurePartnerAccount(strapi, logins.partner.email, DEMO_PARTNER_ORGANIZATION);
}

/** The fictional organisation the demo partner login speaks for (see docs/security.md, "Partner accounts"). */
export const DEMO_PARTNER_ORGANIZATION = 'aps-bottega-del-riuso';

/** Links a Partner login to its organisation (the private «Account partner» collection), once. */
async function ensurePartnerAccount(strapi: Core.Strapi, email: string, organizationSlug: string): Promise<void> {
  const accounts = strapi.documents('api::partner-account.partner-account');
  if ((await accounts.count({ filters: { email } })) > 0) return;
  const organization = await strapi.documents('api::organization.organization').findFirst({ filters: { slug: organizationSlug }, locale: LOCALE, fields: ['documentId'] });
  if (!organization) throw new Error(`Seed: organisation ${organizationSlug} for the demo partner is missing`);
  await accounts.create({ data: { email, organization: organization.documentId, note: 'Account dimostrativo creato dal seed' } });
}

async function reset(strapi: Core.Strapi, bar: (label: string, total: number) => Progress): Promise<void> {
  // Outcomes first: they name their workshop.
  await strapi.db.query(OUTCOME).deleteMany({});
  for (const uid of [...SEEDED_TYPES].reverse()) {
    const all = (await strapi.documents(uid as UID.ContentType).findMany({ fields: ['documentId'], locale: '*', limit: 100000 } as never)) as { documentId: string }[];
    const unique = [...new Set(all.map((d) => d.documentId))];
    const p = bar(`Azzero ${uid.split('.').pop()}`, unique.length);
    for (const documentId of unique) {
      await strapi.documents(uid as UID.ContentType).delete({ documentId, locale: '*' } as never);
      p.tick();
    }
    p.done();
  }
}
