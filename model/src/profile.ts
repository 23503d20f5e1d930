/**
 * «Il mio profilo di opportunità» (the site's /per-te/): the questions a citizen answers about themself, how the answers
 * are read from a query, the catalogue of published entries they are matched against, and the one function
 * that picks what fits and says why, in Italian.
 *
 * Two places run it on the same catalogue: the page, in the browser, on the JSON file the site's build writes
 * (the answers never leave the browser); and the CMS's page for browsers without JavaScript (GET /api/per-te),
 * on the catalogue it reads from its published content. Same function, same fields: the same results.
 *
 * The situations and age bands name the district's target groups and themes by slug (the vocabularies of
 * scripts/seed-data, which the redazione keeps): a slug the CMS no longer has simply matches nothing.
 */
import { openOn, romeDay, ZONE } from './time.js';
import { pageUrl, TYPES, type EditorialKey } from './types.js';
import type { SubscriptionFilters } from './subscriptions.js';

// ── The questions ──────────────────────────────────────────────────────────────────────────────────────

/** The query's names, as the page's form and the CMS's page carry them. */
export const PROFILE_PARAMS = { comune: 'comune', age: 'eta', situation: 'situazione', interest: 'tema' } as const;

/** The site's page, the catalogue its build writes, and the CMS's page for browsers without JavaScript. */
export const PROFILE_ROUTES = { page: '/per-te/', catalogue: '/per-te/catalogo.json', cms: '/api/per-te' } as const;

/** The page's title and its questions' words, the same on the site's form and on the CMS's. */
export const PROFILE_LABELS = {
  title: 'Il mio profilo di opportunità',
  comune: 'Il tuo comune',
  anyComune: 'Nessun comune in particolare',
  age: 'La tua età',
  anyAge: 'Preferisco non dirlo',
  situation: 'La tua situazione',
  situationHint: 'Puoi sceglierne più di una, o nessuna.',
  interest: 'Che cosa ti interessa',
  submit: 'Mostra cosa c’è per te',
} as const;

export interface ProfileAge {
  /** The form's label. */
  label: string;
  /** The reason line's words: «Per chi ha tra 18 e 29 anni». */
  who: string;
  /** The target groups of people of this age. */
  targets: readonly string[];
}

export const PROFILE_AGES = {
  'meno-di-18': { label: 'Meno di 18 anni', who: 'chi ha meno di 18 anni', targets: ['minori-adolescenti', 'giovani-neet'] },
  '18-29': { label: 'Da 18 a 29 anni', who: 'chi ha tra 18 e 29 anni', targets: ['giovani-neet'] },
  '30-64': { label: 'Da 30 a 64 anni', who: 'chi ha tra 30 e 64 anni', targets: [] },
  '65-e-oltre': { label: '65 anni e oltre', who: 'chi ha 65 anni o più', targets: ['anziani'] },
} as const satisfies Record<string, ProfileAge>;
export type ProfileAgeCode = keyof typeof PROFILE_AGES;
export const PROFILE_AGE_CODES = Object.keys(PROFILE_AGES) as ProfileAgeCode[];

/**
 * Target groups that name an age. An entry meant only for them is left out for a person of another age
 * (a course for teenagers is not shown to someone of 70); one that also names other people is kept.
 */
export const PROFILE_AGE_TARGETS: readonly string[] = ['minori-adolescenti', 'giovani-neet', 'anziani'];

/** Target groups of professionals and organisations: an entry meant only for them is not for a citizen. */
export const PROFILE_PROFESSIONAL_TARGETS: readonly string[] = ['operatori-sociali', 'enti-terzo-settore'];

export interface ProfileSituation {
  label: string;
  /** The reason line's words: «Per chi cerca lavoro». */
  who: string;
  /** An entry for one of these target groups fits the situation. */
  targets: readonly string[];
  /** So does one in one of these themes (not a regulation: a norm gives rights to the people it names). */
  themes: readonly string[];
  /** And an opportunity of one of these kinds. */
  kinds: readonly string[];
}

export const PROFILE_SITUATIONS = {
  studio: { label: 'Studio', who: 'chi studia', targets: ['minori-adolescenti'], themes: ['giovani'], kinds: ['formazione', 'tirocinio'] },
  lavoro: { label: 'Cerco lavoro', who: 'chi cerca lavoro', targets: ['persone-disoccupate', 'giovani-neet'], themes: ['lavoro-inclusione'], kinds: ['lavoro', 'tirocinio'] },
  cura: { label: 'Mi prendo cura di una persona cara', who: 'chi si prende cura di una persona cara', targets: ['caregiver-familiari'], themes: [], kinds: [] },
  disabilita: { label: 'Ho una disabilità', who: 'persone con disabilità', targets: ['persone-con-disabilita'], themes: ['disabilita'], kinds: [] },
  'arrivo-recente': { label: 'Sono arrivata o arrivato da poco in Italia', who: 'chi è arrivato da poco in Italia', targets: ['persone-migranti'], themes: ['migrazioni-intercultura'], kinds: [] },
  'over-65': { label: 'Ho più di 65 anni', who: 'chi ha più di 65 anni', targets: ['anziani'], themes: ['anziani-domiciliarita'], kinds: [] },
} as const satisfies Record<string, ProfileSituation>;
export type ProfileSituationCode = keyof typeof PROFILE_SITUATIONS;
export const PROFILE_SITUATION_CODES = Object.keys(PROFILE_SITUATIONS) as ProfileSituationCode[];

/** Every target group and theme slug the questions name (scripts' seed test checks the vocabularies have them). */
export const PROFILE_VOCABULARY = {
  targets: [...new Set([...Object.values(PROFILE_AGES).flatMap((a) => a.targets), ...Object.values(PROFILE_SITUATIONS).flatMap((s) => s.targets), ...PROFILE_AGE_TARGETS, ...PROFILE_PROFESSIONAL_TARGETS])].sort(),
  themes: [...new Set(Object.values(PROFILE_SITUATIONS).flatMap((s) => s.themes))].sort(),
};

// ── The catalogue ──────────────────────────────────────────────────────────────────────────────────────

/** The types a person may be shown, in the order of the result's groups; organisations only as places. */
export const PROFILE_TYPES = ['opportunity', 'workshop', 'training-material', 'practice', 'regulation', 'organization'] as const satisfies readonly EditorialKey[];
export type ProfileType = (typeof PROFILE_TYPES)[number];

export interface ProfilePlace {
  lat: number;
  lon: number;
  address: string;
}

/** One published entry, reduced to what matching reads and the result shows. */
export interface ProfileEntry {
  type: ProfileType;
  title: string;
  /** The page on the site, from its root (`/opportunita/<slug>/`). */
  url: string;
  summary: string;
  /** Slugs. */
  themes: string[];
  targets: string[];
  /** ISTAT codes of the comuni it is for; none means the whole district. */
  comuni: string[];
  /** An opportunity's kind (lavoro, tirocinio, …); null for the other types. */
  kind: string | null;
  /**
   * The last day it is open to someone (YYYY-MM-DD, Rome): an opportunity's deadline, a workshop's last
   * session; null when it does not close.
   */
  deadline: string | null;
  places: ProfilePlace[];
}

export interface ProfileComune {
  istat: string;
  name: string;
  lat: number;
  lon: number;
}

export interface ProfileTheme {
  slug: string;
  name: string;
}

export interface ProfileCatalogue {
  comuni: ProfileComune[];
  themes: ProfileTheme[];
  entries: ProfileEntry[];
}

/** A place as the CMS's public read and the site's collections both give it. */
export interface ProfileSourcePlace {
  address: string;
  latitude: number | string | null;
  longitude: number | string | null;
}

/** A published entry as the CMS's public read and the site's collections both give it (the populate of platform/populate.ts). */
export interface ProfileSource {
  slug: string;
  title?: string | null | undefined;
  name?: string | null | undefined;
  summary?: string | null | undefined;
  themes?: readonly { slug: string }[] | null | undefined;
  targetGroups?: readonly { slug: string }[] | null | undefined;
  municipalities?: readonly { istatCode: string }[] | null | undefined;
  kind?: string | null | undefined;
  deadline?: string | null | undefined;
  audience?: string | null | undefined;
  state?: string | null | undefined;
  validity?: string | null | undefined;
  sessions?: readonly { start: string; cancelled?: boolean | null | undefined }[] | null | undefined;
  location?: ProfileSourcePlace | null | undefined;
  locations?: readonly ProfileSourcePlace[] | null | undefined;
  sites?: readonly ProfileSourcePlace[] | null | undefined;
}

export interface ProfileComuneSource {
  istatCode: string;
  name: string;
  latitude: number | string | null;
  longitude: number | string | null;
}

const coordinate = (value: number | string | null | undefined): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/**
 * The catalogue's record of an entry, or undefined for one that is never for a citizen whatever the day:
 * a practice that ended, a repealed norm, a workshop for operators or with no session, a training material
 * for operators or organisations. Whether it is still open is decided when matching (profileMatches' `now`).
 */
export function profileEntry(type: ProfileType, data: ProfileSource): ProfileEntry | undefined {
  if (type === 'practice' && data.state === 'conclusa') return undefined;
  if (type === 'regulation' && data.validity === 'abrogata') return undefined;
  if (type === 'workshop' && (data.audience ?? 'tutti') !== 'tutti') return undefined;
  if (type === 'training-material' && data.audience !== 'cittadini') return undefined;
  let deadline = type === 'opportunity' ? (data.deadline ?? null) : null;
  if (type === 'workshop') {
    const starts = (data.sessions ?? []).filter((s) => !s.cancelled).map((s) => s.start).sort();
    const last = starts[starts.length - 1];
    if (!last) return undefined;
    deadline = romeDay(new Date(last));
  }
  const sources = [...(data.location ? [data.location] : []), ...(data.locations ?? []), ...(data.sites ?? [])];
  const places = sources.flatMap((p): ProfilePlace[] => {
    const lat = coordinate(p.latitude);
    const lon = coordinate(p.longitude);
    return lat === undefined || lon === undefined ? [] : [{ lat, lon, address: p.address }];
  });
  return {
    type,
    title: data.title ?? data.name ?? data.slug,
    url: pageUrl(type, data.slug),
    summary: data.summary ?? '',
    themes: (data.themes ?? []).map((t) => t.slug),
    targets: (data.targetGroups ?? []).map((t) => t.slug),
    comuni: (data.municipalities ?? []).map((m) => m.istatCode),
    kind: type === 'opportunity' ? (data.kind ?? null) : null,
    deadline: deadline ? deadline.slice(0, 10) : null,
    places,
  };
}

const italian = new Intl.Collator('it');

/** The whole catalogue from the published entries of each type, the comuni and the themes: the site's build and the CMS call this alike. */
export function profileCatalogue(source: { comuni: readonly ProfileComuneSource[]; themes: readonly ProfileTheme[]; entries: Partial<Record<ProfileType, readonly ProfileSource[]>> }): ProfileCatalogue {
  const comuni = source.comuni.flatMap((c): ProfileComune[] => {
    const lat = coordinate(c.latitude);
    const lon = coordinate(c.longitude);
    return lat === undefined || lon === undefined ? [] : [{ istat: c.istatCode, name: c.name, lat, lon }];
  });
  return {
    comuni: comuni.sort((a, b) => italian.compare(a.name, b.name)),
    themes: source.themes.map((t) => ({ slug: t.slug, name: t.name })).sort((a, b) => italian.compare(a.name, b.name)),
    entries: PROFILE_TYPES.flatMap((type) => (source.entries[type] ?? []).flatMap((data) => profileEntry(type, data) ?? [])),
  };
}

// ── Reading the answers ────────────────────────────────────────────────────────────────────────────────

export interface ProfileAnswers {
  /** An ISTAT code; null for the whole district. */
  comune: string | null;
  age: ProfileAgeCode | null;
  situations: ProfileSituationCode[];
  /** Theme slugs. */
  interests: string[];
}

export const NO_PROFILE_ANSWERS: ProfileAnswers = { comune: null, age: null, situations: [], interests: [] };

/** A query's values of one name: a string, repeated names as an array (Koa, URLSearchParams). */
const valuesOf = (value: unknown): string[] => {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  // Bounded: no form sends more values than it has boxes, and a made-up query must not cost more than one.
  return [...new Set(list.slice(0, 100).filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean))];
};
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * The answers a query holds (the form's names, PROFILE_PARAMS), each checked against what exists; what
 * does not exist is left out, and each value left out gets an Italian sentence saying so.
 */
export function readProfileAnswers(query: Record<string, unknown>, catalogue: Pick<ProfileCatalogue, 'comuni' | 'themes'>): { answers: ProfileAnswers; problems: string[] } {
  const problems: string[] = [];
  const answers: ProfileAnswers = { comune: null, age: null, situations: [], interests: [] };

  const comuni = valuesOf(query[PROFILE_PARAMS.comune]);
  for (const code of comuni) {
    if (!catalogue.comuni.some((c) => c.istat === code)) problems.push(`Il comune con codice «${shown(code)}» non è tra i comuni del distretto: non ne abbiamo tenuto conto.`);
    else if (answers.comune) problems.push('Si sceglie un solo comune: abbiamo tenuto il primo.');
    else answers.comune = code;
  }
  for (const age of valuesOf(query[PROFILE_PARAMS.age])) {
    if (!(PROFILE_AGE_CODES as string[]).includes(age)) problems.push(`La fascia d’età «${shown(age)}» non è tra quelle proposte: non ne abbiamo tenuto conto.`);
    else if (answers.age) problems.push('Si sceglie una sola fascia d’età: abbiamo tenuto la prima.');
    else answers.age = age as ProfileAgeCode;
  }
  for (const situation of valuesOf(query[PROFILE_PARAMS.situation])) {
    if ((PROFILE_SITUATION_CODES as string[]).includes(situation)) answers.situations.push(situation as ProfileSituationCode);
    else problems.push(`La situazione «${shown(situation)}» non è tra quelle proposte: non ne abbiamo tenuto conto.`);
  }
  for (const theme of valuesOf(query[PROFILE_PARAMS.interest])) {
    if (catalogue.themes.some((t) => t.slug === theme)) answers.interests.push(theme);
    else problems.push(`L’area tematica «${shown(theme)}» non esiste: non ne abbiamo tenuto conto.`);
  }
  // The form's order, whatever the query's: the same answers read the same.
  answers.situations.sort((a, b) => PROFILE_SITUATION_CODES.indexOf(a) - PROFILE_SITUATION_CODES.indexOf(b));
  answers.interests.sort((a, b) => catalogue.themes.findIndex((t) => t.slug === a) - catalogue.themes.findIndex((t) => t.slug === b));
  return { answers, problems };
}

/**
 * The profile followed by e-mail: new opportunities in the comune, for the first situation's people (or,
 * without a situation, in the first interest's theme). One subscription narrows by all its filters, so it
 * takes one of them: the profile's answers widen rather than narrow.
 */
export function profileSubscription(answers: ProfileAnswers): Partial<SubscriptionFilters> {
  const situation = answers.situations[0];
  return {
    type: 'opportunity',
    ...(answers.comune ? { comune: answers.comune } : {}),
    ...(situation ? { target: PROFILE_SITUATIONS[situation].targets[0] } : answers.interests[0] ? { theme: answers.interests[0] } : {}),
  };
}

/** The answers as a query string (without «?»), in the form's names: the page's address after an answer. */
export function profileQuery(answers: ProfileAnswers): string {
  const params: [string, string][] = [
    ...(answers.comune ? [[PROFILE_PARAMS.comune, answers.comune] as [string, string]] : []),
    ...(answers.age ? [[PROFILE_PARAMS.age, answers.age] as [string, string]] : []),
    ...answers.situations.map((s): [string, string] => [PROFILE_PARAMS.situation, s]),
    ...answers.interests.map((t): [string, string] => [PROFILE_PARAMS.interest, t]),
  ];
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

export const hasProfileAnswers = (a: ProfileAnswers): boolean => Boolean(a.comune || a.age || a.situations.length || a.interests.length);

// ── Matching ───────────────────────────────────────────────────────────────────────────────────────────

export type ProfileGroupKey = 'opportunities' | 'learning' | 'services' | 'rights' | 'places';

const GROUP_OF: Record<ProfileType, ProfileGroupKey | undefined> = {
  opportunity: 'opportunities',
  workshop: 'learning',
  'training-material': 'learning',
  practice: 'services',
  regulation: 'rights',
  organization: undefined,
};

export const PROFILE_GROUP_TITLES: Record<Exclude<ProfileGroupKey, 'places'>, string> = {
  opportunities: 'Opportunità aperte',
  learning: 'Laboratori e corsi',
  services: 'Servizi e buone prassi',
  rights: 'Norme che ti danno diritti',
};

export interface ProfileResult {
  type: ProfileType;
  /** «Opportunità», «Laboratorio», «Buona prassi»… */
  typeLabel: string;
  title: string;
  url: string;
  summary: string;
  /** Why it fits, in one line: «Per chi cerca lavoro · a Vercelli · area Lavoro e inclusione». */
  reason: string;
  /** «Aperta fino al 15 dicembre 2026», «Incontri fino al …»; null when there is nothing to say. */
  state: string | null;
  /** Places only: the address and the distance from the comune's centre. */
  where: string | null;
}

export interface ProfileGroup {
  key: ProfileGroupKey;
  title: string;
  results: ProfileResult[];
}

export interface ProfileMatches {
  /** The groups that have results, in a fixed order. */
  groups: ProfileGroup[];
  total: number;
  /** «12 risultati per te». */
  count: string;
  /** What to answer to see more, in Italian (no comune: no places; no situation: no norms). */
  hints: string[];
}

/** Places farther than this from the comune's centre are not «near». */
export const PROFILE_NEAR_KM = 20;
/** The places group lists at most this many: the nearest. */
export const PROFILE_PLACES_LIMIT = 10;

const DATE = new Intl.DateTimeFormat('it-IT', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const formatDay = (day: string) => DATE.format(new Date(`${day}T12:00:00Z`));

/** «a, b e c». */
const listIt = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} e ${items[items.length - 1]}`);

export const profileCount = (n: number): string => (n === 0 ? 'Nessun risultato per te' : n === 1 ? '1 risultato per te' : `${n} risultati per te`);

/** Great-circle distance in km (haversine): the comuni are a few tens of km apart, so the Earth is a sphere here. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const distanceText = (km: number, comune: string): string =>
  km < 1 ? `a meno di 1 km dal centro di ${comune}` : `a ${km < 10 ? String(Math.round(km * 10) / 10).replace('.', ',') : Math.round(km)} km dal centro di ${comune}`;

interface Fit {
  entry: ProfileEntry;
  score: number;
  reason: string;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/**
 * What fits the answers at `now`, grouped, each with why. An entry fits when it is still open at `now`, is
 * for a citizen (not only for professionals, nor only for people of another age), is for the chosen comune
 * or names no comune (then it is for the whole district), and matches at least one answer: a situation (by
 * target group, theme or an opportunity's kind), the age band (by target group) or an interest (by theme).
 * Answering only the comune shows everything open there. Norms need a situation or an age: they give rights
 * to the people they name. The places are those of the fitting entries and organisations nearest to the
 * comune's centre.
 */
export function profileMatches(answers: ProfileAnswers, catalogue: ProfileCatalogue, now: Date): ProfileMatches {
  const hints: string[] = [];
  if (!hasProfileAnswers(answers)) {
    return { groups: [], total: 0, count: profileCount(0), hints: ['Rispondi ad almeno una domanda: il comune, l’età, la tua situazione o che cosa ti interessa.'] };
  }
  const comune = answers.comune ? catalogue.comuni.find((c) => c.istat === answers.comune) : undefined;
  const themeName = new Map(catalogue.themes.map((t) => [t.slug, t.name]));
  const ageTargets: readonly string[] = answers.age ? PROFILE_AGES[answers.age].targets : [];
  const criteria = answers.situations.length > 0 || answers.interests.length > 0 || ageTargets.length > 0;

  const fit = (entry: ProfileEntry): Fit | undefined => {
    if (!openOn(entry.deadline, now)) return undefined;
    if (entry.targets.length > 0 && entry.targets.every((t) => PROFILE_PROFESSIONAL_TARGETS.includes(t))) return undefined;
    const ageGroups = entry.targets.filter((t) => PROFILE_AGE_TARGETS.includes(t));
    if (answers.age && ageGroups.length > 0 && ageGroups.length === entry.targets.length && !overlaps(ageGroups, ageTargets)) return undefined;
    const local = !comune ? null : entry.comuni.length === 0 ? 'district' : entry.comuni.includes(comune.istat) ? 'comune' : undefined;
    if (local === undefined) return undefined;

    const norm = entry.type === 'regulation';
    const situations = answers.situations.filter((code) => {
      const s: ProfileSituation = PROFILE_SITUATIONS[code];
      return overlaps(s.targets, entry.targets) || (!norm && overlaps(s.themes, entry.themes)) || (entry.type === 'opportunity' && entry.kind !== null && s.kinds.includes(entry.kind));
    });
    const age = overlaps(ageTargets, entry.targets);
    const interests = norm ? [] : answers.interests.filter((t) => entry.themes.includes(t));
    if (norm ? situations.length === 0 && !age : criteria && situations.length === 0 && !age && interests.length === 0) return undefined;

    const who = [...situations.map((code) => PROFILE_SITUATIONS[code].who), ...(age && answers.age ? [PROFILE_AGES[answers.age].who] : [])];
    const names = interests.map((t) => themeName.get(t) ?? t);
    const parts = [
      ...(who.length > 0 ? [`per ${listIt(who)}`] : []),
      ...(local === 'comune' && comune ? [`a ${comune.name}`] : local === 'district' ? ['in tutto il distretto'] : []),
      ...(names.length === 1 ? [`area ${names[0]}`] : names.length > 1 ? [`aree ${listIt(names)}`] : []),
    ];
    const line = parts.join(' · ');
    return {
      entry,
      score: 3 * situations.length + 2 * Number(age) + interests.length + Number(local === 'comune'),
      reason: line.charAt(0).toUpperCase() + line.slice(1),
    };
  };

  const state = (entry: ProfileEntry): string | null => {
    if (entry.type === 'opportunity') return entry.deadline ? `Aperta fino al ${formatDay(entry.deadline)}` : 'Aperta, senza scadenza';
    if (entry.type === 'workshop' && entry.deadline) return `Incontri fino al ${formatDay(entry.deadline)}`;
    return null;
  };
  const result = (f: Fit, where: string | null = null): ProfileResult => ({
    type: f.entry.type,
    typeLabel: TYPES[f.entry.type].singular,
    title: f.entry.title,
    url: f.entry.url,
    summary: f.entry.summary,
    reason: f.reason,
    state: state(f.entry),
    where,
  });
  // Best fit first; among equals, the opportunity closing first, then by title (and address: a fixed order).
  const order = (a: Fit, b: Fit) =>
    b.score - a.score || (a.entry.deadline ?? '9999').localeCompare(b.entry.deadline ?? '9999') || italian.compare(a.entry.title, b.entry.title) || a.entry.url.localeCompare(b.entry.url);

  const fits = catalogue.entries.flatMap((e) => fit(e) ?? []);
  const groups: ProfileGroup[] = (Object.keys(PROFILE_GROUP_TITLES) as (keyof typeof PROFILE_GROUP_TITLES)[])
    .map((key) => ({ key, title: PROFILE_GROUP_TITLES[key], results: fits.filter((f) => GROUP_OF[f.entry.type] === key).sort(order).map((f) => result(f)) }))
    .filter((g) => g.results.length > 0);

  if (comune) {
    const near = fits
      .flatMap((f) => {
        const nearest = f.entry.places.map((p) => ({ p, km: distanceKm(comune, p) })).sort((a, b) => a.km - b.km)[0];
        return nearest && nearest.km <= PROFILE_NEAR_KM ? [{ f, ...nearest }] : [];
      })
      .sort((a, b) => a.km - b.km || order(a.f, b.f))
      .slice(0, PROFILE_PLACES_LIMIT);
    if (near.length > 0) groups.push({ key: 'places', title: `Luoghi vicino a ${comune.name}`, results: near.map(({ f, p, km }) => result(f, `${p.address}, ${distanceText(km, comune.name)}`)) });
  } else {
    hints.push('Scegli il tuo comune per vedere anche i luoghi più vicini e ciò che vale solo lì.');
  }
  if (answers.situations.length === 0 && ageTargets.length === 0) hints.push('Indica la tua situazione o la tua età per vedere anche le norme che ti danno diritti.');

  const total = groups.reduce((n, g) => n + g.results.length, 0);
  return { groups, total, count: profileCount(total), hints };
}
