/**
 * What waits for one admin user, section by section, computed by the rules the admin's home widgets use
 * (review/queue.ts's queues, the needs feature's reporting and imports, the model's pact answers): this
 * module only picks, for one user, the items where *they* must act, and words them in Italian with the
 * admin path where to act.
 *
 * - an editor (the office): pact answers due within ANSWER_SOON_DAYS or overdue, citizens' contributions
 *   waiting for moderation, partners' proposals waiting for review;
 * - a partner: its drafts the office returned with a note, its last need-record import when it was
 *   refused, the months of the open or last quarter whose need records its organisation still owes.
 */
import type { Core } from '@strapi/strapi';
import { addDays, answerStatus, AWAITING_ANSWER, quarterLabel, romeDay, TYPES, type PactStage } from '@coesione/model';
import { lastImportRefused, missingReports, partnerOf, type RecentReporting } from '../needs/service';
import { NEEDS_PATH } from '../needs/contract';
import { entryLink } from '../review/contract';
import { editorQueue, partnerQueue } from '../review/queue';

/** How many days ahead a pact's answer counts as due soon. */
export const ANSWER_SOON_DAYS = 5;

export interface QueueItem {
  title: string;
  /** Where to act, under the admin's root: `/content-manager/…`, `/dati-di-bisogno`. */
  path: string;
  summary: string;
  note?: string;
}

export interface QueueSection {
  heading: string;
  items: QueueItem[];
  /** Items the section holds beyond those listed (the widgets show the first 20). */
  more: number;
}

const SUBMISSION = 'api::submission.submission';
const PACT = TYPES.pact.uid;

const DAY = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });
export const italianDay = (iso: string) => DAY.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
const days = (n: number) => (n === 1 ? '1 giorno' : `${n} giorni`);
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const monthName = (month: string) => `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;

/** Pacts whose answer is due within ANSWER_SOON_DAYS (Rome days) or overdue, the most urgent first. */
export async function pactAnswers(strapi: Core.Strapi, now: Date): Promise<QueueItem[]> {
  const rows = (await strapi.db.query(PACT).findMany({
    where: { publishedAt: null, answeredAt: null, stage: { $in: [...AWAITING_ANSWER] }, answerDue: { $notNull: true, $lte: addDays(romeDay(now), ANSWER_SOON_DAYS) } },
    select: ['documentId', 'title', 'stage', 'answerDue', 'answeredAt'],
    orderBy: { answerDue: 'asc' },
  })) as { documentId: string; title: string; stage: PactStage; answerDue: string; answeredAt: string | null }[];
  return rows.flatMap((pact) => {
    const status = answerStatus(pact, now);
    const when =
      status.state === 'overdue' ? `risposta scaduta il ${italianDay(status.due)} (${days(status.daysLate)} di ritardo)`
        : status.state === 'pending' ? `risposta dovuta entro il ${italianDay(status.due)} (${status.daysLeft === 0 ? 'oggi' : `tra ${days(status.daysLeft)}`})`
          : undefined;
    return when ? [{ title: pact.title, path: entryLink(PACT, pact.documentId), summary: when }] : [];
  });
}

export async function editorSections(strapi: Core.Strapi, now: Date): Promise<QueueSection[]> {
  const queue = await editorQueue(strapi, now);
  const waiting = queue.partnerDrafts.items.filter((p) => p.state === 'in_attesa');
  return [
    { heading: 'Patti: risposte in scadenza', items: await pactAnswers(strapi, now), more: 0 },
    {
      heading: 'Contributi da moderare',
      items: queue.contributions.items.map((c) => ({ title: c.title || '(senza titolo)', path: entryLink(SUBMISSION, c.documentId), summary: `${c.kind} · ricevuta ${c.receipt} · in attesa da ${c.ageDays === 0 ? 'oggi' : days(c.ageDays)}` })),
      more: queue.contributions.total - queue.contributions.items.length,
    },
    {
      heading: 'Proposte dei partner da rivedere',
      items: waiting.map((p) => ({ title: p.title || '(senza titolo)', path: entryLink(p.uid, p.documentId), summary: `${p.typeLabel} · ${p.organization ?? 'ente'} · modificata il ${italianDay(p.updatedAt)}` })),
      more: 0,
    },
  ];
}

/** `reporting`: the need reporting of the recent quarters, the same for every partner (job.ts reads it once a run). */
export async function partnerSections(strapi: Core.Strapi, userId: number, reporting: () => Promise<RecentReporting>): Promise<QueueSection[]> {
  const organization = await partnerOf(strapi, userId);
  if (!organization) return [];
  const queue = await partnerQueue(strapi, organization.documentId);
  const returned = queue.proposals.items.filter((p) => p.state === 'rimandata');
  const needs: QueueItem[] = [];
  const refused = await lastImportRefused(strapi, organization.name);
  if (refused) {
    needs.push({ title: 'L’ultima importazione dei dati di bisogno non è andata a buon fine', path: `/${NEEDS_PATH}`, summary: `Il ${italianDay(refused.at)} non è stata salvata nessuna riga (${refused.detail}): correggete il file e importatelo di nuovo.` });
  }
  for (const { quarter, months } of missingReports(await reporting(), organization.id)) {
    needs.push({ title: `${quarterLabel(quarter)}: mancano i dati di bisogno`, path: `/${NEEDS_PATH}`, summary: `Mesi già scaduti e non ancora inviati: ${months.map(monthName).join(', ')}.` });
  }
  return [
    {
      heading: 'Proposte rimandate dalla redazione',
      items: returned.map((p) => ({ title: p.title || '(senza titolo)', path: entryLink(p.uid, p.documentId), summary: `${p.typeLabel} · rimandata il ${italianDay(p.returnedAt ?? p.updatedAt)}`, ...(p.note ? { note: `Nota della redazione: ${p.note}` } : {}) })),
      more: 0,
    },
    { heading: 'Dati di bisogno', items: needs, more: 0 },
  ];
}
