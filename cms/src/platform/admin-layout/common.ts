/** Texts of the fields many types share; a type's own file may override any of them with its own example. */
import type { FieldText } from './declare';

/** Fields Strapi adds to every type. */
export const SYSTEM_FIELDS: Record<string, FieldText> = {
  id: { label: 'Numero' },
  documentId: { label: 'Codice della scheda' },
  createdAt: { label: 'Creata il' },
  updatedAt: { label: 'Modificata il' },
  publishedAt: { label: 'Pubblicata il' },
  createdBy: { label: 'Creata da' },
  updatedBy: { label: 'Modificata da' },
  locale: { label: 'Lingua' },
  localizations: { label: 'Altre lingue' },
  status: { label: 'Stato' },
};

/** The fields every editorial type has (DESIGN.md, "Content model"). */
export const EDITORIAL_FIELDS: Record<string, FieldText> = {
  title: {
    label: 'Titolo',
    description: 'Il nome con cui la scheda appare sul sito e nelle ricerche: breve e concreto. Es. «Orti condivisi per famiglie a Santhià»',
    placeholder: 'Es. Orti condivisi per famiglie a Santhià',
  },
  slug: {
    label: 'Indirizzo della pagina',
    description: 'Parte finale dell’indirizzo web. Si ricava dal titolo quando salvi (senza accenti né spazi): cambialo solo se serve. Es. orti-condivisi-per-famiglie-a-santhia',
    placeholder: 'Si compila dal titolo',
  },
  summary: {
    label: 'Sintesi (max 300 caratteri)',
    description: 'Cosa, per chi, dove, in due righe: appare negli elenchi e nei risultati di ricerca. Es. «Orti gratuiti per famiglie con ISEE basso a Santhià, con un tutor agronomo il sabato mattina.»',
    placeholder: 'Cosa, per chi, dove',
  },
  body: {
    label: 'Descrizione',
    description: 'Il testo completo: contesto, attività, come funziona. Per i testi lunghi usa titoletti ed elenchi puntati. Es. «Il progetto nasce nel 2023 da…»',
  },
  themes: { label: 'Aree tematiche', description: 'Una o più aree di cui si occupa. Es. Abitare, Lavoro e inclusione' },
  targetGroups: { label: 'Destinatari', description: 'A chi si rivolge. Es. Famiglie con minori, Persone senza lavoro' },
  municipalities: { label: 'Comuni', description: 'I comuni in cui si svolge o ai cui abitanti si rivolge. Es. Vercelli, Santhià' },
  cover: {
    label: 'Immagine di copertina',
    description: 'Una foto orizzontale, larga almeno 1200 pixel; nella libreria scrivi il testo alternativo (cosa si vede). Es. volontari al lavoro nell’orto',
  },
  proposedBy: {
    label: 'Proposta da (ente partner)',
    description: 'L’ente del Terzo Settore che ha proposto la scheda: lo imposta il sistema dall’account del partner, non è pubblico. Es. APS La Bottega del Riuso',
  },
  reviewNote: {
    label: 'Nota della redazione',
    description: 'Cosa correggere o aggiungere prima della pubblicazione: la scrive la redazione con «Rimanda all’ente con una nota». Es. «Aggiungete i risultati del 2025 e un contatto.»',
    readOnly: true,
  },
  returnedAt: {
    label: 'Rimandata all’ente il',
    description: 'Quando la redazione ha rimandato la bozza all’ente; si azzera appena l’ente la modifica. Es. 20/11/2026 10:00',
    readOnly: true,
  },
  verifiedAt: {
    label: 'Verificato il',
    description: 'L’ultimo giorno in cui qualcuno ha controllato che le informazioni sono ancora vere: dopo 12 mesi la scheda torna tra quelle da verificare. Es. 15/11/2026',
  },
  attachments: { label: 'Allegati', description: 'Documenti da scaricare (PDF, fogli di calcolo). Es. il rapporto finale del progetto' },
  trainingMaterials: { label: 'Materiali formativi collegati', description: 'Guide, corsi o schede che ne parlano. Es. «Guida alla co-progettazione»' },
};

/** Reverse sides of relations (the reference types list what points at them). */
export const LINKED_FIELDS: Record<string, FieldText> = {
  practices: { label: 'Buone prassi collegate', description: 'Le buone prassi che indicano questa voce: si collegano dalla scheda della buona prassi. Es. «Orti condivisi»' },
  opportunities: { label: 'Opportunità collegate', description: 'Le opportunità che indicano questa voce: si collegano dalla scheda dell’opportunità. Es. «Tirocinio in falegnameria»' },
  regulations: { label: 'Normativa collegata', description: 'Gli atti che indicano questa voce: si collegano dalla scheda dell’atto. Es. «L.R. 1/2004»' },
  trainingMaterials: { label: 'Materiali formativi collegati', description: 'I materiali che indicano questa voce: si collegano dalla scheda del materiale. Es. «Guida ai patti»' },
  workshops: { label: 'Laboratori collegati', description: 'I laboratori che indicano questa voce: si collegano dalla scheda del laboratorio. Es. «Ciclofficina»' },
  organizations: { label: 'Enti collegati', description: 'Gli enti che indicano questa voce: si collegano dalla scheda dell’ente. Es. «Cooperativa Il Ponte»' },
};

export const CONTACTS: FieldText = { label: 'Contatti', description: 'Chi risponde alle domande: nome, e-mail, telefono, orari. Es. Sportello lavoro, lun–ven 9–12' };
export const COST: FieldText = { label: 'Costo', description: 'Quanto costa a chi partecipa; scrivi «Gratuito» se non costa nulla. Es. Gratuito · 10 € a incontro', placeholder: 'Es. Gratuito' };
