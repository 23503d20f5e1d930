/**
 * Form controls with Bootstrap Italia's markup, each wired to its hint and error: `aria-describedby`
 * names both, `aria-invalid` marks the error, so screen readers read the message with the field.
 * Labels carry "active" so they sit above the control without Bootstrap Italia's JavaScript.
 */
import type { ReactNode } from 'react';
import { FieldMessage } from './FormShell';

interface Common {
  id: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** "(facoltativo)" marks optional fields: required is the rule, optional the exception. */
const labelText = (label: string, required?: boolean) => (required ? label : `${label} (facoltativo)`);

function Parts({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <small className="form-text" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {error && <FieldMessage id={`${id}-error`} message={error} />}
    </>
  );
}

export function TextField({ id, name, label, hint, error, required, type = 'text', autoComplete }: Common & { type?: 'text' | 'email' | 'tel'; autoComplete?: string }) {
  return (
    <div className="form-group">
      <label className="active" htmlFor={id}>
        {labelText(label, required)}
      </label>
      <input
        className={`form-control${error ? ' is-invalid' : ''}`}
        id={id}
        name={name}
        type={type}
        required={required}
        autoComplete={autoComplete ?? 'off'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <Parts id={id} hint={hint} error={error} />
    </div>
  );
}

/** The optional reply address of the report, proposal and notice forms: the same words on each. */
export function ReplyEmailField({ id, error }: { id: string; error: string | undefined }) {
  return <TextField id={id} name="email" type="email" label="La tua e-mail" autoComplete="email" hint="Solo se vuoi una risposta per e-mail: non viene mai pubblicata." error={error} />;
}

export function TextArea({ id, name, label, hint, error, required, rows = 6 }: Common & { rows?: number }) {
  return (
    <div className="form-group">
      <label className="active" htmlFor={id}>
        {labelText(label, required)}
      </label>
      <textarea
        className={`form-control${error ? ' is-invalid' : ''}`}
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <Parts id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({
  id,
  name,
  label,
  hint,
  error,
  required,
  options,
  placeholder,
  onChange,
}: Common & { options: readonly (readonly [string, string])[]; placeholder: string; onChange?: (value: string) => void }) {
  return (
    <div className="select-wrapper form-group participation-select">
      <label htmlFor={id}>{labelText(label, required)}</label>
      <select
        className={error ? 'is-invalid' : undefined}
        id={id}
        name={name}
        required={required}
        defaultValue=""
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <Parts id={id} hint={hint} error={error} />
    </div>
  );
}

/** A group of radio buttons; the id of the first one is the group's target for error links. */
export function RadioGroup({ id, name, label, hint, error, required, options }: Common & { options: readonly (readonly [string, string])[] }) {
  return (
    <fieldset className="participation-radios" aria-describedby={describedBy(id, hint, error)}>
      <legend>{labelText(label, required)}</legend>
      <Parts id={id} hint={hint} error={error} />
      {options.map(([value, text], i) => (
        <div className="form-check" key={value}>
          <input id={i === 0 ? id : `${id}-${value}`} name={name} type="radio" value={value} required={required} aria-invalid={error ? true : undefined} />
          <label htmlFor={i === 0 ? id : `${id}-${value}`}>{text}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** One optional yes/no choice (a checkbox that sends "true" when ticked). */
export function CheckField({ id, name, label, hint, error }: Omit<Common, 'required'>) {
  return (
    <div className="form-check participation-check">
      <input id={id} name={name} type="checkbox" value="true" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
      <label htmlFor={id}>{label}</label>
      <Parts id={id} hint={hint} error={error} />
    </div>
  );
}
