/**
 * The booking's Italian pages, served by the CMS to any browser (the form on the site is a plain form
 * post, with or without JavaScript): the confirmation page, the booked page with the code and the
 * personal link, the booking's own page (cancel, confirm an offered seat), and the refusals.
 */
import { BOOKING_STATE_LABELS, CERTIFICATE_ROUTES } from '@coesione/model';
import QRCode from 'qrcode';
import { escapeHtml, page, type SiteFrame } from '../../platform/html';
import type { PublicCertificate } from './certificates';
import type { BookableSession, BookingView } from './service';
import { BOOKING_FIELD_LABELS, type BookingInput, type FieldError } from './validation';

const STYLE = `
  .code { font: 700 2rem/1.2 ui-monospace, "SFMono-Regular", Menlo, monospace; letter-spacing: .15em; }
  .note { border-left: 4px solid #0059b3; padding: .5rem 1rem; }
  form.inline { display: inline; }
  button.secondary { background: #fff; color: #a61919; border: 2px solid #a61919; }
`;

const when = (iso: string) => new Date(iso).toLocaleString('it-IT', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });
const seatsText = (n: number) => (n === 1 ? '1 posto' : `${n} posti`);
const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

export const workshopUrl = (siteUrl: string, slug: string) => `${siteUrl}/laboratori/${encodeURIComponent(slug)}/`;

export function errorsPage(message: string, errors: FieldError[], backUrl: string): string {
  const items = errors.map((e) => `<li><strong>${escapeHtml(BOOKING_FIELD_LABELS[e.path[0] ?? ''] ?? 'Richiesta')}</strong>: ${escapeHtml(e.message)}</li>`).join('\n');
  return page(
    'La prenotazione non è stata registrata',
    `<div class="errors" role="alert">
<p>${escapeHtml(message)}</p>
${items ? `<ul>\n${items}\n</ul>` : ''}
</div>
<p>Nessun dato è stato salvato.</p>
<p>${link(backUrl, 'Torna al laboratorio')} (il tasto «Indietro» del browser ritrova i dati già scritti).</p>`,
  );
}

export function messagePage(title: string, message: string, backUrl: string): string {
  return page(title, `<p role="alert">${escapeHtml(message)}</p>\n<p>${link(backUrl, 'Torna al sito')}</p>`);
}

export function confirmPage(input: BookingInput, session: BookableSession, token: string, backUrl: string): string {
  const hidden: Record<string, string> = {
    workshop: input.workshop, session: input.session, name: input.name, email: input.email ?? '', phone: input.phone ?? '',
    seats: String(input.seats), accessibility: input.accessibility ?? '', consent: 'on', confirmToken: token, returnTo: backUrl,
  };
  const inputs = Object.entries(hidden).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('\n');
  const rows: [string, string | undefined][] = [
    ['Laboratorio', session.title], ['Incontro', when(session.start)], ['Nome e cognome', input.name], ['E-mail', input.email], ['Telefono', input.phone],
    ['Posti', seatsText(input.seats)], ['Esigenze di accessibilità', input.accessibility],
  ];
  return page(
    'Controlla e conferma la prenotazione',
    `<p>La prenotazione non è ancora registrata. Controlla i dati: se sono giusti, premi «Conferma la prenotazione».</p>
<dl>
${rows.filter(([, v]) => v).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}
</dl>
<form method="post">
${inputs}
<p><button type="submit">Conferma la prenotazione</button></p>
</form>
<p>${link(backUrl, 'Torna al laboratorio per correggere')}</p>`,
    STYLE,
  );
}

/** The code as a QR (SVG, drawn on the server: the page has no script), for a scanner at the door; the code is written beside it. */
export async function codeQr(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', margin: 1, width: 160, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', `<svg role="img" aria-label="Codice QR della prenotazione ${escapeHtml(code)}" `);
}

export function bookedPage(result: { state: 'confirmed' | 'waiting'; code: string; seats: number; session: BookableSession }, manageUrl: string, backUrl: string, qr = ''): string {
  const confirmed = result.state === 'confirmed';
  return page(
    confirmed ? 'Prenotazione confermata' : "Sei in lista d'attesa",
    `<p>${confirmed ? `Hai ${seatsText(result.seats)} a` : `L'incontro è completo: sei in lista d'attesa per ${seatsText(result.seats)} a`} «${escapeHtml(result.session.title)}», ${escapeHtml(when(result.session.start))}.</p>
<p>Il tuo codice di prenotazione, da mostrare all'ingresso, è</p>
<p class="code">${escapeHtml(result.code)}</p>
${qr ? `<p class="qr">${qr}</p>` : ''}
<div class="note">
<p><strong>Conserva questo link</strong>: è la tua prenotazione. Serve per vederla, annullarla${confirmed ? '' : ' e confermare il posto quando si libera'}. Chi non ha il link non può vederla.</p>
<p>${link(manageUrl, 'La tua prenotazione')} · ${link(`${manageUrl}/calendario.ics`, 'Aggiungi al calendario')}</p>
</div>
${confirmed ? '' : `<p>Quando si libera un posto lo offriamo al primo in lista: dalla pagina della prenotazione lo confermi entro il tempo indicato, poi passa al successivo.</p>`}
<p>${link(backUrl, 'Torna al laboratorio')}</p>`,
    STYLE,
  );
}

export function managePage(view: BookingView, manageUrl: string, backUrl: string, message?: string, qr = ''): string {
  const offered = view.state === 'offered' && view.heldUntil;
  return page(
    'La tua prenotazione',
    `${message ? `<p class="note" role="status">${escapeHtml(message)}</p>` : ''}
<dl>
<dt>Stato</dt><dd>${escapeHtml(BOOKING_STATE_LABELS[view.state])}</dd>
<dt>Laboratorio</dt><dd>${escapeHtml(view.session.title)}</dd>
<dt>Incontro</dt><dd>${escapeHtml(when(view.session.start))}</dd>
<dt>Posti</dt><dd>${seatsText(view.seats)}</dd>
<dt>Codice</dt><dd class="code">${escapeHtml(view.code)}</dd>
</dl>
${qr ? `<p class="qr">${qr}</p>` : ''}
${offered ? `<p>Si è liberato un posto per te: confermalo entro ${escapeHtml(when(view.heldUntil!))}, poi passa al successivo in lista.</p>
<form method="post" action="${escapeHtml(manageUrl)}/conferma"><p><button type="submit">Conferma il posto</button></p></form>` : ''}
${view.cancellable ? `<p>${link(`${manageUrl}/calendario.ics`, 'Aggiungi al calendario')}</p>
<form method="post" action="${escapeHtml(manageUrl)}/annulla"><p><button type="submit" class="secondary">Annulla la prenotazione</button></p></form>
<p>Annullando, il posto passa a chi è in lista d'attesa.</p>` : ''}
<p>${link(backUrl, 'Torna al sito')}</p>`,
    STYLE,
  );
}

/** A certificate's check is served under the site's address (its proxy rewrite): it is drawn as a page of the site. */
const certificateFrame = (siteUrl: string): SiteFrame => ({ siteUrl, trail: [[CERTIFICATE_ROUTES.page, 'Verifica di un attestato']] });
const anotherCode = (siteUrl: string) => link(`${siteUrl}${CERTIFICATE_ROUTES.page}`, 'Verifica un altro attestato');

/** The public check of a certificate: what it certifies, with the holder as initial and surname only. */
export function certificatePage(c: PublicCertificate, siteUrl: string): string {
  const day = (iso: string) => new Date(iso).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });
  return page(
    'Attestato valido',
    `<p class="note" role="status">Questo attestato di partecipazione è stato rilasciato dal Distretto della coesione sociale di Vercelli.</p>
<dl>
<dt>Codice</dt><dd>${escapeHtml(c.code)}</dd>
<dt>Intestato a</dt><dd>${escapeHtml(c.publicName)}</dd>
<dt>Laboratorio</dt><dd>${escapeHtml(c.workshopTitle)}</dd>
<dt>Periodo</dt><dd>${escapeHtml(c.firstSession.slice(0, 10) === c.lastSession.slice(0, 10) ? day(c.firstSession) : `dal ${day(c.firstSession)} al ${day(c.lastSession)}`)}</dd>
<dt>Incontri frequentati</dt><dd>${c.sessionsAttended} su ${c.sessionsTotal}</dd>
${c.hours !== null ? `<dt>Ore</dt><dd>${escapeHtml(c.hours.toLocaleString('it-IT', { maximumFractionDigits: 1 }))}</dd>\n` : ''}<dt>Rilasciato il</dt><dd>${escapeHtml(day(c.issuedAt))}</dd>
</dl>
<p>Del titolare mostriamo soltanto l’iniziale del nome e il cognome: confrontali con l’attestato che ti è stato presentato.</p>
<p>${anotherCode(siteUrl)} · ${link(`${siteUrl}/laboratori/`, 'I laboratori del distretto')}</p>`,
    STYLE,
    certificateFrame(siteUrl),
  );
}

/** The answer to a code no certificate has, or to something that is no code. */
export function certificateNotFoundPage(siteUrl: string): string {
  return page(
    'Attestato non trovato',
    `<p role="alert">Nessun attestato ha questo codice: controlla di averlo scritto per intero, con le lettere e le cifre come sono stampate (per esempio AT-K7M2-QX9P).</p>
<p>${anotherCode(siteUrl)}</p>`,
    STYLE,
    certificateFrame(siteUrl),
  );
}
