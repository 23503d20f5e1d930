/**
 * The Italian pages of `GET /api/cerca` for a browser with no JavaScript: the results (with the search
 * form again, to refine), the refusals. In the look of the no-JavaScript form pages (submissions/html.ts).
 */
import { EDITORIAL_KEYS, isFollowable, SUBSCRIPTION_LIMITS, subscribeUrl, TYPES } from '@coesione/model';
import { SEARCH_LIMITS, SEARCH_PARAMS, type SearchAnswer, type SearchHit } from '@coesione/search';
import { escapeHtml, page } from '../../platform/html';
import { toParams, type QueryError, type SearchQuery } from './query';

const STYLE = `
  form.search { display: grid; gap: .5rem; margin: 1rem 0 1.5rem; }
  form.search input, form.search select { font: inherit; padding: .5rem; border: 1px solid #5c6f82; border-radius: 4px; max-width: 100%; }
  .notice { border-left: 4px solid #995c00; background: #fff8eb; padding: .5rem 1rem; }
  .suggestion { font-size: 1.1rem; }
  ol.results { list-style: none; padding: 0; }
  ol.results li { border-top: 1px solid #d9dadb; padding: .75rem 0; }
  ol.results h2 { font-size: 1.25rem; margin: .25rem 0; overflow-wrap: anywhere; }
  .type, .place, .state { font-size: .9rem; color: #455b71; margin: 0; }
  nav.pages { display: flex; gap: 1rem; flex-wrap: wrap; }
`;

const dateFormat = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

export interface PageContext {
  /** The public site, for the links to the results and back. */
  siteUrl: string;
  /** This route, as the browser reached it (the form posts here again). */
  action: string;
  comuni: string[];
}

function searchForm(query: SearchQuery, { action, comuni }: PageContext): string {
  const typeOptions = EDITORIAL_KEYS.map((k) => `<option value="${k}"${query.types.includes(k) ? ' selected' : ''}>${escapeHtml(TYPES[k].label)}</option>`).join('');
  const comuneOptions = comuni.map((c) => `<option${query.comuni.includes(c) ? ' selected' : ''}>${escapeHtml(c)}</option>`).join('');
  return `<form class="search" role="search" method="get" action="${escapeHtml(action)}">
<label for="q">Cosa cerchi?</label>
<input id="q" name="${SEARCH_PARAMS.q}" type="search" maxlength="${SEARCH_LIMITS.q}" value="${escapeHtml(query.q)}">
<label for="tipo">Tipo di contenuto</label>
<select id="tipo" name="${SEARCH_PARAMS.type}"><option value="">Tutti i tipi</option>${typeOptions}</select>
<label for="comune">Comune</label>
<select id="comune" name="${SEARCH_PARAMS.comune}"><option value="">Tutti i comuni</option>${comuneOptions}</select>
<p><button type="submit">Cerca</button></p>
</form>`;
}

function hitItem(hit: SearchHit, siteUrl: string, nowSeconds: number): string {
  const state =
    hit.type === 'opportunity' && hit.deadline !== null
      ? `<p class="state">${hit.deadline >= nowSeconds ? `Aperta fino al ${dateFormat.format(hit.deadline * 1000)}` : `Chiusa il ${dateFormat.format(hit.deadline * 1000)}`}</p>`
      : hit.type === 'workshop' && hit.nextSession !== null
        ? `<p class="state">Prossimo incontro: ${dateTimeFormat.format(hit.nextSession * 1000)}</p>`
        : '';
  return `<li>
<p class="type">${escapeHtml(TYPES[hit.type]?.singular ?? hit.type)}</p>
<h2><a href="${escapeHtml(siteUrl + hit.url)}">${escapeHtml(hit.title)}</a></h2>
${hit.municipalityNames.length > 0 ? `<p class="place">${escapeHtml(hit.municipalityNames.slice(0, 3).join(', '))}</p>` : ''}
${state}
<p>${escapeHtml(hit.summary)}</p>
</li>`;
}

const backLinks = (siteUrl: string, query?: SearchQuery) =>
  `<p><a href="${escapeHtml(`${siteUrl}/cerca/${query ? toParams(query, 1) : ''}`)}">Torna alla pagina Cerca del sito</a> · <a href="${escapeHtml(`${siteUrl}/`)}">Home page</a></p>`;

/** «Ricevi aggiornamenti»: the subscription form with this search's section, comune and words, where they fit one subscription. */
function followLink(query: SearchQuery): string {
  if (query.types.length > 1 || query.comuni.length > 1 || query.q.length > SUBSCRIPTION_LIMITS.words) return '';
  const type = query.types[0];
  const href = subscribeUrl('', { type: isFollowable(type) ? type : undefined, comune: query.comuni[0], words: query.q || undefined });
  return `<p><a href="${escapeHtml(href)}">Ricevi per e-mail le novità di questa ricerca</a></p>`;
}

export const REDUCED_NOTICE =
  'Risultati ridotti: il motore di ricerca non è raggiungibile in questo momento, quindi cerchiamo le parole solo nel titolo e nel riassunto dei contenuti pubblicati, senza correggere gli errori di battitura.';

export function resultsPage(query: SearchQuery, answer: SearchAnswer, context: PageContext, nowSeconds = Date.now() / 1000): string {
  const { totalHits, hits, page: current, totalPages } = answer;
  const count = totalHits === 0 ? 'Nessun risultato' : totalHits === 1 ? '1 risultato' : `${totalHits} risultati`;
  const pageLink = (n: number, label: string) => `<a href="${escapeHtml(context.action + toParams(query, n))}">${label}</a>`;
  const pages =
    totalPages > 1
      ? `<nav class="pages" aria-label="Pagine dei risultati">${current > 1 ? pageLink(current - 1, 'Pagina precedente') : ''}<span>Pagina ${current} di ${totalPages}</span>${current < totalPages ? pageLink(current + 1, 'Pagina successiva') : ''}</nav>`
      : '';
  return page(
    query.q ? `Risultati per «${query.q}»` : 'Risultati della ricerca',
    `${answer.reduced ? `<p class="notice" role="status">${escapeHtml(REDUCED_NOTICE)}</p>` : ''}
${searchForm(query, context)}
<p>${escapeHtml(`${count}${query.q ? ` per «${query.q}»` : ''}.`)}</p>
${answer.suggestion ? `<p class="suggestion">Forse cercavi: <a href="${escapeHtml(context.action + toParams({ ...query, q: answer.suggestion }, 1))}">${escapeHtml(answer.suggestion)}</a>?</p>` : ''}
${hits.length > 0 ? `<ol class="results">\n${hits.map((h) => hitItem(h, context.siteUrl, nowSeconds)).join('\n')}\n</ol>` : totalHits === 0 ? '<p>Prova con meno parole, o con parole diverse.</p>' : ''}
${pages}
${followLink(query)}
${backLinks(context.siteUrl, query)}`,
    STYLE,
  );
}

export function invalidPage(query: SearchQuery, errors: QueryError[], context: PageContext): string {
  return page(
    'La ricerca non è valida',
    `<div class="errors" role="alert">
<ul>
${errors.map((e) => `<li>${escapeHtml(e.message)}</li>`).join('\n')}
</ul>
</div>
${searchForm(query, context)}
${backLinks(context.siteUrl)}`,
    STYLE,
  );
}

export function tooManyPage(minutes: number, context: PageContext): string {
  return page(
    'Troppe ricerche',
    `<p role="alert">Hai fatto molte ricerche in poco tempo: riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.</p>
${backLinks(context.siteUrl)}`,
    STYLE,
  );
}
