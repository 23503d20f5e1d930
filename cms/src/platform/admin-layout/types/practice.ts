import { EDITORIAL_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const practice: TypeLayout = {
  mainField: 'title',
  list: ['title', 'state', 'proposedBy', 'verifiedAt', 'updatedAt'],
  sort: ['updatedAt', 'DESC'],
  edit: [
    ['title'], ['slug', 'state'], ['summary'], ['body'],
    ['promoters', 'evidenceLevel'], ['period'], ['location'],
    ['outcomes'], ['indicators'], ['howToReplicate'], ['lessonsLearned'],
    ['themes', 'targetGroups'], ['municipalities', 'trainingMaterials'], ['cover', 'attachments'],
    ['proposedBy', 'verifiedAt'], ['reviewNote', 'returnedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    state: { label: 'Stato dell’esperienza', description: 'Attiva se si svolge ancora, conclusa se è finita, sperimentale se è una prova. Es. attiva' },
    promoters: { label: 'Enti promotori', description: 'Chi l’ha realizzata o la porta avanti. Es. Cooperativa sociale Il Ponte, Comune di Vercelli' },
    period: { label: 'Periodo', description: 'Quando è iniziata e, se è finita, quando. Es. dal 01/03/2024 al 30/06/2025' },
    location: { label: 'Luogo principale', description: 'Dove si svolge: indirizzo e comune; latitudine e longitudine mettono il punto sulla mappa. Es. Via Roma 12, Santhià' },
    outcomes: { label: 'Risultati', description: 'Cosa è cambiato per le persone, con numeri dove puoi. Es. «32 famiglie coinvolte, 5 persone assunte»' },
    indicators: { label: 'Indicatori', description: 'Le misure dei risultati, una per riga: nome, valore, unità, anno. Es. Persone inserite al lavoro · 5 · persone · 2025' },
    evidenceLevel: {
      label: 'Quanto sono documentati i risultati',
      description: 'Descrittiva (un racconto), monitorata (dati raccolti nel tempo), valutata (valutazione esterna), valutazione controfattuale (confronto con chi non ha partecipato). Es. monitorata',
    },
    howToReplicate: { label: 'Come replicarla', description: 'I passi, le risorse e i partner che servono per rifarla in un altro comune. Es. «Serve un terreno comunale, un tutor e…»' },
    lessonsLearned: { label: 'Cosa abbiamo imparato', description: 'Difficoltà incontrate e consigli per chi ci riprova. Es. «Coinvolgere subito i servizi sociali del comune»' },
  },
};
