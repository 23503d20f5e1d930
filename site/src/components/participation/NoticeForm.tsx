/**
 * A contribution to a complex pact's public notice while it is open: a competing or additional proposal,
 * or an observation. Moderated like every contribution; the office weighs it in the co-design.
 */
import { LIMITS, NOTICE_CONTRIBUTION_LABELS, NOTICE_CONTRIBUTIONS } from '@coesione/model';
import { thousands } from './form-core';
import { RadioGroup, ReplyEmailField, TextArea, TextField } from './Fields';
import FormShell from './FormShell';

const P = 'avviso';
const IDS = {
  noticeContribution: `${P}-kind`,
  description: `${P}-description`,
  organization: `${P}-organization`,
  email: `${P}-email`,
  consent: `${P}-consent`,
};

export interface NoticeFormProps {
  cmsUrl: string;
  /** The pact's documentId. */
  pact: string;
  closes: string;
}

export default function NoticeForm({ cmsUrl, pact, closes }: NoticeFormProps) {
  return (
    <FormShell
      kind="osservazione"
      cmsUrl={cmsUrl}
      idPrefix={P}
      fieldIds={IDS}
      headingLevel={3}
      submitLabel="Invia il contributo all’avviso"
      next={`L’ufficio per l’amministrazione condivisa raccoglie i contributi fino al ${closes} e ne tiene conto nella co-progettazione; nella pagina dello stato trovi la risposta. I tuoi contatti non sono mai pubblicati.`}
    >
      {(errorOf) => (
        <>
          <input type="hidden" name="targetDocumentId" value={pact} />
          <RadioGroup
            id={IDS.noticeContribution}
            name="noticeContribution"
            label="Che cosa vuoi inviare?"
            required
            error={errorOf('noticeContribution')}
            options={NOTICE_CONTRIBUTIONS.map((c) => [c, NOTICE_CONTRIBUTION_LABELS[c]] as const)}
          />
          <TextArea id={IDS.description} name="description" label="Il tuo contributo" required rows={6} hint={`Solo testo, al massimo ${thousands(LIMITS.text)} caratteri.`} error={errorOf('description')} />
          <TextField id={IDS.organization} name="organization" label="Gruppo o ente" autoComplete="organization" error={errorOf('organization')} />
          <ReplyEmailField id={IDS.email} error={errorOf('email')} />
        </>
      )}
    </FormShell>
  );
}
