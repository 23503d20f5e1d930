import { CONTACTS, COST, EDITORIAL_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const opportunity: TypeLayout = {
  mainField: 'title',
  list: ['title', 'kind', 'deadline', 'provider', 'proposedBy', 'updatedAt'],
  sort: ['deadline', 'ASC'],
  edit: [
    ['title'], ['slug', 'kind'], ['summary'], ['body'],
    ['eligibility'], ['howToApply'], ['applyUrl', 'cost'],
    ['opensAt', 'deadline'], ['startDate', 'endDate'],
    ['provider'], ['locations'], ['contacts'],
    ['themes', 'targetGroups'], ['municipalities', 'cover'],
    ['proposedBy', 'verifiedAt'], ['reviewNote', 'returnedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    title: { ...EDITORIAL_FIELDS.title, description: 'Cosa si offre, in poche parole. Es. «Tirocinio in falegnameria sociale a Vercelli»', placeholder: 'Es. Tirocinio in falegnameria sociale a Vercelli' },
    kind: { label: 'Tipo di opportunità', description: 'Lavoro, tirocinio, formazione, volontariato, servizio, contributo, casa o altro. Es. tirocinio' },
    eligibility: { label: 'Requisiti', description: 'Chi può partecipare: età, residenza, documenti. Es. «Dai 18 ai 29 anni, residenti in provincia di Vercelli»', placeholder: 'Chi può partecipare' },
    cost: COST,
    howToApply: { label: 'Come partecipare', description: 'Cosa fare, passo per passo, per candidarsi o iscriversi. Es. «Compila il modulo e invialo entro la scadenza con un documento d’identità»' },
    applyUrl: { label: 'Link per candidarsi', description: 'La pagina del modulo o del bando, se c’è. Es. https://www.comune.vercelli.it/bandi/tirocini', placeholder: 'https://' },
    opensAt: { label: 'Apertura delle candidature', description: 'Dal giorno in cui ci si può candidare. Es. 01/12/2026' },
    deadline: {
      label: 'Scadenza',
      description: 'L’ultimo giorno per candidarsi (vale fino a mezzanotte): dopo, il sito la mostra chiusa. Lascia vuoto se è sempre aperta. Es. 31/01/2027',
    },
    startDate: { label: 'Inizio', description: 'Quando comincia l’attività. Es. 01/02/2027' },
    endDate: { label: 'Fine', description: 'Quando finisce, se ha una fine. Es. 31/07/2027' },
    provider: { label: 'Ente che la offre', description: 'Chi organizza o eroga l’opportunità. Es. Consorzio C.I.S.A.S. Santhià' },
    locations: { label: 'Luoghi', description: 'Dove si svolge (uno o più): indirizzo, comune e coordinate per la mappa. Es. Via Galileo Ferraris 2, Vercelli' },
    contacts: CONTACTS,
  },
};
