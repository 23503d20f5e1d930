import type { TypeLayout } from '../../platform/admin-layout/declare';

/**
 * A booking, as the office reads it: read-only here, because a booking changes only through its rules
 * (the seats counted once, the waiting list promoted in order): the person's link or the organiser's actions.
 */
export const booking: TypeLayout = {
  mainField: 'code',
  list: ['code', 'state', 'workshopTitle', 'sessionStart', 'seats', 'name', 'attendedAt'],
  sort: ['sessionStart', 'ASC'],
  edit: [['code', 'state'], ['workshopTitle', 'sessionStart'], ['seats', 'heldUntil'], ['name'], ['email', 'phone'], ['accessibility'], ['attendedAt', 'cancelledAt'], ['remindedAt'], ['workshopDocumentId', 'sessionKey'], ['linkNonce', 'contactHash']],
  fields: {
    code: { label: 'Codice', description: 'Il codice che la persona mostra all’ingresso. Es. K7M2QX', readOnly: true },
    state: { label: 'Stato', description: 'Confermata, in lista d’attesa, posto offerto da confermare, annullata o offerta scaduta. Es. Confermata', readOnly: true },
    workshopTitle: { label: 'Laboratorio', description: 'Il titolo del laboratorio al momento della prenotazione. Es. La tua bici in ordine', readOnly: true },
    workshopDocumentId: { label: 'Laboratorio (codice)', description: 'Il codice interno del laboratorio. Es. k3j2…', readOnly: true },
    sessionStart: { label: 'Incontro', description: 'Data e ora dell’incontro prenotato. Es. 12/01/2027 17:30', readOnly: true },
    sessionKey: { label: 'Incontro (codice)', description: 'Il codice interno dell’incontro: laboratorio e ora di inizio. Es. k3j2…@2027-01-12T16:30:00.000Z', readOnly: true },
    seats: { label: 'Posti', description: 'Quanti posti occupa la prenotazione (una famiglia conta i suoi). Es. 2', readOnly: true },
    name: { label: 'Nome e cognome (riservato)', description: 'Di chi partecipa: non compare mai sul sito. Es. Maria Rossi', readOnly: true },
    email: { label: 'E-mail (riservata)', description: 'Per gli avvisi sulla prenotazione: non compare mai sul sito. Es. nome@example.org', readOnly: true },
    phone: { label: 'Telefono (riservato)', description: 'Per gli avvisi sulla prenotazione: non compare mai sul sito. Es. 0161 123456', readOnly: true },
    accessibility: { label: 'Esigenze di accessibilità', description: 'Quello che la persona ha chiesto per partecipare. Es. «Arrivo in sedia a rotelle»', readOnly: true },
    heldUntil: { label: 'Posto riservato fino a', description: 'Per un posto offerto dalla lista d’attesa: entro quando confermarlo. Es. 14/01/2027 10:00', readOnly: true },
    attendedAt: { label: 'Presente il', description: 'Quando è stata segnata la presenza, con il codice mostrato all’ingresso. Es. 12/01/2027 17:35', readOnly: true },
    remindedAt: { label: 'Promemoria inviato il', description: 'Il promemoria del giorno prima, se la persona ha lasciato l’e-mail. Es. 11/01/2027 09:00', readOnly: true },
    cancelledAt: { label: 'Annullata il', description: 'Quando la prenotazione è stata annullata. Es. 10/01/2027 09:12', readOnly: true },
    // Keyed hashes the server compares: nobody reads them.
    linkNonce: { label: 'Parte pubblica del link personale', description: 'Da sola non apre la prenotazione: il link vero lo conosce soltanto la persona. Es. q3Jx…', readOnly: true, hidden: true },
    contactHash: { label: 'Impronta del contatto', description: 'Serve a riconoscere una seconda prenotazione della stessa persona, senza rileggere il contatto. Es. 9f2c…', readOnly: true, hidden: true },
  },
};
