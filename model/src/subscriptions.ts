/**
 * Following a section of the site by e-mail, without an account: what can be followed, with which
 * filters, how often, and the CMS's addresses for it. One contract for the CMS (its form, its checks, its
 * messages) and the site (the «Ricevi aggiornamenti» links that carry a list's filters).
 */
import type { EditorialKey } from './types.js';

/** The sections a person can follow: new entries of each, filtered. */
export const FOLLOWABLE_TYPES = ['opportunity', 'practice', 'workshop', 'training-material', 'regulation'] as const satisfies readonly EditorialKey[];
export type FollowableType = (typeof FOLLOWABLE_TYPES)[number];
export const isFollowable = (value: unknown): value is FollowableType => (FOLLOWABLE_TYPES as readonly unknown[]).includes(value);

/** How often a section's news may come; a followed pact, workshop or deadline is always immediate, the need figures quarterly. */
export const SUBSCRIPTION_FREQUENCIES = ['immediate', 'weekly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number] | 'quarterly';
export const FREQUENCY_LABELS: Record<SubscriptionFrequency, string> = {
  immediate: 'Subito: un messaggio per ogni novità',
  weekly: 'Una volta a settimana: il riepilogo del lunedì',
  quarterly: 'Una volta a trimestre, quando le cifre diventano definitive',
};

/**
 * Besides a section, one thing can be followed: a pact (each change of stage), a workshop (each new
 * session), an opportunity's deadline (a reminder SUBSCRIPTION_REMINDER_DAYS before it closes), or the
 * need figures of a comune or an ambito (each quarter made final). Each by its query parameter, which
 * names the pact, workshop or opportunity by documentId, the area by ISTAT code or ambito slug.
 */
export const SUBSCRIPTION_TOPICS = { pact: 'patto', sessions: 'laboratorio', deadline: 'scadenza', needs: 'cifre' } as const;
export type SubscriptionTopic = keyof typeof SUBSCRIPTION_TOPICS;
export const isSubscriptionTopic = (value: unknown): value is SubscriptionTopic => typeof value === 'string' && value in SUBSCRIPTION_TOPICS;
/** Days before an opportunity's deadline its reminder goes out. */
export const SUBSCRIPTION_REMINDER_DAYS = 3;

/** The link that follows one thing: a pact, a workshop's sessions, a deadline, an area's need figures. */
export const followUrl = (cmsUrl: string, topic: SubscriptionTopic, target: string): string =>
  `${cmsUrl.replace(/\/+$/, '')}${SUBSCRIPTION_ROUTES.form}?${SUBSCRIPTION_TOPICS[topic]}=${encodeURIComponent(target)}`;

/**
 * The filters of a subscription, as the form and the links carry them (the query's names): the section
 * (`tipo`) is required, the rest narrow it. A comune is its ISTAT code; a theme and a target group their
 * slug; `tipologia` an opportunity's kind; `parole` words that must all appear in the title or summary.
 */
export const SUBSCRIPTION_PARAMS = {
  type: 'tipo',
  comune: 'comune',
  theme: 'tema',
  target: 'destinatari',
  kind: 'tipologia',
  words: 'parole',
  frequency: 'frequenza',
  email: 'email',
} as const;

export interface SubscriptionFilters {
  type: FollowableType;
  comune?: string;
  theme?: string;
  target?: string;
  kind?: string;
  words?: string;
}

export const SUBSCRIPTION_LIMITS = { email: 200, words: 80 } as const;

/** The CMS's public pages: the form (GET, with filters in the query) and its post. */
export const SUBSCRIPTION_ROUTES = {
  form: '/api/iscrizioni',
  confirm: '/api/iscrizioni/conferma',
  unsubscribe: '/api/iscrizioni/annulla',
  manage: '/api/iscrizioni/gestisci',
} as const;

/** Days a subscription waits for its confirmation before it is deleted. */
export const SUBSCRIPTION_CONFIRM_DAYS = 7;

/** The «Ricevi aggiornamenti» link of a list: the CMS's form with the list's filters filled in. */
export function subscribeUrl(cmsUrl: string, filters: Partial<SubscriptionFilters>): string {
  const text = (Object.entries(SUBSCRIPTION_PARAMS) as [keyof SubscriptionFilters, string][])
    .filter(([key]) => typeof filters[key] === 'string' && filters[key] !== '')
    .map(([key, name]) => `${name}=${encodeURIComponent(filters[key] as string)}`)
    .join('&');
  return `${cmsUrl.replace(/\/+$/, '')}${SUBSCRIPTION_ROUTES.form}${text ? `?${text}` : ''}`;
}
