/**
 * The messages a booking sends, in Italian, through the mail kit (plain text and the same in simple HTML, no
 * tracking): confirmed, on the waiting list, a seat offered from the list, cancelled, an offer run out, the
 * reminder the day before. Each carries the personal link; none carries more about the person than their name.
 */
import type { Message } from '../../platform/mail';
import { compose } from '../../platform/mail/compose';

export type BookingTopic = 'confirmed' | 'waiting' | 'offered' | 'cancelled' | 'expired' | 'reminder' | 'session-cancelled';

export interface MessageFacts {
  to: string;
  name: string;
  title: string;
  start: string;
  seats: number;
  code: string;
  link: string;
  heldUntil?: string;
}

const when = (iso: string) => new Date(iso).toLocaleString('it-IT', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });
const seats = (n: number) => (n === 1 ? '1 posto' : `${n} posti`);

function lines(topic: BookingTopic, f: MessageFacts): { subject: string; body: string[] } {
  const session = `«${f.title}», ${when(f.start)}`;
  switch (topic) {
    case 'confirmed':
      return { subject: `Prenotazione confermata: ${f.title}`, body: [`hai ${seats(f.seats)} a ${session}.`, `Il tuo codice, da mostrare all'ingresso, è ${f.code}.`] };
    case 'waiting':
      return { subject: `In lista d'attesa: ${f.title}`, body: [`l'incontro ${session} è completo: sei in lista d'attesa per ${seats(f.seats)}.`, 'Se si libera un posto ti scriviamo: avrai un tempo per confermarlo.'] };
    case 'offered':
      return { subject: `Si è liberato un posto: ${f.title}`, body: [`si è liberato un posto a ${session}.`, `Confermalo entro ${when(f.heldUntil ?? f.start)} dalla pagina della prenotazione; poi passa al successivo in lista.`] };
    case 'cancelled':
      return { subject: `Prenotazione annullata: ${f.title}`, body: [`la tua prenotazione a ${session} è annullata.`, 'Grazie di averlo detto: il posto passa a chi aspetta.'] };
    case 'session-cancelled':
      return { subject: `Incontro annullato: ${f.title}`, body: [`ci dispiace: l'incontro ${session} è stato annullato dall'organizzatore, e la tua prenotazione con esso.`, 'Trovi le altre date sulla pagina del laboratorio.'] };
    case 'reminder':
      return { subject: `Domani: ${f.title}`, body: [`ti ricordiamo che domani hai ${seats(f.seats)} a ${session}.`, `Il tuo codice, da mostrare all'ingresso, è ${f.code}. Se non puoi venire, annulla dal link qui sotto: il posto passa a chi aspetta.`] };
    case 'expired':
      return { subject: `Posto non confermato: ${f.title}`, body: [`il posto offerto a ${session} non è stato confermato in tempo ed è passato al successivo in lista.`, 'Puoi prenotare di nuovo dalla pagina del laboratorio.'] };
  }
}

export function bookingMessage(topic: BookingTopic, facts: MessageFacts): Message {
  const { subject, body } = lines(topic, facts);
  return compose({
    to: facts.to,
    subject,
    topic: `booking:${topic}`,
    blocks: [{ paragraph: `Ciao ${facts.name},` }, ...body.map((paragraph) => ({ paragraph })), { link: facts.link, label: 'La tua prenotazione (per vederla o annullarla)' }],
  });
}
