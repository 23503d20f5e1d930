/** Rate a practice, an opportunity or a workshop: 1 to 5 stars and an optional comment, moderated before it counts. */
import { LIMITS, MIN_RATINGS, TARGET_LABELS, type Target } from '@coesione/model';
import { STAR_LABELS, thousands } from './form-core';
import { RadioGroup, TextArea } from './Fields';
import FormShell from './FormShell';

const P = 'valutazione';
const IDS = { stars: `${P}-stars`, comment: `${P}-comment`, consent: `${P}-consent` };

export interface RatingFormProps {
  cmsUrl: string;
  headingLevel?: 2 | 3 | 4;
  targetType: Target;
  targetDocumentId: string;
}

export default function RatingForm({ cmsUrl, targetType, targetDocumentId, headingLevel = 4 }: RatingFormProps) {
  return (
    <FormShell
      kind="valutazione"
      headingLevel={headingLevel}
      cmsUrl={cmsUrl}
      idPrefix={P}
      fieldIds={IDS}
      submitLabel="Invia la valutazione"
      next={`La redazione controlla ogni valutazione prima che conti. Il commento non viene pubblicato: la media appare quando ci sono almeno ${MIN_RATINGS} valutazioni approvate.`}
    >
      {(errorOf) => (
        <>
          <input type="hidden" name="targetType" value={targetType} />
          <input type="hidden" name="targetDocumentId" value={targetDocumentId} />
          <RadioGroup
            id={IDS.stars}
            name="stars"
            label={`Quante stelle dai a ${TARGET_LABELS[targetType].name}?`}
            required
            error={errorOf('stars')}
            options={STAR_LABELS.map((label, i) => [String(i + 1), label] as const)}
          />
          <TextArea
            id={IDS.comment}
            name="comment"
            label="Commento"
            rows={4}
            hint={`Che cosa ha funzionato e che cosa no; al massimo ${thousands(LIMITS.text)} caratteri.`}
            error={errorOf('comment')}
          />
        </>
      )}
    </FormShell>
  );
}
