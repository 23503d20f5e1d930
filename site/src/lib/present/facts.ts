/**
 * What a detail page says about an entry at a glance, per section type: the rows of its "In breve"
 * table and its main link out (apply, official text, the material, the website). Rows without a value
 * are left out. Pure functions over the entry's data, tested without a build.
 *
 * Values are text (escaped when rendered): nothing here needs markup, and markup built from CMS fields
 * would be one more place to keep safe.
 */
import { PACT_KIND_LABELS, PACT_STAGE_LABELS, WORKSHOP_AUDIENCE_LABELS, WORKSHOP_FORMAT_LABELS } from '@coesione/model';
import { enumLabel, type SectionType, type SectionData } from './sections';
import { formatDate } from './format';

export interface Fact {
  label: string;
  value: string;
}

export interface ExternalLink {
  href: string;
  label: string;
}

type Row = readonly [label: string, value: string | null | undefined];
const date = (value: string | null | undefined): string | undefined => (value ? formatDate(value) : undefined);

const FACTS: { [T in SectionType]: (d: SectionData<T>) => Row[] } = {
  practice: (d) => [
    ['Stato', enumLabel(d.state)],
    ['Periodo', d.period ? `dal ${formatDate(d.period.start)}${d.period.end ? ` al ${formatDate(d.period.end)}` : ''}` : undefined],
    ['Livello di evidenza', enumLabel(d.evidenceLevel)],
    ['Promossa da', d.promoters.map((o) => o.name).join(', ')],
  ],
  opportunity: (d) => [
    ['Tipo', enumLabel(d.kind)],
    ['Proposta da', d.provider?.name],
    ['Apertura', date(d.opensAt)],
    ['Scadenza', date(d.deadline) ?? 'Nessuna scadenza'],
    ['Inizio', date(d.startDate)],
    ['Fine', date(d.endDate)],
    ['Costo', d.cost],
    ['Chi può partecipare', d.eligibility],
    ['Come partecipare', d.howToApply],
  ],
  regulation: (d) => [
    ['Tipo di atto', enumLabel(d.kind)],
    ['Emanato da', d.issuer],
    ['Numero', d.number],
    ['Data', date(d.date)],
    ['Stato', d.validity === 'abrogata' ? 'Abrogata' : 'Vigente'],
    ['Identificativo URN', d.urn],
  ],
  'training-material': (d) => [
    ['Formato', enumLabel(d.format)],
    ['Per', enumLabel(d.audience)],
    ['Livello', enumLabel(d.level)],
    ['Durata', d.durationMinutes ? `${d.durationMinutes} minuti` : undefined],
  ],
  workshop: (d) => [
    ...(d.format === 'corso'
      ? ([['Tipo', WORKSHOP_FORMAT_LABELS.corso], ['Docente', d.artisanName]] as const)
      : ([['Mestiere', enumLabel(d.craft)], ['Maestro artigiano', d.artisanName]] as const)),
    ['Per chi', WORKSHOP_AUDIENCE_LABELS[d.audience]],
    ['Con', d.organization?.name],
    ['Posti', d.capacity ? String(d.capacity) : undefined],
    ['Costo', d.cost],
    ['Come iscriversi', d.howToRegister],
    ['Accessibilità del luogo', d.accessibilityNotes],
  ],
  organization: (d) => [
    ['Tipo di ente', enumLabel(d.kind)],
    ['Numero RUNTS', d.runtsNumber],
  ],
  pact: (d) => [
    ['Fase', PACT_STAGE_LABELS[d.stage]],
    ['Tipo di patto', PACT_KIND_LABELS[d.kind]],
    ['Bene comune', d.commonGood],
    ['Proposto da', d.publicProposer],
    ['Ente gestore', d.managingBody?.name],
    ['Proposta ricevuta il', date(d.receivedAt)],
    ['Periodo', d.startDate ? `dal ${formatDate(d.startDate)}${d.endDate ? ` al ${formatDate(d.endDate)}` : ''}` : undefined],
    ['Durata', d.durationMonths ? `${d.durationMonths} mesi` : undefined],
  ],
};

/** The "In breve" rows of an entry, in reading order, only those with a value. */
export function factsOf<T extends SectionType>(type: T, data: SectionData<T>): Fact[] {
  return FACTS[type](data).flatMap(([label, value]) => (value ? [{ label, value }] : []));
}

const link = (href: string | null | undefined, text: string): ExternalLink | undefined => (href ? { href, label: text } : undefined);

const LINKS: { [T in SectionType]: (d: SectionData<T>) => ExternalLink | undefined } = {
  practice: () => undefined,
  opportunity: (d) => link(d.applyUrl, 'Candidati o chiedi informazioni'),
  regulation: (d) => link(d.sourceUrl, 'Testo ufficiale'),
  'training-material': (d) => link(d.externalUrl, 'Apri il materiale'),
  workshop: () => undefined,
  organization: (d) => link(d.website, 'Sito web dell’ente'),
  pact: () => undefined,
};

/** The entry's main link out of the site, if it has one. */
export function externalLinkOf<T extends SectionType>(type: T, data: SectionData<T>): ExternalLink | undefined {
  return LINKS[type](data);
}
