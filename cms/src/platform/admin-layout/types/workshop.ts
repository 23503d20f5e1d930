import { COST, EDITORIAL_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const workshop: TypeLayout = {
  mainField: 'title',
  list: ['title', 'format', 'craft', 'organization', 'proposedBy', 'updatedAt'],
  sort: ['updatedAt', 'DESC'],
  edit: [
    ['title'], ['format', 'audience'], ['slug', 'craft'], ['summary'], ['body'],
    ['artisanName', 'organization'], ['artisanBio'],
    ['sessions'], ['capacity', 'certificateSessions'], ['bookingOpens', 'bookingCloses'], ['cost'], ['howToRegister'], ['location'], ['accessibilityNotes'],
    ['themes', 'targetGroups'], ['municipalities', 'cover'],
    ['proposedBy', 'verifiedAt'], ['reviewNote', 'returnedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    title: { ...EDITORIAL_FIELDS.title, description: 'Cosa si impara e dove. Es. «Ciclofficina: ripara la tua bicicletta a Gattinara»', placeholder: 'Es. Ciclofficina a Gattinara' },
    format: { label: 'Tipo', description: 'Laboratorio di riuso e riparazione, o corso di formazione per operatori e Terzo Settore (stessi incontri, posti e attestati). Es. corso' },
    audience: { label: 'Per chi', description: 'A chi si rivolge: un laboratorio di solito a tutti, un corso agli operatori. Es. operatori pubblici e del Terzo Settore' },
    craft: { label: 'Mestiere', description: 'Il mestiere del laboratorio; per un corso, «formazione». Es. riparazione biciclette' },
    artisanName: { label: 'Chi lo conduce', description: 'Il maestro artigiano, o chi insegna nel corso, con il nome con cui vuole comparire sul sito. Es. Franco B.', placeholder: 'Es. Franco B.' },
    artisanBio: { label: 'Chi è', description: 'Due o tre righe sul suo mestiere e la sua esperienza. Es. «Meccanico da 40 anni, insegna a riparare e riusare.»' },
    organization: { label: 'Ente organizzatore', description: 'L’ente del Terzo Settore che organizza il laboratorio. Es. APS La Bottega del Riuso' },
    sessions: { label: 'Incontri', description: 'Un incontro per riga: inizio, fine, nota. Es. 14/01/2027 15:00–18:00, «porta la tua bici»' },
    certificateSessions: { label: 'Incontri per l’attestato', description: 'Quanti incontri bisogna frequentare per ricevere l’attestato di partecipazione (lo rilasci dal riquadro «Prenotazioni»). Vuoto: nessun attestato. Es. 3', placeholder: 'Es. 3' },
    capacity: { label: 'Posti disponibili', description: 'Quante persone al massimo per incontro. Con i posti indicati, ogni incontro futuro si prenota dal sito (con lista d’attesa); senza, vale «Come iscriversi». Es. 12', placeholder: 'Es. 12' },
    bookingOpens: { label: 'Prenotazioni dal', description: 'Da quando si prenota dal sito. Vuoto: da subito. Es. 07/01/2027 09:00' },
    bookingCloses: { label: 'Prenotazioni fino al', description: 'Fino a quando si prenota dal sito; in ogni caso un incontro non si prenota più quando è cominciato. Vuoto: fino all’inizio di ogni incontro. Es. 13/01/2027 18:00' },
    cost: COST,
    howToRegister: { label: 'Come iscriversi', description: 'Cosa fare per partecipare. Es. «Telefona al 0161 000000 dal lunedì al venerdì»' },
    location: { label: 'Sede', description: 'Dove si svolge: indirizzo, comune, coordinate per la mappa. Es. Via Roma 5, Gattinara' },
    accessibilityNotes: { label: 'Accessibilità della sede', description: 'Gradini, ascensore, bagno accessibile, parcheggio. Es. «Ingresso senza gradini, bagno accessibile al piano terra»' },
  },
};
