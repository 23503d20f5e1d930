/**
 * The input of the `global::coordinate` custom field: a text box that reads a dot or a comma as the decimal
 * separator (@coesione/model's readCoordinate), where Strapi's number input, in Italian, read «45.3675» as
 * 453675. A pasted «45.3675, 8.4217» fills latitude and longitude. The form holds a number, so the
 * database, the API and Strapi's own range checks see a float; on text that is no coordinate the form
 * holds that text, which Strapi's validation refuses, so nothing is saved, while the field says why in Italian.
 */
import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField, useForm } from '@strapi/strapi/admin';
import { readCoordinate, type CoordinateAxis } from '@coesione/model';

interface CoordinateInputProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  labelAction?: React.ReactNode;
  attribute: { options?: { axis?: CoordinateAxis } };
}

/** The field's path with its last segment replaced: `location.latitude` → `location.longitude`. */
const sibling = (name: string, field: string) => name.replace(/[^.]+$/, field);

const shown = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '');

export function CoordinateInput({ name, label, hint, placeholder, required, disabled, labelAction, attribute }: CoordinateInputProps) {
  const axis: CoordinateAxis = attribute.options?.axis ?? (/longitude$/.test(name) ? 'longitude' : 'latitude');
  const field = useField(name);
  const setValue = useForm('CoordinateInput', (state) => state.onChange) as (name: string, value: unknown) => void;
  const [text, setText] = React.useState(() => shown(field.value));

  // A value set from outside (a pair pasted in the other field, the entry loaded, a discard) replaces the text.
  React.useEffect(() => {
    const reading = readCoordinate(text, axis);
    const meant = reading.kind === 'value' ? reading.value : reading.kind === 'error' ? (reading.value ?? text) : reading.kind === 'empty' ? null : undefined;
    if ((field.value ?? null) !== meant) setText(shown(field.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of the form's value matters here; the text is the user's
  }, [field.value]);

  const reading = readCoordinate(text, axis);

  const change = (next: string) => {
    setText(next);
    const read = readCoordinate(next, axis);
    if (read.kind === 'empty') setValue(name, null);
    else if (read.kind === 'value') setValue(name, read.value);
    else if (read.kind === 'pair') {
      setValue(sibling(name, 'latitude'), read.latitude);
      setValue(sibling(name, 'longitude'), read.longitude);
      setText(String(read[axis]));
    } else setValue(name, read.value ?? next);
  };

  const error = reading.kind === 'error' ? reading.message : field.error;
  const warning = reading.kind === 'value' || reading.kind === 'pair' ? reading.warning : undefined;
  return (
    <Field.Root name={name} id={name} error={error} hint={warning ?? hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        name={name}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        inputMode="decimal"
        autoComplete="off"
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => change(event.target.value)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
