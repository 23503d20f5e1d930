/** Report a need ("segnalazione"): what, where (comune, optional point or address), and an optional e-mail. */
import { CATEGORIES, CATEGORY_LABELS, LIMITS } from '@coesione/model';
import { thousands } from './form-core';
import { ReplyEmailField, SelectField, TextArea } from './Fields';
import FormShell from './FormShell';
import PlaceFields, { placeIds } from './PlaceFields';

const P = 'segnalazione';
const IDS = {
  category: `${P}-category`,
  description: `${P}-description`,
  ...placeIds(P),
  email: `${P}-email`,
  consent: `${P}-consent`,
};

export interface ReportFormProps {
  cmsUrl: string;
  comuni: { istat: string; name: string; lat: number; lng: number }[];
  tileUrl: string;
  attribution: string;
}

export default function ReportForm({ cmsUrl, comuni, tileUrl, attribution }: ReportFormProps) {
  return (
    <FormShell
      kind="segnalazione"
      cmsUrl={cmsUrl}
      idPrefix={P}
      fieldIds={IDS}
      submitLabel="Invia la segnalazione"
      next="La redazione del distretto legge ogni segnalazione e la inoltra all’ente gestore o al servizio competente per il tuo comune. La segnalazione non viene pubblicata: nella pagina dello stato trovi a che punto è e la risposta."
    >
      {(errorOf) => (
        <>
          <SelectField id={IDS.category} name="category" label="Argomento" required placeholder="Scegli l’argomento" options={CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]] as const)} error={errorOf('category')} />
          <TextArea
            id={IDS.description}
            name="description"
            label="Che cosa vuoi segnalare?"
            required
            rows={8}
            hint={`Descrivi il bisogno o il problema e da quanto tempo c’è. Non scrivere dati sanitari o di altre persone. Solo testo, al massimo ${thousands(LIMITS.text)} caratteri.`}
            error={errorOf('description')}
          />
          <PlaceFields prefix={P} comuni={comuni} tileUrl={tileUrl} attribution={attribution} errorOf={errorOf} />
          <ReplyEmailField id={IDS.email} error={errorOf('email')} />
        </>
      )}
    </FormShell>
  );
}
