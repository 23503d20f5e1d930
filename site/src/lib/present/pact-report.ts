/**
 * The annual report of collaboration pacts (`/patti/rapporto/<anno>/` and its CSV): the pacts proposed
 * in a year, by stage, comune and theme; the median days from proposal to signature; the share of
 * proposals answered within the deadline; commitments by kind. One set of tables that both the page
 * and the CSV print, so they cannot disagree. Pure: tested without a build.
 */
import { answerStatus, daysBetween, PACT_STAGE_LABELS, PACT_STAGES, romeDay } from '@coesione/model';
import { enumLabel, type SectionData } from './sections';
import { pactComuni, proposedOn } from './pact-register';

type Pact = SectionData<'pact'>;

export interface ReportTable {
  /** The CSV's first column and the table's id: "fase", "comune"… */
  id: string;
  caption: string;
  /** Header of the label column, then of each figure column. */
  columns: string[];
  rows: { label: string; values: string[] }[];
  /** A sentence under the table (how a figure is counted). */
  note?: string;
}

export interface PactReport {
  year: number;
  /** Pacts proposed in the year. */
  total: number;
  /** Median whole days from proposal to signature, over the pacts of the year already signed. */
  medianDaysToSignature: number | null;
  signed: number;
  /** Answers given within the deadline, over the answers owed whose deadline has come (given or overdue). */
  answeredInTime: number;
  answerOwed: number;
  /** 0–100, one decimal; null when no answer was owed yet. */
  answeredInTimeShare: number | null;
  tables: ReportTable[];
}

/** The years (ascending) in which at least one pact was proposed. */
export function reportYears(pacts: readonly Pact[]): number[] {
  return [...new Set(pacts.flatMap((p) => { const day = proposedOn(p); return day ? [Number(day.slice(0, 4))] : []; }))].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The day a pact was signed (its first «Sottoscritto» entry, Rome), if it was. */
export function signedOn(pact: Pact): string | undefined {
  const at = pact.stageHistory.filter((h) => h.stage === 'sottoscritto').map((h) => h.at).sort()[0];
  return at ? romeDay(new Date(at)) : undefined;
}

const count = (n: number) => String(n);
const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
export const percentText = (value: number | null): string => (value === null ? 'non calcolabile' : `${value.toLocaleString('it-IT', { maximumFractionDigits: 1 })}%`);
const byCountThenLabel = (a: { label: string; n: number }, b: { label: string; n: number }) => b.n - a.n || a.label.localeCompare(b.label, 'it');

/** The report of `year` as of `now` (stages and answers as they stand at the build). */
export function pactReport(pacts: readonly Pact[], year: number, now: Date): PactReport {
  const ofYear = pacts.filter((p) => proposedOn(p)?.startsWith(`${year}-`));

  const stages = PACT_STAGES.map((s) => ({ label: PACT_STAGE_LABELS[s], n: ofYear.filter((p) => p.stage === s).length })).filter((r) => r.n > 0);

  const tally = (keys: (p: Pact) => string[]) => {
    const counts = new Map<string, number>();
    for (const p of ofYear) for (const k of new Set(keys(p))) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts].map(([label, n]) => ({ label, n })).sort(byCountThenLabel);
  };
  const comuni = tally((p) => pactComuni(p).map((c) => c.name));
  const themes = tally((p) => p.themes.map((t) => t.name));

  const commitments = new Map<string, { n: number; pacts: Set<string> }>();
  for (const p of ofYear) for (const party of p.parties) for (const c of party.commitments) {
    const row = commitments.get(c.kind) ?? { n: 0, pacts: new Set<string>() };
    row.n++;
    row.pacts.add(p.slug);
    commitments.set(c.kind, row);
  }

  const durations = ofYear.flatMap((p) => {
    const from = proposedOn(p);
    const to = signedOn(p);
    return from && to ? [daysBetween(from, to)] : [];
  });

  const answers = { inTime: 0, late: 0, overdue: 0, pending: 0, none: 0 };
  for (const p of ofYear) {
    const s = answerStatus(p, now);
    if (s.state === 'answered') answers[s.daysLate > 0 ? 'late' : 'inTime']++;
    else if (s.state === 'overdue') answers.overdue++;
    else if (s.state === 'pending') answers.pending++;
    else answers.none++;
  }
  const owed = answers.inTime + answers.late + answers.overdue;
  const share = percent(answers.inTime, owed);
  const med = median(durations);

  const tables: ReportTable[] = [
    { id: 'fase', caption: `Patti proposti nel ${year}, per fase attuale`, columns: ['Fase', 'Patti'], rows: [...stages.map((r) => ({ label: r.label, values: [count(r.n)] })), { label: 'Totale', values: [count(ofYear.length)] }] },
    {
      id: 'comune', caption: `Patti proposti nel ${year}, per comune`, columns: ['Comune', 'Patti'], rows: comuni.map((r) => ({ label: r.label, values: [count(r.n)] })),
      note: 'Un patto che riguarda più comuni è contato in ciascuno: la somma può superare il totale.',
    },
    {
      id: 'tema', caption: `Patti proposti nel ${year}, per tema`, columns: ['Tema', 'Patti'], rows: themes.map((r) => ({ label: r.label, values: [count(r.n)] })),
      note: 'Un patto con più temi è contato in ciascuno.',
    },
    {
      id: 'tempi', caption: `Tempi dei patti proposti nel ${year}`, columns: ['Misura', 'Valore'],
      rows: [
        { label: 'Patti sottoscritti', values: [count(durations.length)] },
        { label: 'Giorni dalla proposta alla sottoscrizione (mediana)', values: [med === null ? 'non calcolabile' : med.toLocaleString('it-IT')] },
      ],
      note: 'Giorni di calendario dalla ricezione della proposta alla sottoscrizione, sui soli patti già sottoscritti.',
    },
    {
      id: 'risposta', caption: `Risposte alle proposte del ${year}`, columns: ['Risposta', 'Proposte'],
      rows: [
        { label: 'Data entro il termine', values: [count(answers.inTime)] },
        { label: 'Data in ritardo', values: [count(answers.late)] },
        { label: 'In ritardo, non ancora data', values: [count(answers.overdue)] },
        { label: 'Attesa, nei termini', values: [count(answers.pending)] },
        { label: 'Non dovuta (proposta ritirata prima della risposta)', values: [count(answers.none)] },
        { label: 'Quota di risposte date entro il termine', values: [percentText(share)] },
      ],
      note: 'La quota conta le risposte date entro il termine sulle risposte dovute il cui termine è già scaduto o che sono state date.',
    },
    {
      id: 'impegni', caption: `Impegni dei patti proposti nel ${year}, per tipo`, columns: ['Tipo di impegno', 'Impegni', 'Patti'],
      rows: [...commitments].map(([kind, r]) => ({ label: enumLabel(kind), n: r.n, pacts: r.pacts.size })).sort((a, b) => b.n - a.n || a.label.localeCompare(b.label, 'it')).map((r) => ({ label: r.label, values: [count(r.n), count(r.pacts)] })),
    },
  ];
  return { year, total: ofYear.length, medianDaysToSignature: med, signed: durations.length, answeredInTime: answers.inTime, answerOwed: owed, answeredInTimeShare: share, tables };
}

/** The CSV rows of a report: table, item, then the figures of each column, header first. */
export function reportCsvRows(report: PactReport): string[][] {
  return [['anno', 'tabella', 'voce', 'valore', 'patti'], ...report.tables.flatMap((t) => t.rows.map((r) => [String(report.year), t.id, r.label, r.values[0] ?? '', r.values[1] ?? '']))];
}
