/**
 * The register of pacts (`/patti/`) narrowed without JavaScript: one pre-built page per facet value
 * (stage, comune, organisation, theme, kind) that at least one pact has, and the register as open data. Pure: reads
 * the pacts' published data (type-only imports), tested without a build.
 */
import { answerStatus, PACT_KIND_LABELS, PACT_KINDS, PACT_STAGE_LABELS, PACT_STAGES, pageUrl, progressText, romeDay } from '@coesione/model';
import type { SectionData } from './sections';
import { placeLine } from './address';
import { formatDate } from './format';
import type { CalendarEvent } from '../formats/machine';

type Pact = SectionData<'pact'>;

/** The filters, in the order the «Filtra il registro» block lists them; `path` is the URL segment. */
export const PACT_FACETS = [
  { key: 'stage', path: 'fase', label: 'Fase' },
  { key: 'comune', path: 'comune', label: 'Comune' },
  { key: 'organization', path: 'ente', label: 'Ente' },
  { key: 'theme', path: 'tema', label: 'Tema' },
  { key: 'kind', path: 'tipo', label: 'Tipo di patto' },
] as const;
export type FacetKey = (typeof PACT_FACETS)[number]['key'];
export type FacetPath = (typeof PACT_FACETS)[number]['path'];

export interface FacetValue {
  facet: FacetKey;
  /** The URL segment: "avviso-pubblico", "vercelli". */
  slug: string;
  label: string;
  /** The slugs of the pacts with this value, in the order they were given. */
  pacts: string[];
  /** `/patti/fase/avviso-pubblico/`. */
  url: string;
}

export interface FacetGroup {
  key: FacetKey;
  path: FacetPath;
  label: string;
  values: FacetValue[];
}

/** The comuni of a pact: its municipalities and the comune of its place, once each. */
export function pactComuni(pact: Pact): { name: string; slug: string; istatCode: string }[] {
  const all = [...pact.municipalities, ...(pact.location?.municipality ? [pact.location.municipality] : [])];
  return [...new Map(all.map((m) => [m.slug, m])).values()];
}

const urlSlug = (value: string) => value.replace(/_/g, '-');

/** The organisations that are parties to a pact (those the CMS links to an «Ente»), once each. */
export function pactOrganizations(pact: Pact): { name: string; slug: string }[] {
  const linked = pact.parties.flatMap((party) => (party.organization ? [party.organization] : []));
  return [...new Map(linked.map((o) => [o.slug, { name: o.name, slug: o.slug }])).values()];
}

/**
 * Every facet value at least one pact has, with its pacts: stages and kinds in the model's order,
 * comuni and themes alphabetically (Italian collation).
 */
export function pactFacets(pacts: readonly Pact[], base = '/patti/'): FacetGroup[] {
  const groups = new Map<FacetKey, Map<string, FacetValue>>(PACT_FACETS.map((f) => [f.key, new Map()]));
  const add = (facet: FacetKey, slug: string, label: string, pact: string) => {
    const path = PACT_FACETS.find((f) => f.key === facet)!.path;
    const values = groups.get(facet)!;
    const value = values.get(slug) ?? { facet, slug, label, pacts: [], url: `${base}${path}/${slug}/` };
    if (!value.pacts.includes(pact)) value.pacts.push(pact);
    values.set(slug, value);
  };
  for (const p of pacts) {
    add('stage', urlSlug(p.stage), PACT_STAGE_LABELS[p.stage], p.slug);
    add('kind', p.kind, PACT_KIND_LABELS[p.kind], p.slug);
    for (const c of pactComuni(p)) add('comune', c.slug, c.name, p.slug);
    for (const o of pactOrganizations(p)) add('organization', o.slug, o.name, p.slug);
    for (const t of p.themes) add('theme', t.slug, t.name, p.slug);
  }
  const order: Record<FacetKey, (a: FacetValue, b: FacetValue) => number> = {
    stage: (a, b) => PACT_STAGES.indexOf(a.slug.replace(/-/g, '_') as never) - PACT_STAGES.indexOf(b.slug.replace(/-/g, '_') as never),
    kind: (a, b) => PACT_KINDS.indexOf(a.slug as never) - PACT_KINDS.indexOf(b.slug as never),
    comune: (a, b) => a.label.localeCompare(b.label, 'it'),
    organization: (a, b) => a.label.localeCompare(b.label, 'it'),
    theme: (a, b) => a.label.localeCompare(b.label, 'it'),
  };
  return PACT_FACETS.map((f) => ({ ...f, values: [...groups.get(f.key)!.values()].sort(order[f.key]) }));
}

/** The day a proposal arrived (Rome): `receivedAt`, else the first entry of the history. */
export function proposedOn(pact: Pact): string | undefined {
  const first = [...pact.stageHistory].sort((a, b) => a.at.localeCompare(b.at))[0]?.at;
  const at = pact.receivedAt ?? first;
  return at ? romeDay(new Date(at)) : undefined;
}

/** One row of the open register: what the page shows, never the proposer's contact data. */
export interface RegisterRow {
  titolo: string;
  url: string;
  fase: string;
  fase_codice: string;
  tipo: string;
  comuni: string[];
  comuni_istat: string[];
  temi: string[];
  proponente: string | null;
  parti: string[];
  ricevuta: string | null;
  risposta_entro: string | null;
  risposta_data: string | null;
  avviso_dal: string | null;
  avviso_al: string | null;
  tappe: number;
}

export function registerRows(pacts: readonly Pact[], site: string | URL): RegisterRow[] {
  return [...pacts]
    .sort((a, b) => a.title.localeCompare(b.title, 'it') || a.slug.localeCompare(b.slug))
    .map((p) => {
      const comuni = pactComuni(p);
      return {
        titolo: p.title,
        url: new URL(pageUrl('pact', p.slug), site).href,
        fase: PACT_STAGE_LABELS[p.stage],
        fase_codice: p.stage,
        tipo: p.kind,
        comuni: comuni.map((c) => c.name),
        comuni_istat: comuni.map((c) => c.istatCode),
        temi: p.themes.map((t) => t.name),
        proponente: p.publicProposer ?? null,
        parti: p.parties.map((party) => party.name),
        ricevuta: proposedOn(p) ?? null,
        risposta_entro: p.answerDue ?? null,
        risposta_data: p.answeredAt ? romeDay(new Date(p.answeredAt)) : null,
        avviso_dal: p.noticeOpens ?? null,
        avviso_al: p.noticeCloses ?? null,
        tappe: p.milestones.length,
      };
    });
}

export const REGISTER_COLUMNS = ['titolo', 'url', 'fase', 'fase_codice', 'tipo', 'comuni', 'comuni_istat', 'temi', 'proponente', 'parti', 'ricevuta', 'risposta_entro', 'risposta_data', 'avviso_dal', 'avviso_al', 'tappe'] as const satisfies readonly (keyof RegisterRow)[];

/** The register as CSV rows (lists joined with « | »), header first. */
export function registerTable(rows: readonly RegisterRow[]): string[][] {
  return [[...REGISTER_COLUMNS], ...rows.map((r) => REGISTER_COLUMNS.map((c) => {
    const v = r[c];
    return Array.isArray(v) ? v.join(' | ') : v === null ? '' : String(v);
  }))];
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A pact's dates for the calendar: the answer deadline while an answer is owed (also when late), the
 * notice window (all-day, start to end inclusive), and every milestone with a due date.
 */
export function pactEvents(pact: Pact, site: string | URL, host: string, now: Date): CalendarEvent[] {
  const url = new URL(pageUrl('pact', pact.slug), site).href;
  const location = pact.location ? placeLine(pact.location.address, pact.location.municipality?.name) : undefined;
  const events: CalendarEvent[] = [];
  const answer = answerStatus(pact, now);
  if ((answer.state === 'pending' || answer.state === 'overdue') && pact.answerDue) {
    events.push({ uid: `patto-risposta-${pact.documentId}@${host}`, title: `Risposta dovuta: ${pact.title}`, url, location, start: pact.answerDue, description: `Termine per la risposta dell’ufficio alla proposta di patto di collaborazione. ${pact.summary}` });
  }
  if (pact.noticeOpens && pact.noticeCloses) {
    events.push({ uid: `patto-avviso-${pact.documentId}@${host}`, title: `Avviso pubblico: ${pact.title}`, url, location, start: pact.noticeOpens, end: nextDay(pact.noticeCloses), description: `Avviso pubblico per proposte concorrenti o integrative, o osservazioni, dal ${formatDate(pact.noticeOpens)} al ${formatDate(pact.noticeCloses)}. ${pact.summary}` });
  }
  pact.milestones.forEach((m, i) => {
    if (m.due) events.push({ uid: `patto-tappa-${pact.documentId}-${i}@${host}`, title: `Tappa del patto: ${m.title} (${pact.title})`, url, location, start: m.due.slice(0, 10), description: `${progressText(m.progress)}.${m.note ? ` ${m.note}` : ''}` });
  });
  return events;
}
