/**
 * The pact's «Fase»: a choice among the stage the pact is at (as saved) and the stages the regulation lets it
 * move to next for its kind (@coesione/model's nextStages), by their Italian names. Strapi's own select offered
 * all eleven codes (`in_attuazione`…) and let the server refuse most of them at saving; the server still
 * checks every change (cms/src/features/pacts/stages.ts), this only stops offering what it would refuse.
 */
import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useField, useForm } from '@strapi/strapi/admin';
import { isPactKind, isPactStage, nextStages, PACT_STAGE_LABELS, type PactStage } from '@coesione/model';

interface StageInputProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  labelAction?: React.ReactNode;
}

export function StageInput({ name, label, hint, required, disabled, labelAction }: StageInputProps) {
  const field = useField(name);
  const setValue = useForm('StageInput', (state) => state.onChange) as (name: string, value: unknown) => void;
  const saved = useForm('StageInput', (state) => (state.initialValues as Record<string, unknown>)[name]);
  const kind = useForm('StageInput', (state) => (state.values as Record<string, unknown>).kind);
  const from: PactStage = isPactStage(saved) ? saved : 'proposta';
  const next = isPactKind(kind) ? nextStages(kind, from) : [];
  const options: PactStage[] = [from, ...next];
  const value = isPactStage(field.value) ? field.value : from;
  return (
    <Field.Root name={name} required={required} hint={hint} error={field.error}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <SingleSelect value={value} onChange={(chosen: string | number) => setValue(name, String(chosen))} disabled={disabled || next.length === 0} placeholder="Scegli la fase">
        {options.map((stage) => (
          <SingleSelectOption key={stage} value={stage}>
            {stage === from ? `${PACT_STAGE_LABELS[stage]} (fase attuale)` : PACT_STAGE_LABELS[stage]}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
