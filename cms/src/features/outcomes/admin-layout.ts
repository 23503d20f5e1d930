import type { TypeLayout } from '../../platform/admin-layout/declare';

const count = (label: string, description: string) => ({ label, description, placeholder: 'Es. 0' });

export const workshopOutcome: TypeLayout = {
  mainField: 'label',
  list: ['label', 'participants', 'itemsRepaired', 'updatedAt'],
  sort: ['cycleEnd', 'DESC'],
  edit: [
    ['workshop'], ['cycleStart', 'cycleEnd'],
    ['participants', 'fragileParticipants'], ['placements'], ['newVolunteers', 'newArtisans'], ['itemsRepaired', 'kgReused'],
    ['note'], ['label'],
  ],
  fields: {
    workshop: { label: 'Laboratorio', description: 'Il laboratorio o corso di cui riporti i risultati (il tuo ente lo organizza). Es. Ciclofficina a Gattinara' },
    cycleStart: { label: 'Inizio del ciclo', description: 'Il giorno del primo incontro del ciclo. Es. 14/01/2027' },
    cycleEnd: { label: 'Fine del ciclo', description: 'Il giorno dell’ultimo incontro. Es. 25/03/2027' },
    participants: count('Persone che hanno partecipato', 'Quante persone diverse hanno frequentato almeno un incontro. Si pubblica soltanto da 5 in su. Es. 14'),
    fragileParticipants: count('di cui in situazione di fragilità', 'Quante tra loro seguite dai servizi o in una situazione di fragilità (un numero, nessun nome). Es. 6'),
    placements: count('Tirocini o lavori avviati entro 6 mesi', 'Quante persone del ciclo hanno cominciato un tirocinio o un lavoro entro 6 mesi dalla fine. Es. 2'),
    newVolunteers: count('Nuovi volontari', 'Persone diventate volontarie dell’ente o del laboratorio. Es. 3'),
    newArtisans: count('Nuovi artigiani', 'Persone che hanno aperto un’attività o sono entrate in bottega come artigiani. Es. 1'),
    itemsRepaired: count('Oggetti riparati o riusati', 'Quanti oggetti sono stati riparati o riusati nel ciclo. Es. 48'),
    kgReused: count('Chili di materiale riusato', 'Il peso approssimato di ciò che è stato riparato o riusato, in kg. Es. 120,5'),
    label: { label: 'Nome della scheda', description: 'Scritto dal sistema: laboratorio e periodo del ciclo. Es. Ciclofficina a Gattinara (2026-01-12 – 2026-03-30)', readOnly: true },
    note: { label: 'Nota per la redazione', description: 'Cosa spiega i numeri (non si pubblica). Es. «Due partecipanti si sono trasferiti»' },
  },
};
