/**
 * The Italian pages of `GET /api/per-te` for a browser without JavaScript: the results grouped as the site's
 * page shows them (each with why it fits), the questions again to change the answers, and the refusal when a
 * client asks too often. In the look of the other no-JavaScript pages (site-search/html.ts).
 */
import {
  PROFILE_AGE_CODES,
  PROFILE_AGES,
  PROFILE_LABELS as L,
  PROFILE_PARAMS as P,
  PROFILE_ROUTES,
  PROFILE_SITUATION_CODES,
  PROFILE_SITUATIONS,
  profileSubscription,
  subscribeUrl,
  type ProfileAnswers,
  type ProfileCatalogue,
  type ProfileMatches,
  type ProfileResult,
} from '@coesione/model';
import { escapeHtml, page } from '../../platform/html';

const STYLE = `
  .errors ul { margin: .25rem 0; }
  .count { font-size: 1.25rem; font-weight: 700; }
  .note { background: #f0f6fc; padding: .75rem 1rem; }
  section.group h2 { margin-top: 2rem; }
  ol.results { list-style: none; padding: 0; }
  ol.results li { border-top: 1px solid #d9dadb; padding: .75rem 0; }
  ol.results h3 { font-size: 1.2rem; margin: .25rem 0; overflow-wrap: anywhere; }
  .type, .state, .where { font-size: .9rem; color: #455b71; margin: 0; }
  .reason { font-weight: 600; margin: .25rem 0; }
  form.profile { margin: 1rem 0 1.5rem; }
  form.profile label, form.profile legend { font-weight: 600; }
  form.profile select { font: inherit; padding: .4rem; width: 100%; max-width: 28rem; box-sizing: border-box; }
  form.profile fieldset { border: 0; padding: 0; margin: 1.25rem 0 0; }
  form.profile .choice { display: flex; gap: .5rem; align-items: flex-start; margin: .35rem 0; }
  form.profile .choice input { width: 1.25rem; height: 1.25rem; margin: .2rem 0 0; flex: none; }
  form.profile .choice label { font-weight: 400; }
  .hint { color: #5c6f82; margin: .25rem 0 0; }
`;

export interface PageContext {
  /** The public site, for the links to the results and back. */
  siteUrl: string;
}

const choice = (type: 'radio' | 'checkbox', name: string, value: string, label: string, checked: boolean) => {
  const id = `${name}-${value || 'nessuna'}`;
  return `<div class="choice"><input type="${type}" id="${escapeHtml(id)}" name="${name}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}><label for="${escapeHtml(id)}">${escapeHtml(label)}</label></div>`;
};

/** The site's questions, with the answers given checked: to change them and ask again. */
export function profileForm(answers: ProfileAnswers, catalogue: Pick<ProfileCatalogue, 'comuni' | 'themes'>): string {
  const comuni = catalogue.comuni.map((c) => `<option value="${escapeHtml(c.istat)}"${c.istat === answers.comune ? ' selected' : ''}>${escapeHtml(c.name)}</option>`).join('');
  return `<form class="profile" method="get" action="${PROFILE_ROUTES.cms}">
<label for="${P.comune}">${L.comune}</label>
<select id="${P.comune}" name="${P.comune}"><option value="">${L.anyComune}</option>${comuni}</select>
<fieldset>
<legend>${L.age}</legend>
${choice('radio', P.age, '', L.anyAge, answers.age === null)}
${PROFILE_AGE_CODES.map((code) => choice('radio', P.age, code, PROFILE_AGES[code].label, answers.age === code)).join('\n')}
</fieldset>
<fieldset>
<legend>${L.situation}</legend>
<p class="hint">${L.situationHint}</p>
${PROFILE_SITUATION_CODES.map((code) => choice('checkbox', P.situation, code, PROFILE_SITUATIONS[code].label, answers.situations.includes(code))).join('\n')}
</fieldset>
<fieldset>
<legend>${L.interest}</legend>
${catalogue.themes.map((t) => choice('checkbox', P.interest, t.slug, t.name, answers.interests.includes(t.slug))).join('\n')}
</fieldset>
<p><button type="submit">${L.submit}</button></p>
</form>`;
}

function resultItem(result: ProfileResult, siteUrl: string): string {
  return `<li>
<p class="type">${escapeHtml(result.typeLabel)}</p>
<h3><a href="${escapeHtml(siteUrl + result.url)}">${escapeHtml(result.title)}</a></h3>
${result.reason ? `<p class="reason">${escapeHtml(result.reason)}</p>` : ''}
${result.where ? `<p class="where">${escapeHtml(result.where)}</p>` : ''}
${result.state ? `<p class="state">${escapeHtml(result.state)}</p>` : ''}
<p>${escapeHtml(result.summary)}</p>
</li>`;
}

const backLinks = (siteUrl: string) =>
  `<p><a href="${escapeHtml(`${siteUrl}${PROFILE_ROUTES.page}`)}">Torna alla pagina del sito</a> · <a href="${escapeHtml(`${siteUrl}/`)}">Home page</a></p>`;

export const PRIVACY_NOTE = 'Le tue risposte non vengono conservate: servono solo a comporre questa pagina.';

export function resultsPage(catalogue: ProfileCatalogue, answers: ProfileAnswers, problems: string[], matches: ProfileMatches, { siteUrl }: PageContext): string {
  const groups = matches.groups
    .map(
      (g) => `<section class="group" aria-labelledby="gruppo-${g.key}">
<h2 id="gruppo-${g.key}">${escapeHtml(g.title)}</h2>
<ol class="results">
${g.results.map((r) => resultItem(r, siteUrl)).join('\n')}
</ol>
</section>`,
    )
    .join('\n');
  return page(
    L.title,
    `${problems.length ? `<div class="errors" role="alert"><p>Alcune risposte non sono tra quelle proposte:</p><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>` : ''}
<p class="note">${escapeHtml(PRIVACY_NOTE)}</p>
<p class="count" role="status">${escapeHtml(matches.count)}</p>
${matches.hints.map((h) => `<p class="hint">${escapeHtml(h)}</p>`).join('\n')}
${groups}
<p><a href="${escapeHtml(subscribeUrl('', profileSubscription(answers)))}">Ricevi per e-mail le nuove opportunità per te</a></p>
<h2>Cambia le risposte</h2>
${profileForm(answers, catalogue)}
${backLinks(siteUrl)}`,
    STYLE,
  );
}

export function tooManyPage(minutes: number, { siteUrl }: PageContext): string {
  return page(
    'Troppe richieste',
    `<p role="alert">Hai chiesto questa pagina molte volte in poco tempo: riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.</p>
${backLinks(siteUrl)}`,
    STYLE,
  );
}
