/**
 * «Il mio profilo di opportunità» where JavaScript runs: the answers stay in the browser. The script stops
 * the form's submission (without it the form asks the CMS, GET /api/per-te), reads the answers, fetches the
 * catalogue file once (a request that carries no answer), runs @coesione/model's profileMatches here, writes
 * the results into the page and says how many in the page's live status. The answers go into the address's
 * fragment with history.replaceState, so a reload shows them again while no request ever carries them.
 *
 * The markup says what to use: `[data-profile]` holds `data-catalogue` (the file's address), the form
 * `[data-profile-form]`, the status `[data-profile-status]` and the results' place `[data-profile-results]`.
 */
import { profileMatches, profileQuery, profileSubscription, readProfileAnswers, subscribeUrl, type ProfileCatalogue, type ProfileMatches, type ProfileResult } from '@coesione/model';
import { answersInAddress, answersRecord, CatalogueError, checkCatalogue } from './profile-state';

type Attributes = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** One result as the site's cards draw an entry (CardList.astro), with the line that says why it fits. */
function card(result: ProfileResult): HTMLLIElement {
  const body = el('div', { class: 'it-card-body' }, el('p', { class: 'it-card-subtitle' }, el('span', { class: 'fw-semibold' }, result.typeLabel)));
  body.append(el('p', { class: 'profile-reason' }, result.reason));
  if (result.where) body.append(el('p', { class: 'profile-where' }, result.where));
  // profileMatches keeps only what is still open: an opportunity's state line is marked open, as on its card.
  if (result.state) body.append(el('p', { class: `state-line${result.type === 'opportunity' ? ' is-open' : ''}` }, result.state));
  body.append(el('p', { class: 'it-card-text' }, result.summary));
  return el('li', {}, el('article', { class: 'it-card rounded shadow-sm border' }, el('h3', { class: 'it-card-title' }, el('a', { href: result.url }, result.title)), body));
}

const FOLLOW_LABEL = 'Ricevi per e-mail le nuove opportunità per te';

function render(output: HTMLElement, matches: ProfileMatches, problems: string[]): void {
  const nodes: Node[] = [];
  if (problems.length > 0) nodes.push(el('div', { class: 'alert alert-warning', role: 'alert' }, el('ul', { class: 'mb-0' }, ...problems.map((p) => el('li', {}, p)))));
  for (const hint of matches.hints) nodes.push(el('p', { class: 'profile-hint' }, hint));
  for (const group of matches.groups) {
    const id = `per-te-${group.key}`;
    nodes.push(el('section', { class: 'profile-group', 'aria-labelledby': id }, el('h2', { id }, group.title), el('ul', { class: 'card-grid' }, ...group.results.map(card))));
  }
  output.replaceChildren(...nodes);
}

/** Ticks the form as the answers say (the answers of an address: a reload, a saved link). */
function fill(form: HTMLFormElement, params: URLSearchParams): void {
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]')) {
    const values = params.getAll(field.name);
    if (field instanceof HTMLSelectElement) field.value = values[0] ?? '';
    else if (field.type === 'radio') field.checked = (values[0] ?? '') === field.value;
    else if (field.type === 'checkbox') field.checked = values.includes(field.value);
  }
}

function formParams(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
  return params;
}

export function initProfilePage(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form[data-profile-form]');
  const status = root.querySelector<HTMLElement>('[data-profile-status]');
  const output = root.querySelector<HTMLElement>('[data-profile-results]');
  const url = root.dataset.catalogue;
  if (!form || !status || !output || !url) return;

  let catalogue: Promise<ProfileCatalogue> | undefined;
  const load = (): Promise<ProfileCatalogue> => {
    if (!catalogue) {
      const loading = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
        if (!res.ok) throw new CatalogueError(`Il catalogo delle opportunità non è arrivato (HTTP ${res.status}).`);
        return checkCatalogue(await res.json());
      });
      catalogue = loading;
      loading.catch(() => {
        if (catalogue === loading) catalogue = undefined; // asked again at the next answer
      });
    }
    return catalogue;
  };

  const show = async (params: URLSearchParams): Promise<void> => {
    status.textContent = 'Cerco che cosa c’è per te…';
    output.setAttribute('aria-busy', 'true');
    try {
      const current = await load();
      const { answers, problems } = readProfileAnswers(answersRecord(params), current);
      const matches = profileMatches(answers, current, new Date());
      render(output, matches, problems);
      // The same answers, followed by e-mail: the CMS's form with them chosen (a link; nothing is sent until it is followed).
      output.append(el('p', { class: 'profile-follow' }, el('a', { href: subscribeUrl(root.dataset.cms ?? '', profileSubscription(answers)) }, FOLLOW_LABEL)));
      const query = profileQuery(answers);
      history.replaceState(history.state, '', `${location.pathname}${query ? `#${query}` : ''}`);
      status.textContent = matches.count;
    } catch (error) {
      console.error('Il mio profilo di opportunità:', error);
      output.replaceChildren();
      status.textContent = 'Non siamo riusciti a caricare le opportunità: controlla la connessione e riprova.';
    } finally {
      output.removeAttribute('aria-busy');
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(formParams(form));
  });
  // The file is asked for as soon as someone starts answering, so the results come at once.
  form.addEventListener('focusin', () => void load().catch(() => {}), { once: true });
  const given = answersInAddress(location.hash, location.search);
  if (given) {
    fill(form, given);
    void show(given);
  }
}
