/**
 * One user's daily message of the work waiting for them, composed with the platform's template kit: a
 * section per kind of work, each item with the admin link where to act, and a footer that says why the
 * message came and how to stop it. Pure: job.ts gathers the sections and queues the result.
 */
import { compose, type Block } from '../../platform/mail/compose';
import type { Message } from '../../platform/mail';
import type { QueueSection } from './items';
import { italianDay } from './items';

/** The outbox topic of every daily message (never personal). */
export const QUEUE_MAIL_TOPIC = 'queue:daily';

export function queueMessage(to: string, sections: readonly QueueSection[], facts: { adminUrl: string; now: Date }): Message {
  const filled = sections.filter((s) => s.items.length > 0);
  const count = filled.reduce((n, s) => n + s.items.length + s.more, 0);
  const blocks: Block[] = [{ paragraph: `Buongiorno, ecco che cosa ti aspetta oggi, ${italianDay(facts.now.toISOString())}, nel pannello di Coesione.` }];
  for (const section of filled) {
    blocks.push({ heading: section.heading });
    for (const item of section.items) blocks.push({ entry: { title: item.title, url: `${facts.adminUrl}${item.path}`, summary: item.summary, ...(item.note ? { note: item.note } : {}) } });
    if (section.more > 0) blocks.push({ paragraph: `… e altre ${section.more} nel pannello.` });
  }
  return compose({
    to,
    subject: count === 1 ? 'Coesione: 1 attività da fare' : `Coesione: ${count} attività da fare`,
    topic: QUEUE_MAIL_TOPIC,
    blocks,
    footer: [
      { paragraph: 'Ricevi questo messaggio perché nel pannello di Coesione è scelto «Ricevi per e-mail le attività da fare: ogni giorno». Arriva solo nei giorni in cui c’è qualcosa da fare.' },
      { link: `${facts.adminUrl}/`, label: 'Per non riceverlo più, scegli «mai» nel riquadro «E-mail delle attività» della home del pannello' },
    ],
  });
}
