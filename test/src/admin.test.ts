/**
 * The admin as editors and partners meet it (issue 16): a real, seeded Strapi serving its built admin
 * panel, opened in Debian's Chromium with an English-speaking browser.
 *
 * - the content-manager configuration (labels, descriptions, rows, columns, main fields) is what
 *   cms/src/platform/admin-layout declares, for every type the admin shows, read back over HTTP;
 * - the Partner: an Italian admin, every field of a new practice labelled and described, no Publish,
 *   the help page, the slug from the title, its queue;
 * - the Editor: its queue (a waiting contribution, the partner's draft, an opportunity closing soon) and
 *   «Rimanda all'ente con una nota», which the partner then reads on the entry and in its queue;
 * - the super admin: «Posta di prova», the local mailbox (no SMTP_URL here), which no other role sees.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, keyOf, MAILBOX_ADMIN_PATH, romeDay, TYPES, type TypeKey } from '@coesione/model';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { cmsModule, startSeededCms, type TestCms } from './support/cms.ts';
import { adminToken, mainText, signIn } from './support/admin.ts';

interface FieldText {
  label: string;
  description?: string;
}
interface Declared {
  mainField: string;
  list?: string[];
  edit: string[][];
  fields: Record<string, FieldText>;
}
const platformLayouts = cmsModule<{
  COMPONENT_LAYOUTS: Record<string, Declared>;
  SYSTEM_FIELDS: Record<string, FieldText>;
  syncAdminLayouts(strapi: unknown, features: readonly unknown[]): Promise<string[]>;
}>('platform/admin-layout/index');
const features = cmsModule<{ ADMIN_LAYOUTS: Record<string, Declared>; FEATURES: readonly unknown[] }>('features/index');
const layouts = {
  ...platformLayouts,
  ADMIN_LAYOUTS: features.ADMIN_LAYOUTS,
  syncAdminLayouts: (strapi: unknown) => platformLayouts.syncAdminLayouts(strapi, features.FEATURES),
};

const PRACTICE = TYPES.practice.uid;
const PARTNER_B = { email: 'ente.b.admin@coesione.example', password: 'Ente-B-Admin-2026' };
const TITLE = 'Città dei mestieri di Santhià';
const NOTE = 'Aggiungete i risultati del 2025 e un contatto.';

let cms: TestCms;
let browser: Browser;
const tokens = { editor: '', partner: '', partnerB: '' };
let waitingReceipt = '';
let closingTitle = '';

beforeAll(async () => {
  cms = await startSeededCms({ today: new Date() }, {}, { admin: true });
  tokens.editor = await adminToken(cms, DEMO_USERS.editor.email, DEMO_USERS.editor.password);
  tokens.partner = await adminToken(cms, DEMO_USERS.partner.email, DEMO_USERS.partner.password);
  // A second partner, of another organisation.
  const role = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
  await cms.strapi.service('admin::user').create({ ...PARTNER_B, firstname: 'Ente', lastname: 'B', isActive: true, registrationToken: null, roles: [role.id] });
  const orgB = await cms.strapi.documents('api::organization.organization').findFirst({ filters: { slug: 'odv-voci-amiche' } } as never);
  await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: PARTNER_B.email, organization: orgB!.documentId } } as never);
  tokens.partnerB = await adminToken(cms, PARTNER_B.email, PARTNER_B.password);
  // A contribution waiting for moderation, and an opportunity whose deadline is in three days.
  waitingReceipt = 'TEST-ADMN-0001';
  await cms.strapi.documents('api::submission.submission').create({ data: { receipt: waitingReceipt, kind: 'segnalazione', state: 'ricevuta', category: 'abitare', title: 'Manca un dormitorio d’inverno', description: 'Segnalazione di prova.' } } as never);
  closingTitle = 'Tirocinio in ciclofficina (scade presto)';
  const opp = await cms.strapi.documents('api::opportunity.opportunity').create({ data: { title: closingTitle, slug: 'tirocinio-ciclofficina-scade-presto', summary: 'Prova.', kind: 'tirocinio', deadline: addDays(romeDay(new Date()), 3) }, locale: 'it' } as never);
  await cms.strapi.documents('api::opportunity.opportunity').publish({ documentId: opp.documentId, locale: 'it' } as never);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('the content manager configuration', () => {
  it('declares a layout for every type the admin shows, and applies it at boot (a fresh database)', async () => {
    const displayed = (cms.strapi.plugin('content-manager').service('content-types').findDisplayedContentTypes() as { uid: string }[]).filter((t) => t.uid.startsWith('api::'));
    expect(displayed.length).toBeGreaterThan(8);
    for (const { uid } of displayed) expect(layouts.ADMIN_LAYOUTS[keyOf(uid) ?? uid], `no admin layout for ${uid} (cms/src/platform/admin-layout/index.ts, or the feature's adminLayouts)`).toBeDefined();
    expect(await layouts.syncAdminLayouts(cms.strapi), 'declarations that do not fit the schemas').toEqual([]);

    const missing: string[] = [];
    for (const [key, declared] of Object.entries(layouts.ADMIN_LAYOUTS)) {
      const uid = TYPES[key as TypeKey].uid;
      const res = await cms.api(`/content-manager/content-types/${uid}/configuration`, { token: tokens.editor });
      expect(res.status).toBe(200);
      const { contentType, components } = res.body.data;
      expect(contentType.settings.mainField).toBe(declared.mainField);
      expect(contentType.layouts.list).toEqual(declared.list);
      expect(contentType.layouts.edit.map((row: { name: string }[]) => row.map((f) => f.name))).toEqual(declared.edit);
      const editable = new Set(declared.edit.flat());
      for (const [field, meta] of Object.entries(contentType.metadatas as Record<string, { edit: { label?: string; description: string }; list: { label: string } }>)) {
        const text = declared.fields[field] ?? layouts.SYSTEM_FIELDS[field];
        // documentId has no edit view: its label is the list column's.
        const label = meta.edit.label ?? meta.list.label;
        // documentId: Strapi rewrites its metadata on every read, and shows it nowhere but as an optional column.
        if (field === 'documentId') continue;
        if (!text || label !== text.label || label === field || meta.list.label !== text.label) missing.push(`${uid}.${field}: label «${label}»`);
        if (editable.has(field) && !/Es\. /.test(meta.edit.description)) missing.push(`${uid}.${field}: no description with an example`);
      }
      for (const [component, config] of Object.entries(components as Record<string, { metadatas: Record<string, { edit: { label: string; description: string } }> }>)) {
        const declaredComponent = layouts.COMPONENT_LAYOUTS[component];
        for (const [field, meta] of Object.entries(config.metadatas)) {
          const text = declaredComponent?.fields[field] ?? layouts.SYSTEM_FIELDS[field];
          if (!text || meta.edit.label !== text.label) missing.push(`${component}.${field}: label «${meta.edit.label}»`);
        }
      }
    }
    expect(missing, 'fields without their Italian label or description').toEqual([]);
    // Relation pickers name entries by their main field: organisations by name, practices by title.
    const practice = (await cms.api(`/content-manager/content-types/${PRACTICE}/configuration`, { token: tokens.editor })).body.data.contentType;
    expect(practice.metadatas.promoters.edit.mainField).toBe('name');
    expect(practice.metadatas.trainingMaterials.edit.mainField).toBe('title');
  });

  it('puts the repository’s layout back when the database holds another one', async () => {
    const types = cms.strapi.plugin('content-manager').service('content-types');
    const model = types.findContentType(PRACTICE);
    const current = await types.findConfiguration(model);
    await types.updateConfiguration(model, { ...current, metadatas: { ...current.metadatas, title: { ...current.metadatas.title, edit: { ...current.metadatas.title.edit, label: 'title' } } } });
    expect((await types.findConfiguration(model)).metadatas.title.edit.label).toBe('title');
    // What bootstrap runs at every boot.
    await layouts.syncAdminLayouts(cms.strapi);
    expect((await types.findConfiguration(model)).metadatas.title.edit.label).toBe('Titolo');
  });
});

describe('the partner in the admin', () => {
  let context: BrowserContext;
  let page: Page;
  let documentId = '';

  beforeAll(async () => {
    // An English-speaking browser: the admin is Italian all the same.
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page = await signIn(cms, context, DEMO_USERS.partner);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens in Italian with its queue and the help page', async () => {
    await page.getByText('Le tue proposte').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    // Editors' widgets are not the partner's.
    await expect.poll(() => page.getByText('Contributi da moderare').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('link', { name: 'Come proporre un contenuto' }).first().click();
    // The home page's help widget has the same heading: wait for the help page's address and its text.
    await page.waitForURL(/\/admin\/come-proporre$/);
    await page.getByText('Da dove cominciare').first().waitFor();
    const text = await mainText(page);
    expect(text).toContain('Da dove cominciare');
    expect(text).toContain('5 giorni lavorativi');
  });

  it('creates a practice with every field labelled and described in Italian, no Publish, the slug from the title', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PRACTICE}/create?plugins[i18n][locale]=it`);
    await page.locator('input[name="title"]').waitFor({ timeout: 60_000 });
    // The fields this partner may read (its role has no proposedBy and no inverse relation).
    const permissions = (await cms.api('/admin/users/me/permissions', { token: tokens.partner })).body.data as { action: string; subject: string; properties: { fields?: string[] } }[];
    const readable = new Set((permissions.find((p) => p.action === 'plugin::content-manager.explorer.create' && p.subject === PRACTICE)?.properties.fields ?? []).map((f) => f.split('.')[0]));
    const declared = layouts.ADMIN_LAYOUTS.practice!;
    const shown = declared.edit.flat().filter((f) => readable.has(f));
    expect(shown.length).toBeGreaterThan(15);
    const text = await mainText(page);
    // Strapi shows a component's label but not its description (its fields carry their own, once added).
    const components = new Set(Object.entries(cms.strapi.getModel(PRACTICE).attributes).filter(([, a]) => (a as { type: string }).type === 'component').map(([name]) => name));
    const absent = shown.flatMap((f) => [declared.fields[f]!.label, ...(components.has(f) ? [] : [declared.fields[f]!.description!])].filter((t) => !text.includes(t.replace(/\s+/g, ' '))).map((t) => `${f}: ${t}`));
    expect(absent, 'labels and descriptions missing from the create page').toEqual([]);
    expect(text).not.toMatch(/\b(targetGroups|evidenceLevel|howToReplicate)\b/);

    const publish = page.getByRole('button', { name: /^(Pubblica|Publish)$/ });
    for (const button of await publish.all()) expect(await button.isEnabled()).toBe(false);
    expect(await publish.count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Come proporre un contenuto' }).count()).toBeGreaterThan(0);

    await page.locator('input[name="title"]').fill(TITLE);
    await page.locator('textarea[name="summary"]').fill('Laboratori di mestiere per giovani senza lavoro a Santhià.');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    documentId = page.url().split('?')[0]!.split('/').pop()!;
    await expect.poll(() => page.locator('input[name="slug"]').inputValue(), { timeout: 15_000 }).toBe('citta-dei-mestieri-di-santhia');
    // The side panel says who publishes.
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain('la pubblica la redazione');
  });

  it('lists the new draft in its queue as waiting', async () => {
    await page.goto(`${cms.url}/admin`);
    const item = page.locator('ul[aria-label="Le tue proposte"] li', { hasText: TITLE });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toContain('In attesa della redazione');
  });

  it('reads only its own organisation’s proposals', async () => {
    const own = await cms.api('/admin/coesione/queue', { token: tokens.partner });
    expect(own.status).toBe(200);
    expect(own.body.proposals.items.map((p: { documentId: string }) => p.documentId)).toContain(documentId);
    const other = await cms.api('/admin/coesione/queue', { token: tokens.partnerB });
    expect(other.body.role).toBe('partner');
    expect(other.body.proposals.items.map((p: { documentId: string }) => p.documentId)).not.toContain(documentId);
    expect((await cms.api(`/admin/coesione/review/practice/${documentId}`, { token: tokens.partnerB })).status).toBe(403);
    expect((await cms.api(`/admin/coesione/review/practice/${documentId}/return`, { method: 'POST', token: tokens.partner, body: { note: 'Da me stesso' } })).status).toBe(403);
    expect((await cms.api('/admin/coesione/queue')).status).toBe(401);
  });

  describe('and the editor', () => {
    let editorContext: BrowserContext;
    let editor: Page;
    beforeAll(async () => {
      editorContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
      editor = await signIn(cms, editorContext, DEMO_USERS.editor);
    });
    afterAll(async () => {
      await editorContext?.close();
    });

    it('sees the waiting contribution, the partner’s draft and an opportunity closing soon', async () => {
      await editor.goto(`${cms.url}/admin`);
      const contributions = editor.locator('ul[aria-label="Contributi da moderare"]');
      await contributions.waitFor({ timeout: 60_000 });
      expect(await contributions.innerText()).toContain(waitingReceipt);
      expect(await contributions.innerText()).toMatch(/in attesa da (oggi|1 giorno)/);
      expect(await editor.locator('ul[aria-label="Bozze proposte dai partner"]').innerText()).toContain(TITLE);
      const closing = editor.locator('ul[aria-label="Opportunità in scadenza"] li', { hasText: closingTitle });
      expect(await closing.textContent()).toContain('tra 3 giorni');
      expect(await editor.locator('ul[aria-label="Da verificare"]').count()).toBe(1);
      // The partner's widgets are not the editor's.
      await expect.poll(() => editor.getByText('Le tue proposte').count(), { timeout: 15_000 }).toBe(0);
    });

    it('sends the draft back with a note, which the partner reads on the entry and in its queue', async () => {
      await editor.locator('ul[aria-label="Bozze proposte dai partner"] a', { hasText: TITLE }).click();
      const note = editor.locator('textarea[name="coesione-review-note"]');
      await note.waitFor({ timeout: 30_000 });
      expect(await mainText(editor)).toContain('Proposta da APS La Bottega del Riuso');
      await note.fill(NOTE);
      await editor.getByRole('button', { name: 'Rimanda all’ente con una nota' }).click();
      await editor.getByText('Bozza rimandata all’ente con la tua nota.').waitFor({ timeout: 15_000 });

      await page.goto(`${cms.url}/admin`);
      const item = page.locator('ul[aria-label="Le tue proposte"] li', { hasText: TITLE });
      await item.waitFor({ timeout: 30_000 });
      await expect.poll(() => item.textContent()).toContain('Rimandata con una nota');
      expect(await item.innerText()).toContain(NOTE);
      await item.getByRole('link').click();
      await page.getByText(`: ${NOTE}`).first().waitFor({ timeout: 30_000 });
      expect(await mainText(page)).toContain('Stato: Rimandata con una nota');
    });

    it('keeps the note out of the public API once published', async () => {
      await cms.strapi.documents(PRACTICE).publish({ documentId: (await cms.strapi.documents(PRACTICE).findFirst({ filters: { title: TITLE } } as never))!.documentId, locale: 'it' } as never);
      const res = await cms.api(`/api/practices?filters[slug][$eq]=citta-dei-mestieri-di-santhia`);
      expect(res.body.data).toHaveLength(1);
      expect(JSON.stringify(res.body)).not.toContain(NOTE);
      expect(res.body.data[0]).not.toHaveProperty('reviewNote');
      expect(res.body.data[0]).not.toHaveProperty('returnedAt');
    });
  });

  it('has no serious accessibility violation in what this repository adds to the partner’s pages', async () => {
    const ours: string[] = [];
    const strapis: string[] = [];
    for (const path of ['/admin', '/admin/come-proporre']) {
      await page.goto(`${cms.url}${path}`);
      await page.locator(path === '/admin' ? 'ul[aria-label="Le tue proposte"]' : 'h1').first().waitFor({ timeout: 30_000 });
      const all = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const own = await new AxeBuilder({ page }).include(path === '/admin' ? 'ul[aria-label="Le tue proposte"]' : 'main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = (v: { impact?: string | null }) => v.impact === 'serious' || v.impact === 'critical';
      ours.push(...own.violations.filter(serious).map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      strapis.push(...all.violations.filter(serious).map((v) => `${path} ${v.id} (${v.nodes.length})`));
    }
    // Strapi's own shell, listed for the record (the report names them and their reason).
    console.log(`axe on the partner's admin pages, Strapi's shell included: ${strapis.join('; ') || 'none'}`);
    expect(ours).toEqual([]);
  });
});

describe('the super admin’s «Posta di prova»', () => {
  interface Queued { to: string; subject: string; text: string; html: string; topic: string }
  const mail = cmsModule<{ outboxOf(strapi: unknown): { queue(message: Queued): Promise<void>; deliver(): Promise<number> } }>('platform/mail/index');
  const messages = cmsModule<{ bookingMessage(topic: 'confirmed', facts: { to: string; name: string; title: string; start: string; seats: number; code: string; link: string }): Queued }>('features/bookings/messages');
  const CODE = 'K7P2QX';
  let booked: Queued;
  let superAdmin = '';

  beforeAll(async () => {
    // What a booking queues, as the bookings feature words it, delivered to the local mailbox (no SMTP_URL here).
    booked = messages.bookingMessage('confirmed', { to: 'lucia.verdi@example.org', name: 'Lucia', title: 'Ciclofficina di quartiere', start: `${addDays(romeDay(new Date()), 5)}T16:00:00.000Z`, seats: 1, code: CODE, link: `${cms.url}/api/bookings/manage/prova` });
    const outbox = mail.outboxOf(cms.strapi);
    await outbox.queue({ ...booked, to: 'altra.persona@example.org', subject: 'Un messaggio precedente', topic: 'booking:waiting' });
    await outbox.queue(booked);
    // The worker may get there first: then nothing is left for this call, and the files are there all the same.
    await outbox.deliver();
    superAdmin = await adminToken(cms, DEMO_USERS.admin.email, DEMO_USERS.admin.password);
  });

  it('lists the message and opens it, its text and its HTML in a frame that runs nothing', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    try {
      const page = await signIn(cms, context, DEMO_USERS.admin);
      await page.getByRole('link', { name: 'Posta di prova' }).first().click({ timeout: 20_000 });
      await page.waitForURL(new RegExp(`/admin/${MAILBOX_ADMIN_PATH}$`));
      const table = page.locator('main table', { has: page.locator('caption') });
      await table.waitFor({ timeout: 30_000 });
      expect((await table.locator('thead th').allInnerTexts()).map((h) => h.trim().toLowerCase())).toEqual(['data', 'destinatario', 'oggetto']);
      const row = table.locator('tbody tr', { hasText: booked.subject });
      expect(await row.innerText()).toContain('lucia.verdi@example.org');
      expect(await table.locator('tbody tr').first().innerText(), 'newest first').toContain(booked.subject);
      await row.getByRole('link', { name: booked.subject }).click();
      await page.getByRole('heading', { name: 'Testo' }).waitFor({ timeout: 30_000 });
      const text = await mainText(page);
      expect(text).toContain(booked.subject);
      expect(text).toContain('booking:confirmed');
      expect(text).toContain(`Il tuo codice, da mostrare all'ingresso, è ${CODE}.`);
      const frame = page.locator('iframe[title="Versione HTML del messaggio"]');
      expect(await frame.getAttribute('sandbox')).not.toMatch(/allow-scripts|allow-same-origin/);
      expect(await page.frameLocator('iframe[title="Versione HTML del messaggio"]').locator('body').innerText()).toContain('Ciao Lucia,');
      // axe waits forever on a frame that runs no script: the frame is the message's own markup, not the page's.
      const serious = (await new AxeBuilder({ page }).include('main').exclude('iframe').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.getByRole('link', { name: 'Torna alla posta di prova' }).click();
      await table.waitFor();
    } finally {
      await context.close();
    }
  });

  it('is the super admin’s only: no link for the editor, 403 for editors and partners, 401 without a session', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    try {
      const page = await signIn(cms, context, DEMO_USERS.editor);
      // The editors' widgets come with the user's permissions, which the menu is filtered by.
      await page.locator('ul[aria-label="Contributi da moderare"]').waitFor({ timeout: 60_000 });
      expect(await page.getByRole('link', { name: 'Come proporre un contenuto' }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Posta di prova' }).count()).toBe(0);
    } finally {
      await context.close();
    }
    const list = await cms.api('/admin/coesione/mailbox', { token: superAdmin });
    expect(list.status).toBe(200);
    const id = list.body.messages.find((m: { subject: string }) => m.subject === booked.subject).id as string;
    for (const token of [tokens.editor, tokens.partner]) {
      for (const path of ['/admin/coesione/mailbox', `/admin/coesione/mailbox/${id}`]) expect((await cms.api(path, { token })).status, path).toBe(403);
    }
    expect((await cms.api('/admin/coesione/mailbox')).status).toBe(401);
    // Only a name the folder lists opens; a path does not even reach the route.
    expect((await cms.api('/admin/coesione/mailbox/nessun-messaggio', { token: superAdmin })).status).toBe(404);
    // Strapi's admin panel server refuses it (and logs the refusal as an error: quiet meanwhile).
    const log = cms.strapi.log as unknown as { silent: boolean };
    log.silent = true;
    try {
      expect([403, 404]).toContain((await cms.api('/admin/coesione/mailbox/..%2F..%2Fcms.db', { token: superAdmin })).status);
    } finally {
      log.silent = false;
    }
  });

  it('says that nothing is kept locally when SMTP_URL is set', async () => {
    // Read at each request (platform/mail/routes.ts): the running CMS needs no restart.
    process.env.SMTP_URL = 'smtp://127.0.0.1:9';
    try {
      const res = await cms.api('/admin/coesione/mailbox', { token: superAdmin });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('SMTP_URL');
    } finally {
      delete process.env.SMTP_URL;
    }
  });
});
