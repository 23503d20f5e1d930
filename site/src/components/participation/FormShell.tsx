/**
 * The frame every participation form shares. On the server it renders a plain HTML form that posts to
 * the CMS (the CMS answers no-JavaScript users with its own Italian pages); hydrated, it sends JSON with
 * fetch and shows the answer in place: an error summary that takes the focus and links each field
 * (the GOV.UK / Designers Italia pattern), errors next to their fields, a live-region announcement,
 * and on success the receipt code with the link to the status page.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Kind } from '@coesione/model';
import { checkPayload, sendSubmission, statusPageUrl, toPayload, type FieldError } from './form-core';
import './participation.css';

export interface FormShellProps {
  kind: Kind;
  cmsUrl: string;
  /** Prefix of every id in the form, unique on the page. */
  idPrefix: string;
  /** Field name → the id of its control, so summary links and server errors find the field. */
  fieldIds: Record<string, string>;
  /** What happens after sending, in one or two sentences. */
  next: ReactNode;
  submitLabel: string;
  /** The fields, given the error of each (by name). */
  children: (errorOf: (field: string) => string | undefined) => ReactNode;
  /** Called after a successful send (a form may clear its own widgets). */
  onSent?: () => void;
  /** Level of the form's own headings (errors, receipt, "Cosa succede dopo"), to fit the page's outline. */
  headingLevel?: 2 | 3 | 4;
}

type Phase = { name: 'editing' } | { name: 'sending' } | { name: 'sent'; receipt: string; stateLabel: string };

export default function FormShell({ kind, cmsUrl, idPrefix, fieldIds, next, submitLabel, children, onSent, headingLevel = 2 }: FormShellProps) {
  const Heading = `h${headingLevel}` as const;
  const [enhanced, setEnhanced] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: 'editing' });
  const [summary, setSummary] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const startedAt = useRef(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  // The fill time counts from when the form became usable; the server refuses bot-fast submissions.
  useEffect(() => {
    startedAt.current = Date.now();
    setEnhanced(true);
  }, []);

  useEffect(() => {
    if (summary && phase.name === 'editing') summaryRef.current?.focus();
  }, [summary, errors, phase.name]);
  useEffect(() => {
    if (phase.name === 'sent') doneRef.current?.focus();
  }, [phase.name]);

  const fail = (message: string, list: FieldError[]) => {
    setErrors(list);
    setSummary(message);
    const count = list.length;
    setAnnouncement(count > 0 ? `Invio non riuscito: ${count === 1 ? 'c’è un errore da correggere' : `ci sono ${count} errori da correggere`}.` : `Invio non riuscito. ${message}`);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phase.name === 'sending') return;
    const payload = toPayload(new FormData(event.currentTarget), startedAt.current);
    const local = checkPayload(kind, payload.data);
    if (local.length > 0) {
      fail('Controlla i campi indicati.', local);
      return;
    }
    setPhase({ name: 'sending' });
    setAnnouncement('Invio in corso…');
    const outcome = await sendSubmission(cmsUrl, payload);
    if (outcome.ok) {
      setErrors([]);
      setSummary(null);
      setPhase({ name: 'sent', receipt: outcome.receipt, stateLabel: outcome.stateLabel });
      setAnnouncement(`Invio riuscito. Il tuo codice di ricevuta è ${outcome.receipt}.`);
      onSent?.();
      return;
    }
    setPhase({ name: 'editing' });
    fail(outcome.summary, outcome.errors);
  }

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const focusField = (event: React.MouseEvent<HTMLAnchorElement>, id: string) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.closest('.form-group, fieldset, .form-check')?.scrollIntoView({ block: 'center' });
  };

  const live = (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement}
    </p>
  );

  if (phase.name === 'sent') {
    return (
      <div className="participation">
        {live}
        <div className="alert alert-success participation-done" ref={doneRef} tabIndex={-1} aria-labelledby={`${idPrefix}-done`}>
          <Heading id={`${idPrefix}-done`}>Grazie, abbiamo ricevuto il tuo invio</Heading>
          <p>
            Il tuo codice di ricevuta è <strong className="receipt">{phase.receipt}</strong> (stato: {phase.stateLabel}). Conservalo: ti serve per
            seguire l’invio.
          </p>
          <p>{next}</p>
          <p>
            <a href={statusPageUrl(phase.receipt)}>Segui lo stato dell’invio {phase.receipt}</a>
          </p>
        </div>
      </div>
    );
  }

  // Errors whose field has no control of its own (startedAt, website…) are listed without a link.
  return (
    <div className="participation" data-ready={enhanced ? '' : undefined}>
      {live}
      {summary && (
        <div className="alert alert-danger participation-summary" ref={summaryRef} tabIndex={-1} aria-labelledby={`${idPrefix}-summary`}>
          <Heading id={`${idPrefix}-summary`}>{errors.length > 0 ? 'L’invio non è riuscito: correggi questi campi' : 'L’invio non è riuscito'}</Heading>
          <p>{summary}</p>
          {errors.length > 0 && (
            <ul>
              {errors.map((e, i) => {
                const id = e.field ? fieldIds[e.field] : undefined;
                return <li key={i}>{id ? <a href={`#${id}`} onClick={(ev) => focusField(ev, id)}>{e.message}</a> : e.message}</li>;
              })}
            </ul>
          )}
        </div>
      )}
      <form className="participation-form" method="post" action={`${cmsUrl}/api/submissions`} noValidate={enhanced} onSubmit={onSubmit} aria-busy={phase.name === 'sending'}>
        <input type="hidden" name="kind" value={kind} />
        {children(errorOf)}
        <Honeypot id={`${idPrefix}-website`} />
        <Consent id={fieldIds.consent ?? `${idPrefix}-consent`} error={errorOf('consent')} />
        <div className="participation-next">
          <Heading>Cosa succede dopo</Heading>
          <p>{next}</p>
        </div>
        <button className="btn btn-primary" type="submit" disabled={phase.name === 'sending'}>
          {phase.name === 'sending' ? 'Invio in corso…' : submitLabel}
        </button>
      </form>
    </div>
  );
}

/** A field people never see or reach: bots that fill every input give themselves away. */
function Honeypot({ id }: { id: string }) {
  return (
    <div className="participation-hp" aria-hidden="true">
      <label htmlFor={id}>Non compilare</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

function Consent({ id, error }: { id: string; error: string | undefined }) {
  const errorId = `${id}-error`;
  return (
    <fieldset className="participation-consent">
      <legend>Consenso</legend>
      <p id={`${id}-hint`}>
        Usiamo i dati di questo modulo solo per gestire il tuo invio, come spiega l’<a href="/privacy/">informativa sulla privacy</a>.
      </p>
      <div className="form-check">
        <input
          id={id}
          name="consent"
          type="checkbox"
          value="true"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${errorId}` : `${id}-hint`}
        />
        <label htmlFor={id}>Ho letto l’informativa e acconsento al trattamento dei dati per questo invio</label>
        {error && <FieldMessage id={errorId} message={error} />}
      </div>
    </fieldset>
  );
}

export function FieldMessage({ id, message }: { id: string; message: string }) {
  return (
    <p className="invalid-feedback participation-error" id={id}>
      <span className="visually-hidden">Errore: </span>
      {message}
    </p>
  );
}
