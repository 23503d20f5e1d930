/** Propose a practice, an opportunity or a workshop: editors turn accepted proposals into drafts. */
import { LIMITS, TARGET_LABELS, TARGETS } from '@coesione/model';
import { thousands } from './form-core';
import { RadioGroup, ReplyEmailField, SelectField, TextArea, TextField } from './Fields';
import FormShell from './FormShell';

const P = 'proposta';
const IDS = {
  target: `${P}-target`,
  title: `${P}-title`,
  description: `${P}-description`,
  comune: `${P}-comune`,
  organization: `${P}-organization`,
  email: `${P}-email`,
  consent: `${P}-consent`,
};

export interface ProposalFormProps {
  cmsUrl: string;
  comuni: { istat: string; name: string }[];
}

export default function ProposalForm({ cmsUrl, comuni }: ProposalFormProps) {
  return (
    <FormShell
      kind="proposta"
      cmsUrl={cmsUrl}
      idPrefix={P}
      fieldIds={IDS}
      submitLabel="Invia la proposta"
      next="La redazione del distretto legge ogni proposta entro pochi giorni lavorativi. Se la accetta, ne prepara la scheda e la pubblica dopo averla verificata; se non la accetta, te ne spiega il motivo nella pagina dello stato. Nulla viene pubblicato senza revisione."
    >
      {(errorOf) => (
        <>
          <RadioGroup id={IDS.target} name="target" label="Che cosa vuoi proporre?" required error={errorOf('target')} options={TARGETS.map((t) => [t, TARGET_LABELS[t].option] as const)} />
          <TextField id={IDS.title} name="title" label="Titolo" required hint={`Un nome breve e chiaro, al massimo ${LIMITS.title} caratteri.`} error={errorOf('title')} />
          <TextArea
            id={IDS.description}
            name="description"
            label="Descrizione"
            required
            rows={8}
            hint={`Che cosa si fa, per chi, dove e con chi; per un’opportunità anche le scadenze. Solo testo, al massimo ${thousands(LIMITS.text)} caratteri.`}
            error={errorOf('description')}
          />
          <SelectField id={IDS.comune} name="comune" label="Comune" placeholder="Nessun comune in particolare" options={comuni.map((c) => [c.istat, c.name] as const)} error={errorOf('comune')} />
          <TextField id={IDS.organization} name="organization" label="Ente o gruppo che la propone" autoComplete="organization" error={errorOf('organization')} />
          <ReplyEmailField id={IDS.email} error={errorOf('email')} />
        </>
      )}
    </FormShell>
  );
}
