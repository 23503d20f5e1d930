/**
 * A subscription's filters: read from a form or a link and checked against what exists (a comune, a
 * theme, a target group that the district has; a kind that the section has), described in Italian for the
 * form, the messages and the manage page, and matched against a published entry.
 */
import { FOLLOWABLE_TYPES, isFollowable, SUBSCRIPTION_LIMITS, SUBSCRIPTION_PARAMS, TYPES, type SubscriptionFilters } from '@coesione/model';

/**
 * What a filter may name, each with its name: the comuni by ISTAT code, the themes and target groups by
 * slug, and the kinds of the sections whose entries have one (an opportunity's `kind`).
 */
export interface Vocabulary {
  comuni: Map<string, string>;
  themes: Map<string, string>;
  targets: Map<string, string>;
  kinds: Partial<Record<SubscriptionFilters['type'], Map<string, string>>>;
}

/** Lower case, no accents, single spaces: how words are compared. */
const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('it').replace(/\s+/g, ' ').trim();

export type FilterErrors = Partial<Record<keyof typeof SUBSCRIPTION_PARAMS, string>>;

const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : '');

/**
 * The filters a form or link names, and what is wrong with them. A comune may be named by its ISTAT code
 * or its name (the search page's filter carries names); it is kept as the code.
 */
export function readFilters(input: Record<string, unknown>, vocabulary: Vocabulary): { filters: Partial<SubscriptionFilters>; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const filters: Partial<SubscriptionFilters> = {};
  const type = one(input[SUBSCRIPTION_PARAMS.type]);
  if (!type) errors.type = 'Scegli la sezione da seguire.';
  else if (!isFollowable(type)) errors.type = `La sezione «${type}» non esiste: scegli tra ${FOLLOWABLE_TYPES.map((t) => TYPES[t].label).join(', ')}.`;
  else filters.type = type;

  const comune = one(input[SUBSCRIPTION_PARAMS.comune]);
  if (comune) {
    const byName = [...vocabulary.comuni].find(([, name]) => fold(name) === fold(comune))?.[0];
    const code = vocabulary.comuni.has(comune) ? comune : byName;
    if (code) filters.comune = code;
    else errors.comune = `Il comune «${comune}» non è tra i comuni del distretto.`;
  }
  const theme = one(input[SUBSCRIPTION_PARAMS.theme]);
  if (theme) {
    if (vocabulary.themes.has(theme)) filters.theme = theme;
    else errors.theme = `L’area tematica «${theme}» non esiste.`;
  }
  const target = one(input[SUBSCRIPTION_PARAMS.target]);
  if (target) {
    if (vocabulary.targets.has(target)) filters.target = target;
    else errors.target = `I destinatari «${target}» non esistono.`;
  }
  const kind = one(input[SUBSCRIPTION_PARAMS.kind]);
  if (kind) {
    const kinds = filters.type ? vocabulary.kinds[filters.type] : undefined;
    if (kinds?.has(kind)) filters.kind = kind;
    else if (filters.type) errors.kind = kinds ? `La tipologia «${kind}» non esiste.` : `La sezione ${TYPES[filters.type].label} non ha tipologie: togli questo filtro.`;
  }
  const words = one(input[SUBSCRIPTION_PARAMS.words]).replace(/\s+/g, ' ');
  if (words.length > SUBSCRIPTION_LIMITS.words) errors.words = `Le parole da cercare sono troppe: al massimo ${SUBSCRIPTION_LIMITS.words} caratteri.`;
  else if (words) filters.words = words;
  return { filters, errors };
}

/** The filters in a canonical order, for storing and comparing. */
export const canonical = (filters: SubscriptionFilters): SubscriptionFilters =>
  Object.fromEntries((Object.keys(SUBSCRIPTION_PARAMS) as (keyof SubscriptionFilters)[]).filter((k) => filters[k] !== undefined).map((k) => [k, filters[k]])) as unknown as SubscriptionFilters;

/** «Opportunità · a Vercelli · area tematica Lavoro · per Giovani · tipologia Tirocinio · con le parole “bici”». */
export function describe(filters: SubscriptionFilters, vocabulary: Vocabulary): string {
  const parts: string[] = [TYPES[filters.type].label];
  if (filters.comune) parts.push(`a ${vocabulary.comuni.get(filters.comune) ?? filters.comune}`);
  if (filters.theme) parts.push(`area tematica ${vocabulary.themes.get(filters.theme) ?? filters.theme}`);
  if (filters.target) parts.push(`per ${vocabulary.targets.get(filters.target) ?? filters.target}`);
  if (filters.kind) parts.push(`tipologia ${vocabulary.kinds[filters.type]?.get(filters.kind) ?? filters.kind}`);
  if (filters.words) parts.push(`con le parole «${filters.words}»`);
  return parts.join(' · ');
}

/** A published entry as the matching reads it. */
export interface FollowedEntry {
  documentId: string;
  title: string;
  slug: string;
  summary: string;
  comuni: string[];
  themes: string[];
  targets: string[];
  kind?: string | null;
}

/**
 * Whether an entry fits the filters. An entry that names no comune is for the whole district and fits
 * every comune; every word must appear in its title or summary.
 */
export function matches(entry: FollowedEntry, filters: SubscriptionFilters): boolean {
  if (filters.comune && entry.comuni.length > 0 && !entry.comuni.includes(filters.comune)) return false;
  if (filters.theme && !entry.themes.includes(filters.theme)) return false;
  if (filters.target && !entry.targets.includes(filters.target)) return false;
  if (filters.kind && entry.kind !== filters.kind) return false;
  if (filters.words) {
    const text = fold(`${entry.title} ${entry.summary}`);
    if (!fold(filters.words).split(' ').every((word) => text.includes(word))) return false;
  }
  return true;
}
