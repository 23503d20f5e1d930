/**
 * The datasets of /dati-aperti/, one per public type: their columns, in the order of the files. The pacts'
 * register and the need figures have their own files (pact-register.ts, need-figures.ts).
 */
import type { z } from 'astro/zod';
import { TYPES } from '@coesione/model';
import type { schemas } from '../cms/schemas';
import type { CatalogDataset, EuTheme, Frequency } from '../formats/dcat';
import { comuni, dates, id, page, summary, tags, text, type Dataset } from './datasets';
import type { SectionData, SectionType } from './sections';

type Comune = z.infer<typeof schemas.municipality>;
type Theme = z.infer<typeof schemas.theme>;

/** A dataset of /dati-aperti/: its columns, where its rows come from, and how the catalogue files it (EU theme, how often it changes). */
export interface OpenDataset<T> extends Dataset<T> {
  source: SectionType | 'comuni' | 'temi';
  theme: EuTheme;
  frequency: Frequency;
}

const orgName = (o: { name: string } | null | undefined) => o?.name ?? null;

export const PRACTICES: OpenDataset<SectionData<'practice'>> = {
  source: 'practice',
  theme: 'SOCI',
  frequency: 'UPDATE_CONT',
  slug: 'buone-prassi',
  title: 'Buone prassi',
  description: 'Le buone prassi pubblicate: stato, livello di evidenza, periodo, promotori, comuni, temi e indicatori di risultato.',
  columns: [
    id(), { name: 'titolo', type: 'testo', meaning: 'Il titolo della buona prassi.', value: (e) => e.title }, page(TYPES.practice.section), summary(),
    { name: 'stato', type: 'testo', meaning: 'attiva, conclusa o sperimentale.', value: (e) => e.state },
    { name: 'livello_evidenza', type: 'testo', meaning: 'Quanto è documentato il risultato (codice del vocabolario del sito).', value: (e) => e.evidenceLevel },
    { name: 'inizio', type: 'data', meaning: 'Inizio del periodo (AAAA-MM-GG).', value: (e) => text(e.period?.start) },
    { name: 'fine', type: 'data', meaning: 'Fine del periodo (AAAA-MM-GG); vuoto se in corso.', value: (e) => text(e.period?.end) },
    { name: 'promotori', type: 'elenco', meaning: 'Gli enti che la promuovono.', value: (e) => e.promoters.map((o) => o.name) },
    ...comuni<SectionData<'practice'>>(), ...tags<SectionData<'practice'>>(),
    { name: 'indicatori', type: 'elenco', meaning: 'Gli indicatori di risultato, ciascuno come «nome: valore unità (anno)».', value: (e) => e.indicators.map((i) => `${i.name}: ${i.value}${i.unit ? ` ${i.unit}` : ''} (${i.year})`) },
    ...dates<SectionData<'practice'>>(),
  ],
};

export const OPPORTUNITIES: OpenDataset<SectionData<'opportunity'>> = {
  source: 'opportunity',
  theme: 'SOCI',
  frequency: 'UPDATE_CONT',
  slug: 'opportunita',
  title: 'Opportunità',
  description: 'Le opportunità pubblicate (bandi, tirocini, servizi, contributi, corsi): tipologia, date, scadenza, ente, comuni e temi.',
  columns: [
    id(), { name: 'titolo', type: 'testo', meaning: 'Il titolo dell’opportunità.', value: (e) => e.title }, page(TYPES.opportunity.section), summary(),
    { name: 'tipologia', type: 'testo', meaning: 'Il genere di opportunità (codice del vocabolario del sito: bando, tirocinio, servizio, …).', value: (e) => e.kind },
    { name: 'apertura', type: 'data', meaning: 'Da quando si può fare domanda (AAAA-MM-GG).', value: (e) => text(e.opensAt) },
    { name: 'scadenza', type: 'data', meaning: 'L’ultimo giorno per fare domanda (AAAA-MM-GG); vuoto se sempre aperta.', value: (e) => text(e.deadline) },
    { name: 'inizio', type: 'data', meaning: 'Quando comincia (AAAA-MM-GG).', value: (e) => text(e.startDate) },
    { name: 'fine', type: 'data', meaning: 'Quando finisce (AAAA-MM-GG).', value: (e) => text(e.endDate) },
    { name: 'ente', type: 'testo', meaning: 'L’ente che la offre.', value: (e) => orgName(e.provider) },
    { name: 'costo', type: 'testo', meaning: 'Quanto costa a chi partecipa, in parole.', value: (e) => text(e.cost) },
    { name: 'link_domanda', type: 'URL', meaning: 'Dove fare domanda, se in rete.', value: (e) => text(e.applyUrl) },
    ...comuni<SectionData<'opportunity'>>(), ...tags<SectionData<'opportunity'>>(), ...dates<SectionData<'opportunity'>>(),
  ],
};

export const REGULATIONS: OpenDataset<SectionData<'regulation'>> = {
  source: 'regulation',
  theme: 'GOVE',
  frequency: 'UPDATE_CONT',
  slug: 'normativa',
  title: 'Normativa',
  description: 'Le norme pubblicate: tipo, emittente, numero, data, identificativo URN, vigenza e fonte ufficiale.',
  columns: [
    id(), { name: 'titolo', type: 'testo', meaning: 'Il titolo della norma.', value: (e) => e.title }, page(TYPES.regulation.section), summary(),
    { name: 'tipo', type: 'testo', meaning: 'Legge, decreto, delibera, regolamento… (codice del vocabolario del sito).', value: (e) => e.kind },
    { name: 'emittente', type: 'testo', meaning: 'Chi l’ha emanata.', value: (e) => e.issuer },
    { name: 'numero', type: 'testo', meaning: 'Il numero dell’atto.', value: (e) => text(e.number) },
    { name: 'data', type: 'data', meaning: 'La data dell’atto (AAAA-MM-GG).', value: (e) => text(e.date) },
    { name: 'urn', type: 'testo', meaning: 'L’identificativo URN:NIR dell’atto, dove c’è.', value: (e) => text(e.urn) },
    { name: 'vigenza', type: 'testo', meaning: 'vigente o abrogata.', value: (e) => e.validity },
    { name: 'fonte', type: 'URL', meaning: 'Il testo ufficiale (Normattiva, Gazzetta Ufficiale, bollettino regionale).', value: (e) => text(e.sourceUrl) },
    ...comuni<SectionData<'regulation'>>(), ...tags<SectionData<'regulation'>>(), ...dates<SectionData<'regulation'>>(),
  ],
};

export const TRAINING: OpenDataset<SectionData<'training-material'>> = {
  source: 'training-material',
  theme: 'EDUC',
  frequency: 'UPDATE_CONT',
  slug: 'formazione',
  title: 'Materiali di formazione',
  description: 'I materiali di formazione pubblicati: formato, pubblico, livello, durata e collegamenti.',
  columns: [
    id(), { name: 'titolo', type: 'testo', meaning: 'Il titolo del materiale.', value: (e) => e.title }, page(TYPES['training-material'].section), summary(),
    { name: 'formato', type: 'testo', meaning: 'Guida, video, corso in rete… (codice del vocabolario del sito).', value: (e) => e.format },
    { name: 'pubblico', type: 'testo', meaning: 'A chi è rivolto (codice del vocabolario del sito).', value: (e) => e.audience },
    { name: 'livello', type: 'testo', meaning: 'base, intermedio o avanzato.', value: (e) => e.level },
    { name: 'durata_minuti', type: 'numero', meaning: 'Quanto dura, in minuti.', value: (e) => e.durationMinutes ?? null },
    { name: 'link_esterno', type: 'URL', meaning: 'Dove si trova, se pubblicato altrove.', value: (e) => text(e.externalUrl) },
    ...tags<SectionData<'training-material'>>(), ...dates<SectionData<'training-material'>>(),
  ],
};

export const WORKSHOPS: OpenDataset<SectionData<'workshop'>> = {
  source: 'workshop',
  theme: 'EDUC',
  frequency: 'UPDATE_CONT',
  slug: 'laboratori',
  title: 'Laboratori e corsi',
  description: 'I laboratori di riuso e riparazione e i corsi pubblicati, con i loro incontri: mestiere, ente, luogo, posti e date.',
  columns: [
    id(), { name: 'titolo', type: 'testo', meaning: 'Il titolo del laboratorio o del corso.', value: (e) => e.title }, page(TYPES.workshop.section), summary(),
    { name: 'formato', type: 'testo', meaning: 'laboratorio o corso.', value: (e) => e.format },
    { name: 'pubblico', type: 'testo', meaning: 'A chi è aperto (codice: tutti, operatori_pubblici, terzo_settore, operatori_e_terzo_settore).', value: (e) => e.audience },
    { name: 'mestiere', type: 'testo', meaning: 'Il mestiere che si impara.', value: (e) => e.craft },
    { name: 'ente', type: 'testo', meaning: 'L’ente che lo organizza.', value: (e) => orgName(e.organization) },
    { name: 'indirizzo', type: 'testo', meaning: 'Dove si svolge.', value: (e) => text(e.location?.address) },
    { name: 'comune', type: 'testo', meaning: 'Il comune del luogo.', value: (e) => e.location?.municipality?.name ?? null },
    { name: 'comune_istat', type: 'codice ISTAT', meaning: 'Il codice ISTAT a sei cifre del comune del luogo.', value: (e) => e.location?.municipality?.istatCode ?? null },
    { name: 'posti', type: 'numero', meaning: 'I posti di ogni incontro; vuoto se senza prenotazione.', value: (e) => e.capacity ?? null },
    { name: 'costo', type: 'testo', meaning: 'Quanto costa a chi partecipa, in parole.', value: (e) => text(e.cost) },
    { name: 'incontri', type: 'elenco', meaning: 'Gli incontri, ciascuno come inizio/fine (ISO 8601, intervallo); «annullato» dopo quelli annullati.', value: (e) => e.sessions.map((s) => `${s.start}${s.end ? `/${s.end}` : ''}${s.cancelled ? ' annullato' : ''}`) },
    ...tags<SectionData<'workshop'>>(), ...dates<SectionData<'workshop'>>(),
  ],
};

export const ORGANIZATIONS: OpenDataset<SectionData<'organization'>> = {
  source: 'organization',
  theme: 'GOVE',
  frequency: 'UPDATE_CONT',
  slug: 'enti',
  title: 'Enti',
  description: 'Gli enti del distretto (comuni, enti gestori, organizzazioni del Terzo settore): tipo, numero RUNTS, sito, comuni e temi. Nessun recapito di persone.',
  columns: [
    id(), { name: 'nome', type: 'testo', meaning: 'Il nome dell’ente.', value: (e) => e.name }, page(TYPES.organization.section), summary(),
    { name: 'tipo', type: 'testo', meaning: 'comune, ente_gestore, associazione, cooperativa_sociale… (codice del vocabolario del sito).', value: (e) => e.kind },
    { name: 'numero_runts', type: 'testo', meaning: 'Il numero di iscrizione al Registro unico nazionale del Terzo settore, dove c’è.', value: (e) => text(e.runtsNumber) },
    { name: 'sito', type: 'URL', meaning: 'Il sito dell’ente.', value: (e) => text(e.website) },
    { name: 'sedi', type: 'elenco', meaning: 'Gli indirizzi delle sedi.', value: (e) => e.sites.map((s) => s.address) },
    ...comuni<SectionData<'organization'>>(), ...tags<SectionData<'organization'>>(), ...dates<SectionData<'organization'>>(),
  ],
};

export const COMUNI: OpenDataset<Comune> = {
  source: 'comuni',
  theme: 'REGI',
  frequency: 'IRREG',
  slug: 'comuni',
  title: 'Comuni',
  description: 'I comuni del distretto: codice ISTAT, coordinate del punto di riferimento, popolazione al censimento 2011 e ente gestore dei servizi sociali.',
  columns: [
    { name: 'codice_istat', type: 'codice ISTAT', meaning: 'Il codice ISTAT del comune, a sei cifre.', value: (c) => c.istatCode },
    { name: 'nome', type: 'testo', meaning: 'Il nome del comune.', value: (c) => c.name },
    { name: 'pagina', type: 'URL', meaning: 'La pagina del comune sul sito.', value: (c, site) => new URL(`/comuni/${c.slug}/`, site).href },
    { name: 'latitudine', type: 'numero', meaning: 'Latitudine del punto di riferimento (WGS84, gradi decimali).', value: (c) => c.latitude },
    { name: 'longitudine', type: 'numero', meaning: 'Longitudine del punto di riferimento (WGS84, gradi decimali).', value: (c) => c.longitude },
    { name: 'popolazione_2011', type: 'numero', meaning: 'Residenti al censimento ISTAT 2011.', value: (c) => c.population2011 ?? null },
    { name: 'ente_gestore', type: 'testo', meaning: 'L’ente gestore dei servizi socio-assistenziali del suo ambito.', value: (c) => orgName(c.managingBody) },
  ],
};

export const THEMES: OpenDataset<Theme> = {
  source: 'temi',
  theme: 'SOCI',
  frequency: 'IRREG',
  slug: 'temi',
  title: 'Aree tematiche',
  description: 'Il vocabolario delle aree tematiche con cui il sito classifica ogni scheda.',
  columns: [
    { name: 'codice', type: 'identificativo', meaning: 'Il codice dell’area tematica, come nelle pagine e nei filtri.', value: (t) => t.slug },
    { name: 'nome', type: 'testo', meaning: 'Il nome dell’area tematica.', value: (t) => t.name },
    { name: 'pagina', type: 'URL', meaning: 'La pagina dell’area tematica sul sito.', value: (t, site) => new URL(`/temi/${t.slug}/`, site).href },
    { name: 'descrizione', type: 'testo', meaning: 'Che cosa comprende.', value: (t) => text(t.description) },
  ],
};

/** Every dataset, in the order of /dati-aperti/. */
export const DATASETS = [PRACTICES, OPPORTUNITIES, REGULATIONS, TRAINING, WORKSHOPS, ORGANIZATIONS, COMUNI, THEMES] as const;
export type AnyDataset = (typeof DATASETS)[number];

/** The other files of /dati-aperti/ the catalogue lists, besides the datasets above. */
export const OTHER_CATALOGUED: Omit<CatalogDataset, 'modified'>[] = [
  { slug: 'luoghi', title: 'Luoghi', description: 'Ogni luogo di buone prassi, opportunità, laboratori, patti di collaborazione e sedi degli enti, con tipo, titolo, indirizzo, comune e coordinate (GeoJSON, RFC 7946).', theme: 'REGI', frequency: 'UPDATE_CONT', landingPage: '/mappa/', files: [{ path: '/dati-aperti/luoghi.geojson', format: 'GEOJSON' }] },
  { slug: 'patti', title: 'Registro dei patti di collaborazione', description: 'Ogni patto di collaborazione pubblicato: fase, tipo, comuni, temi, proponente (solo il nome pubblico), parti, date di ricezione, termine e risposta.', theme: 'GOVE', frequency: 'UPDATE_CONT', landingPage: '/patti/', files: [{ path: '/dati-aperti/patti.csv', format: 'CSV' }, { path: '/dati-aperti/patti.json', format: 'JSON' }] },
  { slug: 'bisogni', title: 'Cifre dei bisogni', description: 'Le cifre pubblicate dei bisogni rilevati dagli enti del Terzo settore, per trimestre, comune, ambito, categoria e fascia d’età, con le celle sotto soglia soppresse (dati sintetici dimostrativi).', theme: 'SOCI', frequency: 'QUARTERLY', landingPage: '/bisogni/', files: [{ path: '/dati-aperti/bisogni.csv', format: 'CSV' }, { path: '/dati-aperti/bisogni.json', format: 'JSON' }] },
  { slug: 'calendario', title: 'Calendario', description: 'Gli incontri dei laboratori, le scadenze delle opportunità e le date dei patti di collaborazione (iCalendar, RFC 5545).', theme: 'SOCI', frequency: 'UPDATE_CONT', landingPage: '/dati-aperti/', files: [{ path: '/calendario.ics', format: 'ICS' }] },
];
