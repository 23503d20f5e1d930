/**
 * Following one thing rather than a section: a pact (each change of stage), a workshop (each new
 * session), an opportunity's deadline (a reminder before it closes), an area's need figures (each quarter
 * made final). `readTopic` finds which one a form or link names and checks that it exists and is published;
 * its Italian label is stored with the subscription, so the messages and the manage page need no lookup.
 */
import type { Core } from '@strapi/strapi';
import { AMBITI, openOn, SUBSCRIPTION_TOPICS, uidOf, type SubscriptionTopic } from '@coesione/model';

export interface TopicFilters {
  topic: SubscriptionTopic;
  /** The pact's, workshop's or opportunity's documentId; the comune's ISTAT code or the ambito's slug. */
  target: string;
  /** «il patto «Orti condivisi»»: how the messages and the manage page name it. */
  label: string;
}

const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });

async function published(strapi: Core.Strapi, type: 'pact' | 'workshop' | 'opportunity', documentId: string, fields: string[]) {
  if (!/^[a-z0-9]{1,40}$/.test(documentId)) return null;
  return (await strapi.documents(uidOf(type) as never).findOne({ documentId, status: 'published', locale: 'it', fields } as never)) as Record<string, string | null> | null;
}

/** The topic a form or link names, checked; undefined when it names none (a section then). */
export async function readTopic(strapi: Core.Strapi, input: Record<string, unknown>, now: Date): Promise<{ filters?: TopicFilters; error?: string } | undefined> {
  const entry = (Object.entries(SUBSCRIPTION_TOPICS) as [SubscriptionTopic, string][]).find(([, param]) => typeof input[param] === 'string' && input[param] !== '');
  if (!entry) return undefined;
  const [topic, param] = entry;
  const target = String(input[param]).trim();
  switch (topic) {
    case 'pact': {
      const pact = await published(strapi, 'pact', target, ['title']);
      return pact ? { filters: { topic, target, label: `il patto «${pact.title}»` } } : { error: 'Il patto indicato non è pubblicato: aprilo dal registro dei patti e segui il link da lì.' };
    }
    case 'sessions': {
      const workshop = await published(strapi, 'workshop', target, ['title']);
      return workshop ? { filters: { topic, target, label: `i nuovi incontri del laboratorio «${workshop.title}»` } } : { error: 'Il laboratorio indicato non è pubblicato: aprilo dalla pagina dei laboratori e segui il link da lì.' };
    }
    case 'deadline': {
      const opportunity = await published(strapi, 'opportunity', target, ['title', 'deadline']);
      if (!opportunity) return { error: 'L’opportunità indicata non è pubblicata.' };
      if (!opportunity.deadline) return { error: `«${opportunity.title}» non ha una scadenza: non c’è nulla da ricordare.` };
      if (!openOn(opportunity.deadline, now)) return { error: `«${opportunity.title}» è già scaduta il ${day(opportunity.deadline)}.` };
      return { filters: { topic, target, label: `la scadenza di «${opportunity.title}» (${day(opportunity.deadline)})` } };
    }
    case 'needs': {
      const ambito = AMBITI.find((a) => a.slug === target);
      if (ambito) return { filters: { topic, target, label: `le cifre dei bisogni dell’${ambito.name}` } };
      const comune = (await strapi.db.query(uidOf('municipality')).findOne({ where: { istatCode: target }, select: ['name'] })) as { name: string } | null;
      return comune ? { filters: { topic, target, label: `le cifre dei bisogni di ${comune.name}` } } : { error: 'Il comune o l’ambito indicato non è nel distretto.' };
    }
  }
}
