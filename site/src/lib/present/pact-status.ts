/**
 * What a pact's page and card say about its stage, its answer and its notice, computed at build time
 * from @coesione/model's rules (the same the CMS enforces): text, so nothing depends on colour alone.
 */
import { answerStatus, noticeOpen, PACT_ROLE_LABELS, PACT_STAGE_LABELS, progressText } from '@coesione/model';
import type { SectionData } from './sections';
import { formatDate } from './format';

type Pact = SectionData<'pact'>;

/** "il 14 aprile 2026", but "l’8 dicembre 2026" and "l’11 …": the article elides before a vowel sound. */
const theDay = (day: string): string => {
  const text = formatDate(day);
  return /^(8|11) /.test(text) ? `l’${text}` : `il ${text}`;
};
const days = (n: number) => (n === 1 ? '1 giorno' : `${n} giorni`);

/** "Risposta entro il 14 aprile 2026", "Risposta in ritardo di 3 giorni (era dovuta entro il …)", or none. */
export function answerLine(pact: Pact, now: Date): { text: string; late: boolean } | undefined {
  const status = answerStatus(pact, now);
  switch (status.state) {
    case 'pending':
      return { text: `Risposta entro ${theDay(status.due)}${status.daysLeft > 0 ? ` (mancano ${days(status.daysLeft)})` : ' (scade oggi)'}`, late: false };
    case 'overdue':
      return { text: `Risposta in ritardo di ${days(status.daysLate)}: era dovuta entro ${theDay(status.due)}`, late: true };
    case 'answered':
      return { text: status.daysLate > 0 ? `Risposta data ${theDay(status.on)}, con ${days(status.daysLate)} di ritardo` : `Risposta data ${theDay(status.on)}, entro i termini`, late: status.daysLate > 0 };
    case 'none':
      return undefined;
  }
}

/** The notice window as a sentence, while it is open or once it was. */
export function noticeLine(pact: Pact, now: Date): { text: string; open: boolean } | undefined {
  if (!pact.noticeOpens || !pact.noticeCloses) return undefined;
  const open = noticeOpen(pact, now);
  return {
    open,
    text: open
      ? `Avviso pubblico aperto dal ${formatDate(pact.noticeOpens)} al ${formatDate(pact.noticeCloses)}: chiunque può presentare una proposta concorrente o integrativa, o un’osservazione.`
      : `Avviso pubblico dal ${formatDate(pact.noticeOpens)} al ${formatDate(pact.noticeCloses)}.`,
  };
}

/** The timeline, oldest first: stage, day, who (a role) and the public note. */
export const timelineOf = (pact: Pact) =>
  [...pact.stageHistory]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((h) => ({ label: PACT_STAGE_LABELS[h.stage], at: h.at, day: formatDate(h.at), role: PACT_ROLE_LABELS[h.role], note: h.note ?? undefined }));

export const milestoneProgress = (progress: number): string => progressText(progress);

/** A card's state line: the stage, and the answer when one is owed. */
export function pactCardState(pact: Pact, now: Date): string {
  const answer = answerLine(pact, now);
  return `${PACT_STAGE_LABELS[pact.stage]}${answer && answerStatus(pact, now).state !== 'answered' ? ` · ${answer.text}` : ''}`;
}
