/**
 * Look up a receipt code. Without JavaScript it is a plain GET form to the CMS, which answers with its
 * own Italian page; hydrated, it asks `GET /api/submissions/status/<code>` and shows the state and the
 * public reply here, and keeps the code in the address (`?codice=`) so the page can be bookmarked.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { KIND_LABELS, normalizeReceipt, type PublicStatus, type State } from '@coesione/model';
import { FieldMessage } from './FormShell';
import './participation.css';

export interface StatusLookupProps {
  cmsUrl: string;
}

type Status = PublicStatus;

type View = { name: 'idle' } | { name: 'loading' } | { name: 'found'; status: Status } | { name: 'problem'; message: string };

const MEANING: Record<State, string> = {
  ricevuta: 'L’invio è arrivato e aspetta di essere letto dalla redazione.',
  in_revisione: 'La redazione sta esaminando l’invio.',
  accettata: 'La redazione ha accolto l’invio.',
  respinta: 'La redazione non ha potuto accogliere l’invio; il motivo è nella risposta.',
};
const PACT_TAKEN_UP = 'L’ufficio ha preso in carico la proposta e ne sta esaminando la fattibilità (istruttoria): il patto non è ancora approvato.';
const dateTime = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const ID = 'stato-codice';

export default function StatusLookup({ cmsUrl }: StatusLookupProps) {
  const [view, setView] = useState<View>({ name: 'idle' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  async function lookUp(typed: string, moveFocus: boolean) {
    const code = normalizeReceipt(typed);
    if (!code) {
      setView({ name: 'idle' });
      setFieldError('Il codice ha 12 caratteri, lettere e cifre, di solito in tre gruppi: per esempio ABCD-EFGH-JKMN.');
      if (moveFocus) input.current?.focus();
      return;
    }
    setFieldError(null);
    if (input.current) input.current.value = code;
    window.history.replaceState(null, '', `${window.location.pathname}?codice=${encodeURIComponent(code)}`);
    setView({ name: 'loading' });
    let next: View;
    try {
      const res = await fetch(`${cmsUrl}/api/submissions/status/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } });
      const body = (await res.json().catch(() => null)) as { data?: Status; error?: { message?: string } } | null;
      if (res.ok && body?.data) next = { name: 'found', status: body.data };
      else if (res.status === 404) next = { name: 'problem', message: body?.error?.message ?? `Non troviamo nessun invio con il codice ${code}. Controlla di averlo scritto bene.` };
      else next = { name: 'problem', message: body?.error?.message ?? `Il servizio non ha risposto come previsto (errore ${res.status}). Riprova tra poco.` };
    } catch {
      next = { name: 'problem', message: 'Non è stato possibile controllare lo stato: il servizio non risponde. Controlla la connessione e riprova tra poco.' };
    }
    setView(next);
    if (moveFocus) requestAnimationFrame(() => result.current?.focus());
  }

  // A link from the receipt (`?codice=…`) looks the code up at once.
  useEffect(() => {
    setReady(true);
    const code = new URLSearchParams(window.location.search).get('codice');
    if (code) {
      if (input.current) input.current.value = code;
      void lookUp(code, false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the first render: the code in the address is read once
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void lookUp(input.current?.value ?? '', true);
  };

  return (
    <div className="participation" data-ready={ready ? '' : undefined}>
      <form className="participation-form participation-status-form" method="get" action={`${cmsUrl}/api/submissions/status`} onSubmit={onSubmit}>
        <div className="form-group">
          <label className="active" htmlFor={ID}>
            Codice di ricevuta
          </label>
          <input
            ref={input}
            className={`form-control${fieldError ? ' is-invalid' : ''}`}
            id={ID}
            name="codice"
            type="text"
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${ID}-hint ${ID}-error` : `${ID}-hint`}
          />
          <small className="form-text" id={`${ID}-hint`}>
            Lo trovi nella conferma dell’invio, per esempio ABCD-EFGH-JKMN.
          </small>
          {fieldError && <FieldMessage id={`${ID}-error`} message={fieldError} />}
        </div>
        <button className="btn btn-primary" type="submit" disabled={view.name === 'loading'}>
          Controlla lo stato
        </button>
      </form>
      <div className="participation-status-result" ref={result} tabIndex={-1} role="status" aria-live="polite" aria-atomic="true">
        {view.name === 'loading' && <p>Ricerca in corso…</p>}
        {view.name === 'problem' && (
          <div className="alert alert-warning">
            <p>{view.message}</p>
          </div>
        )}
        {view.name === 'found' && (
          <section aria-labelledby="stato-risultato" className="participation-status-card">
            <h2 id="stato-risultato">
              {KIND_LABELS[view.status.kind] ?? 'Invio'} {view.status.receipt}
            </h2>
            <dl className="participation-status-facts">
              <dt>Stato</dt>
              <dd>
                <strong className="participation-state" data-state={view.status.state}>
                  {view.status.stateLabel}
                </strong>
                <br />
                {view.status.kind === 'patto' && view.status.state === 'accettata' ? PACT_TAKEN_UP : (MEANING[view.status.state] ?? '')}
              </dd>
              <dt>Ultimo aggiornamento</dt>
              <dd>
                <time dateTime={view.status.updatedAt}>{dateTime.format(new Date(view.status.updatedAt))}</time>
              </dd>
              <dt>Risposta della redazione</dt>
              <dd>{view.status.reply ? <span className="participation-reply">{view.status.reply}</span> : 'Nessuna risposta per ora.'}</dd>
              {view.status.pact && (
                <>
                  <dt>Il patto nel registro</dt>
                  <dd>
                    <a href={view.status.pact.path}>{view.status.pact.title}</a> (fase: {view.status.pact.stage})
                  </dd>
                </>
              )}
            </dl>
          </section>
        )}
      </div>
    </div>
  );
}
