/**
 * The Italian HTML answers for browsers with no JavaScript: the plain form post of /partecipa/ and the
 * plain GET form of /partecipa/stato/. Self-contained pages (no scripts, a few inline styles), each with
 * lang="it", a title, one h1 and a link back to the site.
 */
import { escapeHtml, page } from '../../platform/html';
import { FIELD_LABELS, type FieldError } from './validation';

const fieldLabel = (path: string[]) => FIELD_LABELS[path[0] ?? ''] ?? path.join('.');

export function errorsPage(message: string, errors: FieldError[], backUrl: string): string {
  const items = errors
    .map((e) => `<li><strong>${escapeHtml(fieldLabel(e.path) || 'Richiesta')}</strong>: ${escapeHtml(e.message)}</li>`)
    .join('\n');
  return page(
    'Il modulo contiene errori',
    `<div class="errors" role="alert">
<p>${escapeHtml(message)}</p>
${items ? `<ul>\n${items}\n</ul>` : ''}
</div>
<p>Nessun dato è stato salvato.</p>
<p><a href="${escapeHtml(backUrl)}">Torna al modulo</a> (usa il tasto «Indietro» del browser per ritrovare i dati già scritti).</p>`,
  );
}

/** A plain message page (too many requests, body too large, wrong content type). */
export function messagePage(title: string, message: string, backUrl: string): string {
  return page(title, `<p role="alert">${escapeHtml(message)}</p>\n<p><a href="${escapeHtml(backUrl)}">Torna al modulo</a></p>`);
}

/** Values shown on the confirmation page, in the order of the form. */
export interface ShownField {
  name: string;
  label: string;
  value: string;
}

export function confirmPage(shown: ShownField[], hidden: Record<string, string>, backUrl: string): string {
  const list = shown.map((f) => `<dt>${escapeHtml(f.label)}</dt>\n<dd>${escapeHtml(f.value)}</dd>`).join('\n');
  const inputs = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    "Controlla e conferma l'invio",
    `<p>Il contributo non è ancora stato inviato. Controlla i dati: se sono corretti, premi «Conferma e invia».</p>
<dl>
${list}
</dl>
<form method="post">
${inputs}
<p><button type="submit">Conferma e invia</button></p>
</form>
<p><a href="${escapeHtml(backUrl)}">Torna al modulo per correggere</a></p>`,
  );
}

export function receiptPage(receipt: string, statusUrl: string, backUrl: string): string {
  return page(
    'Contributo ricevuto',
    `<p>Grazie: il contributo è stato ricevuto. Il tuo codice di ricevuta è</p>
<p class="receipt">${escapeHtml(receipt)}</p>
<p>Conservalo: serve a seguire il contributo. Nessuno, senza il codice, può vederne lo stato.</p>
<h2>Cosa succede adesso</h2>
<ol>
<li>Una persona della redazione del Distretto legge il contributo (stato «In revisione»).</li>
<li>Lo accetta oppure lo respinge, con una risposta pubblica che trovi insieme allo stato.</li>
<li>Nulla viene pubblicato senza questa revisione; i tuoi dati di contatto non sono mai pubblicati.</li>
</ol>
<p><a href="${escapeHtml(statusUrl)}">Segui lo stato del contributo ${escapeHtml(receipt)}</a></p>
<p><a href="${escapeHtml(backUrl)}">Torna alla pagina Partecipa</a></p>`,
  );
}

export function statusPage(
  status: { receipt: string; stateLabel: string; kindLabel: string; reply: string | null; updatedAt: string; pact?: { title: string; url: string; stage: string } | null },
  backUrl: string,
): string {
  const updated = new Date(status.updatedAt).toLocaleString('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' });
  return page(
    `Stato del contributo ${status.receipt}`,
    `<dl>
<dt>Tipo</dt><dd>${escapeHtml(status.kindLabel)}</dd>
<dt>Stato</dt><dd>${escapeHtml(status.stateLabel)}</dd>
<dt>Ultimo aggiornamento</dt><dd>${escapeHtml(updated)}</dd>
<dt>Risposta della redazione</dt><dd>${status.reply ? escapeHtml(status.reply) : 'Ancora nessuna risposta.'}</dd>
${status.pact ? `<dt>Il patto nel registro</dt><dd><a href="${escapeHtml(status.pact.url)}">${escapeHtml(status.pact.title)}</a> (fase: ${escapeHtml(status.pact.stage)})</dd>
` : ''}</dl>
<p><a href="${escapeHtml(backUrl)}">Torna alla pagina dello stato</a></p>`,
  );
}
