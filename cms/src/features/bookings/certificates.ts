/**
 * Certificates of attendance: the organiser issues them, from the workshop's «Prenotazioni» panel, to whoever
 * attended at least «Incontri per l'attestato» of its sessions (attendance marked by code; one person is one
 * e-mail or phone, as the bookings' keyed contact hash says). Each certificate is a tagged PDF (the
 * @coesione/pdf writer) the person downloads from a personal link sent by e-mail, and carries a verification
 * code whose public page confirms it: initial and surname, workshop, dates, sessions and hours, and nothing else.
 */
import crypto from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';
import { CERTIFICATE_ROUTES, certificatePageUrl, uidOf } from '@coesione/model';
import { taggedPdf } from '@coesione/pdf';
import { isUniqueViolation } from '../../platform/coordination/tables';
import { outboxOf, type Outbox } from '../../platform/mail';
import { compose } from '../../platform/mail/compose';
import type { CertificateAnswer } from './contract';
import { BOOKING } from './service';

export const CERTIFICATE = uidOf('certificate') as UID.ContentType;
const WORKSHOP = uidOf('workshop') as UID.ContentType;

/** What the public verification page shows. */
export interface PublicCertificate {
  code: string;
  publicName: string;
  workshopTitle: string;
  sessionsAttended: number;
  sessionsTotal: number;
  hours: number | null;
  firstSession: string;
  lastSession: string;
  issuedAt: string;
}

interface CertificateRow extends PublicCertificate {
  id: number;
  holderName: string;
  contactHash: string;
  linkNonce: string;
}

/** «Maria Grazia Rossi» → «M. Grazia Rossi»: the first name's initial, the rest as written. */
export function publicNameOf(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return rest.length === 0 ? `${first.slice(0, 1)}.` : `${first.slice(0, 1)}. ${rest.join(' ')}`;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => {
  const chars = Array.from(crypto.randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `AT-${chars.slice(0, 4)}-${chars.slice(4)}`;
};
/** A typed verification code in its stored form, or undefined. */
export function normalizeCertificateCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 30) return undefined;
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/^AT/, '');
  return new RegExp(`^[${CODE_ALPHABET}]{8}$`).test(chars) ? `AT-${chars.slice(0, 4)}-${chars.slice(4)}` : undefined;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });
const hoursText = (hours: number | null) => (hours === null ? null : `${hours.toLocaleString('it-IT', { maximumFractionDigits: 1 })} ${hours === 1 ? 'ora' : 'ore'}`);

export function certificateService({ strapi, salt, baseUrl, siteUrl, outbox = outboxOf(strapi), now = Date.now }: {
  strapi: Core.Strapi; salt: string; baseUrl: () => string; siteUrl: string; outbox?: Outbox; now?: () => number;
}) {
  const query = () => strapi.db.query(CERTIFICATE);
  const mac = (nonce: string) => crypto.createHmac('sha256', salt).update(`certificate-link\n${nonce}`).digest('base64url').slice(0, 22);
  const downloadUrl = (nonce: string) => `${baseUrl()}/api/attestati/scarica/${nonce}.${mac(nonce)}`;
  // The page of the code on the site (the site proxies it to `verify` below): the address people are given.
  const verifyUrl = (code: string) => certificatePageUrl(siteUrl, code);

  async function issue(workshop: string): Promise<CertificateAnswer> {
    const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, populate: { sessions: true } } as never)) as {
      title: string; certificateSessions?: number | null; sessions?: { start: string; end?: string | null }[];
    } | null;
    const minSessions = entry?.certificateSessions ?? null;
    if (!entry || !minSessions) return { outcome: 'refused', message: 'Per rilasciare gli attestati indica prima, nel laboratorio, «Incontri per l’attestato», e salva.' };
    const attended = (await strapi.db.query(BOOKING).findMany({
      where: { workshopDocumentId: workshop, state: 'confirmed', attendedAt: { $notNull: true } },
      orderBy: [{ sessionStart: 'asc' }],
      select: ['name', 'email', 'sessionStart', 'contactHash'],
    })) as { name: string; email: string | null; sessionStart: string; contactHash: string }[];
    const people = new Map<string, typeof attended>();
    for (const row of attended) people.set(row.contactHash, [...(people.get(row.contactHash) ?? []), row]);
    const length = new Map((entry.sessions ?? []).map((s) => [Date.parse(s.start), s.end ? (Date.parse(s.end) - Date.parse(s.start)) / 3_600_000 : null]));
    let issued = 0;
    for (const [contactHash, rows] of people) {
      const sessions = [...new Set(rows.map((r) => Date.parse(r.sessionStart)))].sort((a, b) => a - b);
      if (sessions.length < minSessions) continue;
      if (await query().findOne({ where: { workshopDocumentId: workshop, contactHash }, select: ['id'] })) continue;
      const spans = sessions.map((s) => length.get(s) ?? null);
      const hours = spans.every((h) => h !== null && h > 0) ? Math.round((spans as number[]).reduce((a, b) => a + b, 0) * 2) / 2 : null;
      const last = rows.at(-1)!;
      const linkNonce = crypto.randomBytes(16).toString('base64url');
      for (let attempt = 0; ; attempt++) {
        const code = newCode();
        try {
          await query().create({
            data: {
              code, workshopDocumentId: workshop, workshopTitle: entry.title, holderName: last.name, publicName: publicNameOf(last.name),
              sessionsAttended: sessions.length, sessionsTotal: Math.max(sessions.length, entry.sessions?.length ?? 0), hours,
              firstSession: new Date(sessions[0]!), lastSession: new Date(sessions.at(-1)!), issuedAt: new Date(now()), contactHash, linkNonce,
            },
          });
          const email = [...rows].reverse().find((r) => r.email)?.email;
          if (email) await outbox.queue(certificateMessage(email, last.name, entry.title, downloadUrl(linkNonce), verifyUrl(code)));
          issued++;
          break;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 4) throw error;
        }
      }
    }
    const total = await query().count({ where: { workshopDocumentId: workshop } });
    return { outcome: 'issued', issued, total, minSessions };
  }

  async function byLink(token: unknown): Promise<CertificateRow | undefined> {
    const match = typeof token === 'string' ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token) : null;
    if (!match || !crypto.timingSafeEqual(Buffer.from(mac(match[1]!)), Buffer.from(match[2]!))) return undefined;
    return ((await query().findOne({ where: { linkNonce: match[1] } })) as CertificateRow | null) ?? undefined;
  }

  const iso = (value: string | Date) => new Date(value).toISOString();
  const publicOf = (row: CertificateRow): PublicCertificate => ({
    code: row.code, publicName: row.publicName, workshopTitle: row.workshopTitle, sessionsAttended: row.sessionsAttended, sessionsTotal: row.sessionsTotal,
    hours: row.hours === null || row.hours === undefined ? null : Number(row.hours), firstSession: iso(row.firstSession), lastSession: iso(row.lastSession), issuedAt: iso(row.issuedAt),
  });

  return {
    issue,

    /** The certificate's PDF, for its personal link. */
    async pdf(token: unknown): Promise<Buffer | undefined> {
      const row = await byLink(token);
      if (!row) return undefined;
      const c = publicOf(row);
      const period = c.firstSession.slice(0, 10) === c.lastSession.slice(0, 10) ? `il ${day(c.firstSession)}` : `dal ${day(c.firstSession)} al ${day(c.lastSession)}`;
      return taggedPdf({
        title: `Attestato di partecipazione – ${c.workshopTitle}`,
        lang: 'it-IT',
        author: 'Distretto della coesione sociale di Vercelli',
        date: new Date(c.issuedAt),
        footer: `Distretto della coesione sociale di Vercelli · codice di verifica ${c.code}`,
        blocks: [
          { kind: 'heading', level: 1, text: 'Attestato di partecipazione' },
          { kind: 'paragraph', text: `Si attesta che ${row.holderName} ha partecipato al laboratorio «${c.workshopTitle}», ${period}, frequentando ${c.sessionsAttended} incontri su ${c.sessionsTotal}${c.hours !== null ? ` per ${hoursText(c.hours)}` : ''}.` },
          {
            kind: 'table',
            header: ['Voce', 'Dato'],
            rowHeaders: true,
            rows: [['Laboratorio', c.workshopTitle], ['Periodo', period], ['Incontri frequentati', `${c.sessionsAttended} su ${c.sessionsTotal}`], ...(c.hours !== null ? [['Ore', hoursText(c.hours)!]] : []), ['Rilasciato il', day(c.issuedAt)], ['Codice di verifica', c.code]],
          },
          { kind: 'paragraph', text: `Chiunque può verificare questo attestato con il suo codice: ${verifyUrl(c.code)}` },
        ],
      });
    },

    /** What the public verification page shows, for a code. */
    async verify(code: unknown): Promise<PublicCertificate | undefined> {
      const normalized = normalizeCertificateCode(code);
      if (!normalized) return undefined;
      const row = (await query().findOne({ where: { code: normalized } })) as CertificateRow | null;
      return row ? publicOf(row) : undefined;
    },

    /**
     * Where the site's form sends what was typed: the page of the code in its stored form; else of what was
     * typed, made safe for an address (its page then says no certificate has it); the form when nothing was.
     */
    pageFor(typed: unknown): string {
      const text = typeof typed === 'string' ? typed.trim().slice(0, 40) : '';
      if (!text) return `${siteUrl}${CERTIFICATE_ROUTES.page}`;
      return certificatePageUrl(siteUrl, normalizeCertificateCode(text) ?? text.replace(/[^A-Za-z0-9-]+/g, '-'));
    },

    count: (workshop: string) => query().count({ where: { workshopDocumentId: workshop } }),
  };
}

function certificateMessage(to: string, name: string, title: string, download: string, verify: string) {
  return compose({
    to,
    subject: `Attestato di partecipazione: ${title}`,
    topic: 'booking:certificate',
    blocks: [
      { paragraph: `Ciao ${name},` },
      { paragraph: `il tuo attestato di partecipazione al laboratorio «${title}» è pronto.` },
      { link: download, label: 'Scarica l’attestato (PDF)' },
      { link: verify, label: 'Chi lo riceve può verificarlo qui' },
    ],
  });
}

export type CertificateService = ReturnType<typeof certificateService>;
