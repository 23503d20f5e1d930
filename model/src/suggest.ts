/**
 * «Forse cercavi…»: the words of a query that no published document holds, replaced by the closest word
 * the documents do hold. One rule for the site's search island (its vocabulary is a static JSON built
 * with the site) and the CMS's results page for browsers without JavaScript (its vocabulary is read from
 * the CMS's own published content), so both suggest the same correction.
 */

/** A correction is offered when at most this many results hold every word of the query. */
export const SUGGEST_AT_MOST = 2;

/** Whether a query is worth correcting: it has words, and at most a couple of results hold all of them. */
export const wantsSuggestion = (q: string, completeHits: number): boolean => completeHits <= SUGGEST_AT_MOST && /\p{L}/u.test(q);

/**
 * Whether the results holding every word must be counted apart: with two words or more, Meilisearch's
 * default matching strategy answers the first words' results alone when no document holds them all
 * («riparazone viciclete»: the repairs, no bicycle), so its count alone hides a lost word.
 */
export const severalWords = (q: string): boolean => /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(q);

/** Shorter words are neither in the vocabulary nor corrected: too many of them are a typo apart. */
export const VOCABULARY_MIN_LENGTH = 3;

/** A word as written (lowercase, accents kept for showing) and how many documents hold it. */
export type VocabularyEntry = [word: string, documents: number];

/** The vocabulary as the site publishes it (`/cerca/vocabolario.json`). */
export interface VocabularyFile {
  words: VocabularyEntry[];
}

/** The parts of a published document whose words make the vocabulary. */
export interface VocabularySource {
  title: string;
  summary: string;
  themes: readonly string[];
  comuni: readonly string[];
}

/** Letters only: a number or an apostrophe ends a word, as it does for the search engine. */
const WORD = /[\p{L}\p{M}]+/gu;

/** Lowercase with accents folded: «Città» and «citta» are one word for matching. */
export const foldWord = (word: string): string => word.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase('it');

const lower = (word: string): string => word.normalize('NFC').toLocaleLowerCase('it');

/**
 * The words of the documents, each once per document that holds it, most frequent first. Forms that fold
 * to the same word count together and show as the most frequent of them («città» over «citta»).
 */
export function buildVocabulary(sources: Iterable<VocabularySource>): VocabularyEntry[] {
  const documents = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const source of sources) {
    const text = [source.title, source.summary, ...source.themes, ...source.comuni].join('\n');
    const written = new Set<string>();
    for (const [word] of text.matchAll(WORD)) if (foldWord(word).length >= VOCABULARY_MIN_LENGTH) written.add(lower(word));
    for (const word of written) {
      const key = foldWord(word);
      const seen = forms.get(key) ?? new Map<string, number>();
      seen.set(word, (seen.get(word) ?? 0) + 1);
      forms.set(key, seen);
    }
    for (const key of new Set([...written].map(foldWord))) documents.set(key, (documents.get(key) ?? 0) + 1);
  }
  const italian = new Intl.Collator('it');
  const entries = [...documents].map(([key, count]): VocabularyEntry => {
    // Ties go to a form with accents, which the folded form has lost.
    const [shown] = [...forms.get(key)!].sort(([a, m], [b, n]) => n - m || Number(b !== key) - Number(a !== key) || italian.compare(a, b))[0]!;
    return [shown, count];
  });
  return entries.sort(([a, m], [b, n]) => n - m || italian.compare(a, b));
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (an insertion, a deletion, a
 * substitution or two neighbours swapped each cost one; no substring is edited twice), which is how
 * typos are counted by Meilisearch too. Stops early: any distance over `max` is returned as `max + 1`.
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, twoBack[j - 2]! + 1);
      current[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    twoBack = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** The typos forgiven in a word of this many letters. */
export const typosAllowed = (length: number): number => (length >= 5 ? 2 : 1);

interface Candidate {
  folded: string;
  word: string;
  documents: number;
}

export interface Speller {
  /** The query with its unknown words corrected, or null when there is nothing to correct. */
  correct(query: string): string | null;
}

/** The correction with the capitals of what was typed: «Santia» → «Santhià», «ORTI» → «ORTI». */
function withCaseOf(typed: string, word: string): string {
  if (typed.length > 1 && typed === typed.toLocaleUpperCase('it') && typed !== typed.toLocaleLowerCase('it')) return word.toLocaleUpperCase('it');
  const first = typed.charAt(0);
  return first !== first.toLocaleLowerCase('it') ? word.charAt(0).toLocaleUpperCase('it') + word.slice(1) : word;
}

const isEntry = (value: unknown): value is VocabularyEntry =>
  Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number';

/**
 * Corrects a query against a vocabulary. A word is kept when the documents hold it (accents aside), when
 * it is shorter than three letters, and, for the last word, when it starts a word of the documents (the
 * search engine reads the last word as a prefix: it is still being typed). Any other word becomes the
 * vocabulary word at the smallest distance, at most two typos (one below five letters), the word more
 * documents hold on a tie; a word with none that close is kept as typed.
 */
export function createSpeller(entries: readonly unknown[]): Speller {
  const known = new Set<string>();
  const byLength = new Map<number, Candidate[]>();
  for (const entry of entries) {
    if (!isEntry(entry)) continue;
    const [word, documents] = entry;
    const folded = foldWord(word);
    if (known.has(folded)) continue;
    known.add(folded);
    const list = byLength.get(folded.length) ?? [];
    list.push({ folded, word, documents });
    byLength.set(folded.length, list);
  }

  const closest = (folded: string): string | undefined => {
    const max = typosAllowed(folded.length);
    let best: { distance: number; candidate: Candidate } | undefined;
    for (let length = folded.length - max; length <= folded.length + max; length++) {
      for (const candidate of byLength.get(length) ?? []) {
        const distance = damerauLevenshtein(folded, candidate.folded, max);
        if (distance > max) continue;
        if (!best || distance < best.distance || (distance === best.distance && candidate.documents > best.candidate.documents)) best = { distance, candidate };
      }
    }
    return best?.candidate.word;
  };

  const startsAWord = (folded: string): boolean => {
    for (const word of known) if (word.startsWith(folded)) return true;
    return false;
  };

  return {
    correct(query) {
      const words = [...query.matchAll(WORD)];
      const lastAt = words.at(-1)?.index;
      let changed = false;
      const corrected = query.replace(WORD, (typed: string, at: number) => {
        const folded = foldWord(typed);
        if (folded.length < VOCABULARY_MIN_LENGTH || known.has(folded)) return typed;
        if (at === lastAt && startsAWord(folded)) return typed;
        const word = closest(folded);
        if (word === undefined) return typed;
        changed = true;
        return withCaseOf(typed, word);
      });
      return changed ? corrected : null;
    },
  };
}
