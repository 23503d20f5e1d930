/**
 * Demo collaboration pacts (fictional): twelve pacts over the four ambiti and every stage, dated from the
 * seed's `today` so the register always shows one answer still due, one overdue, one complex pact with
 * its notice open, and one concluded after a renewal with its reports. Histories are walks of
 * @coesione/model's table; the CMS replays them through it on import.
 */
import { addDays, romeInstant, type PactKind, type PactStage } from '@coesione/model';

export interface DemoPact {
  slug: string;
  title: string;
  summary: string;
  commonGood: string;
  kind: PactKind;
  istat: string;
  address: string;
  managingBody: string;
  themes: string[];
  publicProposer: string;
  /** Days before `today` the proposal arrived, then each later stage with the days since the previous one. */
  receivedDaysAgo: number;
  steps: [PactStage, number, string?][];
  parties: { name: string; role: string; organization?: string; commitments: [string, string][] }[];
  provisions: [string, string][];
  milestones?: [string, number, number][];
  reports?: { daysAgo: number; summary: string; indicators: [string, number, string][] }[];
  durationMonths?: number;
}

const care = (what: string): [string, string] => ['cura', what];

export const DEMO_PACTS: DemoPact[] = [
  {
    slug: 'giardino-di-via-trento', title: 'Il giardino di via Trento torna dei vicini', kind: 'ordinario', istat: '002158', address: 'Via Trento 14, Vercelli', managingBody: 'ex-ussl-45-vercelli',
    summary: 'I residenti curano l’aiuola e le panchine del giardino di via Trento, con attrezzi e formazione dal Comune.', commonGood: 'Giardino pubblico di via Trento',
    themes: ['cittadinanza-attiva-beni-comuni', 'agricoltura-sociale-ambiente'], publicProposer: 'Gruppo Vicini di giardino', receivedDaysAgo: 12, steps: [],
    parties: [{ name: 'Gruppo Vicini di giardino', role: 'gruppo_informale', organization: 'gruppo-vicini-di-giardino', commitments: [care('Annaffiatura e pulizia settimanale delle aiuole')] }],
    provisions: [['materiali', 'Attrezzi da giardino e sacchi per il verde']],
  },
  {
    slug: 'biblioteca-di-condominio-santhia', title: 'Una biblioteca di scambio nel cortile delle case popolari', kind: 'ordinario', istat: '002133', address: 'Via Galileo Ferraris 3, Santhià', managingBody: 'cisas-santhia',
    summary: 'Gli inquilini propongono di allestire e gestire uno scaffale di libri in scambio nel locale comune.', commonGood: 'Locale comune del condominio di via Ferraris',
    themes: ['abitare', 'cittadinanza-attiva-beni-comuni'], publicProposer: 'Comitato inquilini di via Ferraris', receivedDaysAgo: 45, steps: [['istruttoria', 6, 'Proposta presa in carico: verifica con l’ente proprietario dei locali.']],
    parties: [{ name: 'Comitato inquilini di via Ferraris', role: 'cittadini', commitments: [['animazione', 'Apertura dello scaffale due pomeriggi a settimana']] }],
    provisions: [['spazi', 'Uso gratuito del locale comune'], ['assicurazione', 'Copertura assicurativa dei volontari']],
  },
  {
    slug: 'ex-lavatoio-di-gattinara', title: 'L’ex lavatoio di Gattinara come spazio di comunità', kind: 'complesso', istat: '002061', address: 'Vicolo del Lavatoio 2, Gattinara', managingBody: 'casa-gattinara',
    summary: 'Recupero e gestione condivisa dell’ex lavatoio comunale: un avviso pubblico raccoglie altre proposte prima della co-progettazione.', commonGood: 'Ex lavatoio comunale',
    themes: ['cittadinanza-attiva-beni-comuni', 'riuso-economia-circolare'], publicProposer: 'APS Bottega del Riuso', receivedDaysAgo: 30,
    steps: [['istruttoria', 4, 'Istruttoria aperta con l’ufficio tecnico.'], ['avviso_pubblico', 20, 'Patto complesso: avviso pubblico per proposte concorrenti o integrative.']],
    parties: [{ name: 'APS Bottega del Riuso', role: 'terzo_settore', organization: 'aps-bottega-del-riuso', commitments: [['manutenzione', 'Piccola manutenzione e apertura del lavatoio'], ['formazione', 'Laboratori di riparazione aperti a tutti']] }],
    provisions: [['spazi', 'Concessione dell’ex lavatoio'], ['contributo', 'Contributo per i materiali fino a 3.000 euro']],
  },
  {
    slug: 'sentiero-dei-alpeggi-valsesia', title: 'La manutenzione condivisa del sentiero degli alpeggi', kind: 'ordinario', istat: '002156', address: 'Località Crosa, Varallo', managingBody: 'unione-montana-valsesia',
    summary: 'Un’associazione di volontari cura la segnaletica e la pulizia del sentiero tra Crosa e gli alpeggi.', commonGood: 'Sentiero comunale Crosa–alpeggi',
    themes: ['mobilita-aree-interne', 'agricoltura-sociale-ambiente'], publicProposer: 'APS Monte Rosa Insieme', receivedDaysAgo: 80,
    steps: [['istruttoria', 5], ['coprogettazione', 15, 'Ammesso: incontri di co-progettazione con l’Unione Montana.']],
    parties: [{ name: 'APS Monte Rosa Insieme', role: 'terzo_settore', organization: 'aps-monte-rosa-insieme', commitments: [['manutenzione', 'Due uscite al mese di pulizia e segnaletica']] }],
    provisions: [['formazione', 'Corso sulla sicurezza nei lavori di manutenzione'], ['assicurazione', 'Polizza per i volontari']],
  },
  {
    slug: 'orto-sociale-di-trino', title: 'Orto sociale alla cascina comunale di Trino', kind: 'ordinario', istat: '002148', address: 'Strada della Cascina 1, Trino', managingBody: 'ex-ussl-45-vercelli',
    summary: 'Coltivazione condivisa con persone seguite dai servizi sociali; il raccolto va all’emporio solidale.', commonGood: 'Terreno della cascina comunale',
    themes: ['agricoltura-sociale-ambiente', 'lavoro-inclusione'], publicProposer: 'Cooperativa Il Ramo Verde', receivedDaysAgo: 200,
    steps: [['istruttoria', 3], ['coprogettazione', 20], ['sottoscritto', 40, 'Patto sottoscritto in Comune.']],
    parties: [{ name: 'Cooperativa Il Ramo Verde', role: 'terzo_settore', organization: 'coop-il-ramo-verde', commitments: [['cura', 'Coltivazione e tutoraggio dei partecipanti']] }, { name: 'Comune di Trino', role: 'amministrazione', commitments: [['risorse', 'Acqua per l’irrigazione']] }],
    provisions: [['spazi', 'Uso del terreno per tre anni'], ['materiali', 'Sementi e attrezzi']], durationMonths: 36,
  },
  {
    slug: 'piazzetta-dei-ragazzi-borgosesia', title: 'La piazzetta dei ragazzi di Borgosesia', kind: 'ordinario', istat: '002016', address: 'Piazza Mazzini, Borgosesia', managingBody: 'unione-montana-valsesia',
    summary: 'I ragazzi del centro giovani decorano e animano la piazzetta con eventi mensili.', commonGood: 'Piazzetta di via Mazzini',
    themes: ['giovani', 'cittadinanza-attiva-beni-comuni'], publicProposer: 'APS Officina Giovani', receivedDaysAgo: 300,
    steps: [['istruttoria', 4], ['coprogettazione', 14], ['sottoscritto', 30], ['in_attuazione', 10, 'Primo evento in piazzetta.']],
    parties: [{ name: 'APS Officina Giovani', role: 'terzo_settore', organization: 'aps-officina-giovani', commitments: [['animazione', 'Un evento al mese'], ['comunicazione', 'Pagina del progetto e locandine']] }],
    provisions: [['materiali', 'Vernici e pannelli'], ['assicurazione', 'Copertura degli eventi']], durationMonths: 12,
    milestones: [['Murale sul muro della scuola', 100, -120], ['Sei eventi in piazzetta', 50, 60], ['Panchine riparate', 0, 120]],
  },
  {
    slug: 'riparazioni-in-biblioteca-crescentino', title: 'Riparazioni in biblioteca a Crescentino', kind: 'ordinario', istat: '002049', address: 'Piazza Caretto 1, Crescentino', managingBody: 'cisas-santhia',
    summary: 'Un sabato al mese volontari e artigiani riparano piccoli elettrodomestici nella sala della biblioteca.', commonGood: 'Sala polivalente della biblioteca civica',
    themes: ['riuso-economia-circolare'], publicProposer: 'ATS Rete Riuso Vercellese', receivedDaysAgo: 420,
    steps: [['istruttoria', 5], ['coprogettazione', 20], ['sottoscritto', 25], ['in_attuazione', 7], ['rendicontazione', 330, 'Rapporto annuale consegnato.']],
    parties: [{ name: 'ATS Rete Riuso Vercellese', role: 'terzo_settore', organization: 'ats-rete-riuso-vercellese', commitments: [['formazione', 'Un laboratorio di riparazione al mese']] }],
    provisions: [['spazi', 'La sala un sabato al mese']], durationMonths: 12,
    reports: [{ daysAgo: 20, summary: 'Undici incontri, oggetti riparati e restituiti ai proprietari, due volontari formati.', indicators: [['Oggetti riparati', 184, 'oggetti'], ['Partecipanti', 230, 'persone']] }],
  },
  {
    slug: 'portineria-di-quartiere-isola', title: 'La portineria di quartiere dell’Isola', kind: 'complesso', istat: '002158', address: 'Corso Prestinari 80, Vercelli', managingBody: 'ex-ussl-45-vercelli',
    summary: 'Un chiosco comunale diventa portineria di quartiere: piccoli servizi, informazioni, compagnia agli anziani. Rinnovato una volta, poi concluso.', commonGood: 'Chiosco di corso Prestinari',
    themes: ['anziani-domiciliarita', 'cittadinanza-attiva-beni-comuni'], publicProposer: 'APS Legami di comunità', receivedDaysAgo: 900,
    steps: [['istruttoria', 5], ['avviso_pubblico', 20, 'Avviso pubblico di 30 giorni.'], ['coprogettazione', 35], ['sottoscritto', 30], ['in_attuazione', 5], ['rendicontazione', 365], ['rinnovato', 20, 'Rinnovato per un anno, con orari estesi.'], ['in_attuazione', 1], ['rendicontazione', 365], ['concluso', 15, 'Il servizio passa alla rete di quartiere.']],
    parties: [{ name: 'APS Legami di comunità', role: 'terzo_settore', organization: 'aps-legami-di-comunita', commitments: [['animazione', 'Apertura della portineria cinque mattine a settimana'], ['cura', 'Telefonate di compagnia agli anziani soli']] }, { name: 'ODV Voci Amiche', role: 'terzo_settore', organization: 'odv-voci-amiche', commitments: [['formazione', 'Formazione dei volontari all’ascolto']] }],
    provisions: [['spazi', 'Il chiosco, con utenze'], ['contributo', 'Contributo annuale di 5.000 euro']], durationMonths: 24,
    milestones: [['Apertura della portineria', 100, -800], ['Rete di 40 famiglie', 100, -400]],
    reports: [
      { daysAgo: 420, summary: 'Primo anno: la portineria è un punto di riferimento per il quartiere.', indicators: [['Richieste accolte', 1240, 'richieste'], ['Anziani contattati', 62, 'persone']] },
      { daysAgo: 40, summary: 'Secondo anno: orari estesi, passaggio alla rete di quartiere.', indicators: [['Richieste accolte', 1610, 'richieste'], ['Volontari attivi', 18, 'persone']] },
    ],
  },
  {
    slug: 'aiuole-della-stazione-santhia', title: 'Le aiuole della stazione di Santhià', kind: 'ordinario', istat: '002133', address: 'Piazza della Stazione, Santhià', managingBody: 'cisas-santhia',
    summary: 'Proposta di cura delle aiuole davanti alla stazione: non ammessa perché l’area non è comunale.', commonGood: 'Aiuole di piazza della Stazione',
    themes: ['agricoltura-sociale-ambiente'], publicProposer: 'Cittadini di Santhià', receivedDaysAgo: 150,
    steps: [['istruttoria', 6], ['non_ammesso', 18, 'Non ammesso: l’area appartiene alle ferrovie; il Comune ha girato la proposta al proprietario.']],
    parties: [], provisions: [],
  },
  {
    slug: 'cortile-della-scuola-cigliano', title: 'Il cortile della scuola aperto d’estate', kind: 'ordinario', istat: '002042', address: 'Via Roma 20, Cigliano', managingBody: 'ex-ussl-45-vercelli',
    summary: 'I genitori proponevano di aprire il cortile della scuola d’estate; la proposta è stata ritirata.', commonGood: 'Cortile della scuola primaria',
    themes: ['famiglie-minori'], publicProposer: 'Comitato genitori', receivedDaysAgo: 120,
    steps: [['istruttoria', 5], ['ritirato', 20, 'Ritirato dai proponenti: il progetto confluisce nel centro estivo comunale.']],
    parties: [], provisions: [],
  },
  {
    slug: 'fontanelle-di-serravalle', title: 'Le fontanelle di Serravalle Sesia', kind: 'ordinario', istat: '002137', address: 'Piazza Gramsci, Serravalle Sesia', managingBody: 'casa-gattinara',
    summary: 'Censimento e pulizia delle fontanelle storiche con le classi della scuola media.', commonGood: 'Fontanelle pubbliche del centro storico',
    themes: ['cittadinanza-attiva-beni-comuni', 'giovani'], publicProposer: 'Scuola media di Serravalle', receivedDaysAgo: 60,
    steps: [['istruttoria', 3], ['coprogettazione', 40, 'Ammesso con qualche giorno di ritardo.']],
    parties: [{ name: 'Scuola media di Serravalle', role: 'scuola', commitments: [['comunicazione', 'Mappa delle fontanelle realizzata dalle classi']] }],
    provisions: [['formazione', 'Un incontro con il servizio idrico']],
  },
  {
    slug: 'emporio-solidale-livorno-ferraris', title: 'Emporio solidale nei locali dell’ex ufficio postale', kind: 'complesso', istat: '002071', address: 'Via Garibaldi 5, Livorno Ferraris', managingBody: 'casa-gattinara',
    summary: 'Un emporio solidale gestito da volontari nei locali comunali dell’ex ufficio postale.', commonGood: 'Locali dell’ex ufficio postale',
    themes: ['poverta-marginalita'], publicProposer: 'Cooperativa Casa Comune', receivedDaysAgo: 260,
    steps: [['istruttoria', 5], ['avviso_pubblico', 15], ['coprogettazione', 32], ['sottoscritto', 40], ['in_attuazione', 10, 'Emporio aperto.']],
    parties: [{ name: 'Cooperativa Casa Comune', role: 'terzo_settore', organization: 'coop-casa-comune', commitments: [['risorse', 'Raccolta e distribuzione dei beni'], ['cura', 'Apertura tre giorni a settimana']] }],
    provisions: [['spazi', 'Locali in comodato d’uso'], ['contributo', 'Utenze a carico del Comune']], durationMonths: 24,
    milestones: [['Allestimento dei locali', 100, -120], ['Cento famiglie servite', 70, 90]],
  },
];

/** The history of a demo pact, from `today` (YYYY-MM-DD), at 10:00 Rome time each day. */
export function demoHistory(pact: DemoPact, today: string) {
  let day = addDays(today, -pact.receivedDaysAgo);
  const at = (d: string) => romeInstant(d, '10:00').toISOString();
  const history = [{ stage: 'proposta' as PactStage, at: at(day), note: null as string | null, role: 'proponente' }];
  for (const [stage, after, note] of pact.steps) {
    day = addDays(day, after);
    history.push({ stage, at: at(day), note: note ?? null, role: 'ufficio' });
  }
  return history;
}
