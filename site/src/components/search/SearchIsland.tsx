/**
 * Instant search over the public index: results as you type, highlighted matches, facets with
 * counts, open opportunities, places near you or near a comune, sort, pages, all in the URL; and
 * «Forse cercavi…» with the query's typos corrected when almost nothing holds all its words (speller.ts).
 *
 * The same component renders the plain GET form on the server: without JavaScript it goes to the CMS's
 * `GET /api/cerca`, which answers an Italian results page. Once hydrated it searches Meilisearch directly
 * with the search-only key; when Meilisearch fails it asks that same CMS route (JSON), whose results are
 * reduced (words in titles and summaries, type and comune filters) and say so.
 */
import { Meilisearch, type MultiSearchQuery, type SearchResponse } from 'meilisearch';
import './search.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { SECTIONS, SECTION_TYPES, enumLabel, type SectionType } from '~/lib/present/sections';
import {
  buildFilter,
  buildSort,
  emptyState,
  FACET_KEYS,
  FACETS,
  followSearchUrl,
  parseState,
  stateToSearch,
  type FacetKey,
  type SearchState,
} from './search-state';
import { severalWords, wantsSuggestion } from '@coesione/model';
import {
  HIT_FIELDS,
  HITS_PER_PAGE,
  INDEX_UID,
  SEARCH_LIMITS,
  SEARCH_PARAMS as PARAM,
  SEARCH_ROUTE,
  type SearchAnswer,
  type SearchHit,
} from '@coesione/search/contract';
import { loadSpeller } from './speller';

/** A result as the CMS's page shows it too, with its id (a stable key) and its highlighted text. */
interface Hit extends SearchHit {
  id?: string;
  _formatted?: { title?: string; summary?: string };
}

export interface SearchIslandProps {
  host: string;
  apiKey: string;
  /** The CMS as the browser reaches it: the no-JavaScript form and the fallback search go to `/api/cerca`. */
  cmsUrl: string;
  indexUid?: string;
  comuni: { istat: string; name: string; lat: number; lng: number }[];
}

// Highlight markers that cannot occur in text: the result is split on them, never parsed as HTML.
const PRE = '\u0001';
const POST = '\u0002';

function Highlighted({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let rest = text;
  for (let i = 0; rest.length > 0; i++) {
    const start = rest.indexOf(PRE);
    if (start === -1) {
      parts.push(rest);
      break;
    }
    const end = rest.indexOf(POST, start);
    parts.push(rest.slice(0, start), <mark key={i}>{rest.slice(start + 1, end === -1 ? undefined : end)}</mark>);
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return <>{parts}</>;
}

const dateFormat = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/** How many values a long facet shows before «Mostra tutti»: a list of 82 comuni is no filter on a phone. */
const FACET_SHORT = 8;

/** A long facet's short list: what is selected and the values with most results, in the facet's own order. */
function shortList(values: string[], counts: Record<string, number>, selected: string[]): string[] {
  const top = new Set([...values].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0)).slice(0, FACET_SHORT));
  return values.filter((v) => top.has(v) || selected.includes(v));
}

function facetLabel(key: FacetKey, value: string): string {
  if (key === 'type') return SECTIONS[value as SectionType]?.label ?? value;
  if (key === 'kind') return enumLabel(value);
  return value;
}

type Distribution = Partial<Record<string, Record<string, number>>>;

interface Results {
  hits: Hit[];
  totalHits: number;
  totalPages: number;
  /** From the CMS's reduced search, Meilisearch being unreachable. */
  reduced: boolean;
}

/** The CMS route takes the site's own parameters, type and comune filters only, within its limits. */
export function fallbackUrl(cmsUrl: string, state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set(PARAM.q, state.q);
  for (const t of state.selected.type.slice(0, SEARCH_LIMITS.values)) params.append(PARAM.type, t);
  for (const c of state.selected.comune.slice(0, SEARCH_LIMITS.values)) params.append(PARAM.comune, c);
  if (state.page > 1) params.set(PARAM.page, String(Math.min(state.page, SEARCH_LIMITS.pages)));
  return `${cmsUrl}${SEARCH_ROUTE}?${params}`;
}

async function fallbackSearch(cmsUrl: string, state: SearchState): Promise<Results & { suggestion: string | null }> {
  const res = await fetch(fallbackUrl(cmsUrl, state), { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`fallback search answered ${res.status}`);
  // The CMS's answer, with its own «Forse cercavi».
  const { data } = (await res.json()) as { data: SearchAnswer };
  return { hits: data.hits, totalHits: data.totalHits, totalPages: data.totalPages, reduced: true, suggestion: data.suggestion ?? null };
}

export default function SearchIsland({ host, apiKey, cmsUrl, indexUid = INDEX_UID, comuni }: SearchIslandProps) {
  const client = useMemo(() => new Meilisearch({ host, apiKey }), [host, apiKey]);
  const [state, setState] = useState<SearchState>(emptyState);
  const [ready, setReady] = useState(false);
  const [result, setResult] = useState<Results | null>(null);
  const [facets, setFacets] = useState<Distribution>({});
  const [failed, setFailed] = useState(false);
  /** «Forse cercavi…»: the query with its unknown words corrected, when the search found almost nothing. */
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [locating, setLocating] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(true);
  const [expanded, setExpanded] = useState<FacetKey[]>([]);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  // State comes from the URL after hydration (the server render has no URL), and again on back/forward.
  useEffect(() => {
    const read = () => setState(parseState(window.location.search));
    read();
    // On a phone the filters start folded, so the results come first.
    setFiltersOpen(window.matchMedia('(min-width: 48rem)').matches);
    setReady(true);
    window.addEventListener('popstate', read);
    return () => window.removeEventListener('popstate', read);
  }, []);

  /** Updates the state and the URL: typing replaces the history entry, every other change adds one. */
  const update = useCallback((next: SearchState, push = true) => {
    setState(next);
    const url = `${window.location.pathname}${stateToSearch(next)}`;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      const now = Math.floor(Date.now() / 1000);
      const facetNames = FACET_KEYS.map((k) => FACETS[k].attribute);
      const base = { indexUid, q: state.q };
      const sort = buildSort(state);
      const countComplete = severalWords(state.q);
      const queries: MultiSearchQuery[] = [
        {
          ...base,
          filter: buildFilter(state, now),
          facets: facetNames,
          ...(sort ? { sort } : {}),
          page: state.page,
          hitsPerPage: HITS_PER_PAGE,
          // Only what a result shows (and its id, a stable key).
          attributesToRetrieve: ['id', ...HIT_FIELDS],
          attributesToHighlight: ['title', 'summary'],
          attributesToCrop: ['summary'],
          cropLength: 40,
          highlightPreTag: PRE,
          highlightPostTag: POST,
        },
        // Disjunctive counts: a facet with a selection counts its values as if it had none.
        ...FACET_KEYS.filter((k) => state.selected[k].length > 0).map((k) => ({ ...base, filter: buildFilter(state, now, k), facets: [FACETS[k].attribute], hitsPerPage: 0 })),
        // Last: how many results hold every word (see severalWords).
        ...(countComplete ? [{ ...base, filter: buildFilter(state, now), matchingStrategy: 'all' as const, hitsPerPage: 0 }] : []),
      ];
      try {
        const { results } = await client.multiSearch({ queries });
        if (cancelled) return;
        const [main, ...rest] = results as unknown as SearchResponse<Hit>[];
        const others = countComplete ? rest.slice(0, -1) : rest;
        const distribution: Distribution = { ...(main?.facetDistribution ?? {}) };
        for (const other of others) Object.assign(distribution, other.facetDistribution ?? {});
        setResult(main ? { hits: main.hits, totalHits: main.totalHits ?? 0, totalPages: main.totalPages ?? 0, reduced: false } : null);
        setFacets(distribution);
        setFailed(false);
        const completeHits = (countComplete ? rest.at(-1) : main)?.totalHits ?? 0;
        if (main && wantsSuggestion(state.q, completeHits)) {
          loadSpeller().then(
            (speller) => !cancelled && setSuggestion(speller.correct(state.q)),
            () => !cancelled && setSuggestion(null), // no vocabulary, no suggestion: the results stand
          );
        } else setSuggestion(null);
      } catch {
        if (cancelled) return;
        // Meilisearch is down or unreachable: the CMS answers from its own published content.
        try {
          const reduced = await fallbackSearch(cmsUrl, state);
          if (cancelled) return;
          setResult(reduced);
          setSuggestion(reduced.suggestion);
          setFacets({});
          setFailed(false);
        } catch {
          if (!cancelled) {
            setResult(null);
            setSuggestion(null);
            setFailed(true);
          }
        }
      }
    }, 120);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [client, cmsUrl, indexUid, ready, state]);

  const toggle = (key: FacetKey, value: string) => {
    const current = state.selected[key];
    const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ ...state, selected: { ...state.selected, [key]: values }, page: 1 });
  };

  const goToPage = (page: number) => {
    update({ ...state, page });
    resultsHeading.current?.focus();
  };

  const nearMe = () => {
    if (!('geolocation' in navigator)) {
      setLocating('Il tuo browser non permette di conoscere la posizione: scegli un comune.');
      return;
    }
    setLocating('Sto cercando la tua posizione…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(null);
        update({ ...state, page: 1, near: { lat: position.coords.latitude, lng: position.coords.longitude, label: 'la tua posizione' } });
      },
      () => setLocating('Posizione non disponibile o non autorizzata: scegli un comune dall’elenco.'),
      { timeout: 10_000, maximumAge: 300_000 },
    );
  };

  const nearComune = (istat: string) => {
    const comune = comuni.find((c) => c.istat === istat);
    update({ ...state, page: 1, near: comune ? { lat: comune.lat, lng: comune.lng, label: comune.name } : null });
  };

  /** The link works as a link (a new tab, no JavaScript); a plain click searches in place. */
  const followSuggestion = (event: MouseEvent<HTMLAnchorElement>, q: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    update({ ...state, q, page: 1 });
    // The link goes away with the new results: focus goes where a search sends it, not to the page's top.
    resultsHeading.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    resultsHeading.current?.focus();
  };

  const activeFilters = FACET_KEYS.reduce((n, k) => n + state.selected[k].length, 0) + (state.open ? 1 : 0) + (state.near ? 1 : 0);
  const total = result?.totalHits ?? 0;
  const totalPages = result?.totalPages ?? 0;
  const followHref = followSearchUrl(cmsUrl, state, comuni);
  const now = Date.now() / 1000;
  const status = !ready || !result ? '' : `${total === 0 ? 'Nessun risultato' : total === 1 ? '1 risultato' : `${total} risultati`}${state.q ? ` per «${state.q}»` : ''}${state.near ? ` vicino a ${state.near.label}` : ''}.`;

  return (
    <div className="search">
      <form role="search" action={`${cmsUrl}${SEARCH_ROUTE}`} method="get" className="search-form" onSubmit={onSubmit}>
        <label htmlFor={`${ids}-q`}>Cosa cerchi?</label>
        <div className="search-row">
          <input
            id={`${ids}-q`}
            name={PARAM.q}
            type="search"
            value={state.q}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${ids}-hint`}
            onChange={(e) => update({ ...state, q: e.target.value, page: 1 }, false)}
          />
          <button type="submit">Cerca</button>
        </div>
        <p id={`${ids}-hint`} className="hint">Per esempio: tirocinio, orti sociali, anziani, Santhià.</p>
      </form>

      {/* One polite region: the count, then «Forse cercavi…» as it arrives; focus stays where it is. */}
      <div role="status" aria-live="polite" className="search-status">
        <p>{status}</p>
        {/* Just followed, it stays until the new results arrive: never offer the query it already is. */}
        {ready && suggestion && suggestion !== state.q && (
          <p className="search-suggestion">
            Forse cercavi:{' '}
            <a href={stateToSearch({ ...state, q: suggestion, page: 1 })} onClick={(e) => followSuggestion(e, suggestion)}>{suggestion}</a>?
          </p>
        )}
      </div>

      {result?.reduced && (
        <p role="status" className="search-reduced">
          Risultati ridotti: il motore di ricerca non è raggiungibile, quindi cerchiamo le parole solo nel titolo e nel riassunto,
          con i soli filtri per tipo e comune.
        </p>
      )}

      {failed && (
        <div role="alert" className="search-error">
          <p>La ricerca non è disponibile in questo momento. Puoi consultare gli elenchi:</p>
          <ul>
            {SECTION_TYPES.map((t) => (
              <li key={t}><a href={SECTIONS[t].section}>{SECTIONS[t].label}</a></li>
            ))}
          </ul>
        </div>
      )}

      {ready && (
      <div className="search-layout">
        <details className="search-filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>
            <h2>Filtra{activeFilters > 0 ? ` (${activeFilters} attivi)` : ''}</h2>
          </summary>
          <div className="filter-group">
            <label>
              <input type="checkbox" checked={state.open} onChange={() => update({ ...state, open: !state.open, page: 1 })} /> Solo opportunità aperte
            </label>
          </div>
          <fieldset className="filter-group">
            <legend>Vicino a</legend>
            <button type="button" onClick={nearMe}>Vicino a me</button>
            <label htmlFor={`${ids}-comune`}>Vicino a un comune</label>
            <select id={`${ids}-comune`} value={comuni.find((c) => c.name === state.near?.label)?.istat ?? ''} onChange={(e) => nearComune(e.target.value)}>
              <option value="">Ovunque nel distretto</option>
              {comuni.map((c) => (
                <option key={c.istat} value={c.istat}>{c.name}</option>
              ))}
            </select>
            {state.near && (
              <p>
                Entro 15 km da {state.near.label}.{' '}
                <button type="button" onClick={() => update({ ...state, near: null, page: 1 })}>Togli la posizione</button>
              </p>
            )}
            {locating && <p role="status">{locating}</p>}
          </fieldset>
          <div className="filter-group">
            <label htmlFor={`${ids}-sort`}>Ordina per</label>
            <select id={`${ids}-sort`} value={state.sort} onChange={(e) => update({ ...state, sort: e.target.value === 'date' ? 'date' : 'relevance', page: 1 })}>
              <option value="relevance">Pertinenza</option>
              <option value="date">Data di pubblicazione</option>
            </select>
          </div>
          {FACET_KEYS.map((key) => {
            const counts = facets[FACETS[key].attribute] ?? {};
            const all = [...new Set([...Object.keys(counts), ...state.selected[key]])];
            if (all.length === 0) return null;
            const long = all.length > FACET_SHORT + 2;
            const open = expanded.includes(key);
            const values = long && !open ? shortList(all, counts, state.selected[key]) : all;
            return (
              <fieldset key={key} className="filter-group" data-facet={key}>
                <legend>{FACETS[key].legend}</legend>
                <ul id={`${ids}-facet-${key}`}>
                  {values.map((value) => (
                    <li key={value}>
                      <label>
                        <input type="checkbox" checked={state.selected[key].includes(value)} onChange={() => toggle(key, value)} />{' '}
                        {facetLabel(key, value)} <span className="count">({counts[value] ?? 0})</span>
                      </label>
                    </li>
                  ))}
                </ul>
                {long && (
                  <button
                    type="button"
                    className="btn btn-link p-0 facet-more"
                    aria-expanded={open}
                    aria-controls={`${ids}-facet-${key}`}
                    onClick={() => setExpanded(open ? expanded.filter((k) => k !== key) : [...expanded, key])}
                  >
                    {open ? 'Mostra meno' : `Mostra tutti (${all.length})`}
                  </button>
                )}
              </fieldset>
            );
          })}
        </details>

        <section aria-labelledby={`${ids}-results`} className="search-results">
          <h2 id={`${ids}-results`} ref={resultsHeading} tabIndex={-1}>Risultati</h2>
          <ol className="results">
            {(result?.hits ?? []).map((hit) => (
              <li key={hit.id ?? hit.url} className="result">
                <p className="result-type">{SECTIONS[hit.type]?.singular ?? hit.type}</p>
                <h3><a href={hit.url}><Highlighted text={hit._formatted?.title ?? hit.title} /></a></h3>
                {hit.municipalityNames.length > 0 && <p className="result-place">{hit.municipalityNames.slice(0, 3).join(', ')}</p>}
                {hit.type === 'opportunity' && hit.deadline !== null && (
                  <p className="result-state">{hit.deadline >= now ? `Aperta fino al ${dateFormat.format(hit.deadline * 1000)}` : `Chiusa il ${dateFormat.format(hit.deadline * 1000)}`}</p>
                )}
                {hit.type === 'workshop' && hit.nextSession !== null && <p className="result-state">Prossimo incontro: {dateTimeFormat.format(hit.nextSession * 1000)}</p>}
                <p><Highlighted text={hit._formatted?.summary ?? hit.summary} /></p>
              </li>
            ))}
          </ol>
          {totalPages > 1 && (
            <nav aria-label="Pagine dei risultati" className="pagination">
              <button type="button" disabled={state.page <= 1} onClick={() => goToPage(state.page - 1)}>Pagina precedente</button>
              <span>Pagina {state.page} di {totalPages}</span>
              <button type="button" disabled={state.page >= totalPages} onClick={() => goToPage(state.page + 1)}>Pagina successiva</button>
            </nav>
          )}
          {result && followHref && <p className="search-follow"><a href={followHref}>Ricevi per e-mail le novità di questa ricerca</a></p>}
        </section>
      </div>
      )}
    </div>
  );
}
