/**
 * The subscription pages, in Italian, for any browser (plain forms, no script): the form with a list's
 * filters filled in, «check your mail», the confirmation, the unsubscribe and the address's subscriptions.
 */
import { FOLLOWABLE_TYPES, FREQUENCY_LABELS, SUBSCRIPTION_CONFIRM_DAYS, SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_LIMITS, SUBSCRIPTION_PARAMS as P, SUBSCRIPTION_REMINDER_DAYS, SUBSCRIPTION_ROUTES, SUBSCRIPTION_TOPICS, TYPES, type SubscriptionFilters } from '@coesione/model';
import type { TopicFilters } from './topics';
import { escapeHtml, page } from '../../platform/html';
import type { FilterErrors, Vocabulary } from './filters';
import type { SubscriptionView } from './service';

const STYLE = `
  label, legend { display: block; font-weight: 600; margin-top: 1rem; }
  select, input[type=email], input[type=text] { font: inherit; width: 100%; max-width: 28rem; padding: .4rem; box-sizing: border-box; }
  fieldset { border: 0; padding: 0; margin: 0; }
  .choice label { display: inline; font-weight: 400; margin: 0; }
  .hint { color: #5c6f82; margin: .25rem 0 0; }
  .error { color: #a61919; font-weight: 600; margin: .25rem 0 0; }
  .note { background: #f0f6fc; padding: .75rem 1rem; }
  button.secondary { background: #fff; color: #0059b3; border: 2px solid #0059b3; }
  ul.subscriptions { padding-left: 1.25rem; } ul.subscriptions li { margin-bottom: 1rem; }
`;

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const options = (entries: Iterable<[string, string]>, chosen: string | undefined, none: string) =>
  [`<option value="">${escapeHtml(none)}</option>`, ...[...entries].map(([value, label]) => `<option value="${escapeHtml(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`)].join('');

export interface FormState {
  filters: Partial<SubscriptionFilters>;
  email?: string;
  frequency?: string;
  errors?: FilterErrors;
}

/** The form: every filter a select of what exists, the list's filters chosen; errors beside their field and summed up on top. */
export function formPage(action: string, vocabulary: Vocabulary, state: FormState, siteUrl: string): string {
  const { filters, errors = {} } = state;
  const error = (field: keyof FilterErrors) => (errors[field] ? `<p class="error" id="errore-${field}">${escapeHtml(errors[field])}</p>` : '');
  const described = (field: keyof FilterErrors) => (errors[field] ? ` aria-describedby="errore-${field}" aria-invalid="true"` : '');
  const list = Object.entries(errors) as [keyof FilterErrors, string][];
  const kinds = vocabulary.kinds.opportunity;
  return page(
    'Ricevi aggiornamenti per e-mail',
    `${list.length ? `<div class="errors" role="alert"><p><strong>Controlla ${list.length === 1 ? 'questo campo' : 'questi campi'}:</strong></p><ul>${list.map(([field, text]) => `<li><a href="#campo-${field}">${escapeHtml(text)}</a></li>`).join('')}</ul></div>` : ''}
<p>Ti scriviamo quando su Coesione compare qualcosa di nuovo che corrisponde a quello che scegli qui. Non serve un account: confermi dal messaggio che ricevi, e ogni messaggio ha il link per smettere in un clic.</p>
<form method="post" action="${escapeHtml(action)}" novalidate>
<label for="campo-type">Sezione da seguire</label>
<select id="campo-type" name="${P.type}" required${described('type')}>${options(FOLLOWABLE_TYPES.map((t) => [t, TYPES[t].label]), filters.type, 'Scegli una sezione')}</select>
${error('type')}
<label for="campo-comune">Comune</label>
<select id="campo-comune" name="${P.comune}"${described('comune')}>${options(vocabulary.comuni, filters.comune, 'Tutto il distretto')}</select>
<p class="hint">Le schede che valgono per tutto il distretto arrivano anche a chi segue un comune.</p>
${error('comune')}
<label for="campo-theme">Area tematica</label>
<select id="campo-theme" name="${P.theme}"${described('theme')}>${options(vocabulary.themes, filters.theme, 'Tutte le aree')}</select>
${error('theme')}
<label for="campo-target">Destinatari</label>
<select id="campo-target" name="${P.target}"${described('target')}>${options(vocabulary.targets, filters.target, 'Tutti')}</select>
${error('target')}
${kinds ? `<label for="campo-kind">Tipologia (solo per le opportunità)</label>
<select id="campo-kind" name="${P.kind}"${described('kind')}>${options(kinds, filters.kind, 'Tutte le tipologie')}</select>
${error('kind')}` : ''}
<label for="campo-words">Parole da cercare (facoltativo)</label>
<input id="campo-words" name="${P.words}" type="text" maxlength="${SUBSCRIPTION_LIMITS.words}" value="${escapeHtml(filters.words ?? '')}"${described('words')}>
<p class="hint">Solo le schede che le contengono tutte, nel titolo o nella descrizione.</p>
${error('words')}
<fieldset id="campo-frequency">
<legend>Ogni quanto</legend>
${SUBSCRIPTION_FREQUENCIES.map((f) => `<p class="choice"><input type="radio" id="frequenza-${f}" name="${P.frequency}" value="${f}"${(state.frequency ?? 'immediate') === f ? ' checked' : ''}> <label for="frequenza-${f}">${escapeHtml(FREQUENCY_LABELS[f])}</label></p>`).join('\n')}
</fieldset>
${error('frequency')}
<label for="campo-email">Il tuo indirizzo e-mail</label>
<input id="campo-email" name="${P.email}" type="email" autocomplete="email" required maxlength="${SUBSCRIPTION_LIMITS.email}" value="${escapeHtml(state.email ?? '')}"${described('email')}>
${error('email')}
<p class="hint">Lo usiamo solo per questi aggiornamenti, non lo mostriamo a nessuno e lo cancelliamo quando annulli l’ultima iscrizione. ${link(`${siteUrl}/privacy/`, 'Informativa sulla privacy')}.</p>
<p><button type="submit">Iscriviti</button></p>
</form>
<p>${link(siteUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}

const TOPIC_TEXT: Record<TopicFilters['topic'], string> = {
  pact: 'Ti scriviamo ogni volta che il patto cambia fase: dalla proposta alla firma, all’attuazione, al rendiconto.',
  sessions: 'Ti scriviamo quando il laboratorio pubblica un nuovo incontro, così puoi prenotare in tempo.',
  deadline: `Ti scriviamo ${SUBSCRIPTION_REMINDER_DAYS} giorni prima della scadenza, una volta sola (di nuovo se la scadenza cambia).`,
  needs: 'Ti scriviamo una volta a trimestre, quando le cifre diventano definitive: le stesse che il sito pubblica, con i numeri troppo piccoli nascosti per proteggere le persone.',
};

/** The form that follows one thing: what it is, how often, and the address. */
export function topicFormPage(action: string, topic: TopicFilters, state: { email?: string; errors?: FilterErrors }, siteUrl: string): string {
  const error = state.errors?.email;
  return page(
    'Ricevi aggiornamenti per e-mail',
    `${error ? `<div class="errors" role="alert"><p><a href="#campo-email">${escapeHtml(error)}</a></p></div>` : ''}
<p>Vuoi seguire ${escapeHtml(topic.label)}?</p>
<p>${escapeHtml(TOPIC_TEXT[topic.topic])} Non serve un account: confermi dal messaggio che ricevi, e ogni messaggio ha il link per smettere in un clic.</p>
<form method="post" action="${escapeHtml(action)}" novalidate>
<input type="hidden" name="${SUBSCRIPTION_TOPICS[topic.topic]}" value="${escapeHtml(topic.target)}">
<label for="campo-email">Il tuo indirizzo e-mail</label>
<input id="campo-email" name="${P.email}" type="email" autocomplete="email" required maxlength="${SUBSCRIPTION_LIMITS.email}" value="${escapeHtml(state.email ?? '')}"${error ? ' aria-describedby="errore-email" aria-invalid="true"' : ''}>
${error ? `<p class="error" id="errore-email">${escapeHtml(error)}</p>` : ''}
<p class="hint">Lo usiamo solo per questi aggiornamenti, non lo mostriamo a nessuno e lo cancelliamo quando annulli l’ultima iscrizione. ${link(`${siteUrl}/privacy/`, 'Informativa sulla privacy')}.</p>
<p><button type="submit">Iscriviti</button></p>
</form>
<p>${link(siteUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}

export function sentPage(email: string, description: string, siteUrl: string): string {
  return page(
    'Controlla la posta',
    `<p class="note" role="status">Ti abbiamo scritto a <strong>${escapeHtml(email)}</strong>: apri il messaggio e conferma l’iscrizione entro ${SUBSCRIPTION_CONFIRM_DAYS} giorni.</p>
<p>Hai chiesto di seguire: ${escapeHtml(description)}.</p>
<p>Senza conferma non ti scriviamo nulla e il tuo indirizzo viene cancellato. Se il messaggio non arriva, guarda nella posta indesiderata.</p>
<p>${link(siteUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}

export function confirmPage(action: string, description: string): string {
  return page(
    'Conferma l’iscrizione',
    `<p>Vuoi ricevere gli aggiornamenti su: ${escapeHtml(description)}?</p>
<form method="post" action="${escapeHtml(action)}"><p><button type="submit">Sì, conferma l’iscrizione</button></p></form>`,
    STYLE,
  );
}

export function confirmedPage(description: string, manageUrl: string, siteUrl: string, already: boolean): string {
  return page(
    already ? 'Iscrizione già confermata' : 'Iscrizione confermata',
    `<p class="note" role="status">${already ? 'Questa iscrizione era già confermata' : 'Fatto: da ora ricevi gli aggiornamenti'} su: ${escapeHtml(description)}.</p>
<p>Ogni messaggio ha il link per smettere di riceverli. ${link(manageUrl, 'Le tue iscrizioni')}</p>
<p>${link(siteUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}

export function messagePage(title: string, text: string, siteUrl: string): string {
  return page(title, `<p role="alert">${escapeHtml(text)}</p>\n<p>${link(`${siteUrl}`, 'Torna al sito')}</p>`, STYLE);
}

/** The address's subscriptions, each with its button; the link's own first. */
export function managePage(action: string, email: string, subscriptions: SubscriptionView[], siteUrl: string, cmsUrl: string, message?: string): string {
  return page(
    'Le tue iscrizioni',
    `${message ? `<p class="note" role="status">${escapeHtml(message)}</p>\n` : ''}<p>Gli aggiornamenti che arrivano a <strong>${escapeHtml(email)}</strong>:</p>
<ul class="subscriptions">
${subscriptions.map((s) => `<li>${escapeHtml(s.description)}<br><span class="hint">${escapeHtml(s.frequency)}</span>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="annulla" value="${s.id}"><button type="submit" class="secondary">Annulla questa iscrizione</button></form></li>`).join('\n')}
</ul>
${subscriptions.length > 1 ? `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="annulla" value="tutte"><p><button type="submit" class="secondary">Annulla tutte le iscrizioni</button></p></form>` : ''}
<p>${link(`${cmsUrl}${SUBSCRIPTION_ROUTES.form}`, 'Segui un’altra sezione')} · ${link(siteUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}

export function unsubscribePage(action: string, description: string): string {
  return page(
    'Annulla l’iscrizione',
    `<p>Non vuoi più ricevere gli aggiornamenti su: ${escapeHtml(description)}?</p>
<form method="post" action="${escapeHtml(action)}"><p><button type="submit">Sì, annulla l’iscrizione</button></p></form>`,
    STYLE,
  );
}

export function unsubscribedPage(count: number, siteUrl: string, cmsUrl: string): string {
  return page(
    'Iscrizione annullata',
    `<p class="note" role="status">${count === 1 ? 'L’iscrizione è annullata' : `${count} iscrizioni sono annullate`}: non ti scriveremo più per ${count === 1 ? 'essa' : 'esse'}. Se era l’ultima, il tuo indirizzo è cancellato.</p>
<p>${link(`${cmsUrl}${SUBSCRIPTION_ROUTES.form}`, 'Iscriviti di nuovo')} · ${link(siteUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}
