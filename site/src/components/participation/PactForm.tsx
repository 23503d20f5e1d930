/**
 * Propose a collaboration pact ("patto di collaborazione"): the bene comune and where it is, what and why,
 * when, who is involved, what is asked of the comune, and a contact. The office answers within the
 * regulation's deadline; when it opens the pact, the receipt's status page links it in the register.
 */
import { LIMITS } from '@coesione/model';
import { thousands } from './form-core';
import { CheckField, TextArea, TextField } from './Fields';
import FormShell from './FormShell';
import PlaceFields, { placeIds } from './PlaceFields';

const P = 'patto';
const IDS = {
  title: `${P}-title`,
  commonGood: `${P}-common-good`,
  ...placeIds(P),
  description: `${P}-description`,
  period: `${P}-period`,
  participants: `${P}-participants`,
  needs: `${P}-needs`,
  organization: `${P}-organization`,
  contactName: `${P}-contact-name`,
  email: `${P}-email`,
  phone: `${P}-phone`,
  showName: `${P}-show-name`,
  consent: `${P}-consent`,
};

export interface PactFormProps {
  cmsUrl: string;
  comuni: { istat: string; name: string; lat: number; lng: number }[];
  tileUrl: string;
  attribution: string;
  /** The answer deadline in days (PACT_ANSWER_DAYS), as the page promises it. */
  answerDays: number;
}

export default function PactForm({ cmsUrl, comuni, tileUrl, attribution, answerDays }: PactFormProps) {
  return (
    <FormShell
      kind="patto"
      cmsUrl={cmsUrl}
      idPrefix={P}
      fieldIds={IDS}
      submitLabel="Invia la proposta di patto"
      next={`L’ufficio per l’amministrazione condivisa verifica la proposta (istruttoria) e vi risponde entro ${answerDays} giorni dalla ricezione. Se la ammette, il patto entra nel registro pubblico e la pagina dello stato ne mostra il collegamento; i vostri contatti non sono mai pubblicati.`}
    >
      {(errorOf) => (
        <>
          <fieldset>
            <legend>Il bene comune</legend>
            <TextField id={IDS.title} name="title" label="Titolo della proposta" required hint={`Che cosa volete fare e dove, in breve; al massimo ${LIMITS.title} caratteri.`} error={errorOf('title')} />
            <TextField id={IDS.commonGood} name="commonGood" label="Il bene comune" required hint="Lo spazio o il bene di cui volete prendervi cura: un’aiuola, un giardino, una scuola, un muro da ripulire." error={errorOf('commonGood')} />
            <PlaceFields prefix={P} comuni={comuni} tileUrl={tileUrl} attribution={attribution} errorOf={errorOf} />
          </fieldset>
          <fieldset>
            <legend>La proposta</legend>
            <TextArea
              id={IDS.description}
              name="description"
              label="Che cosa volete fare e perché"
              required
              rows={8}
              hint={`Le attività, per chi e che cosa migliorerà. Solo testo, al massimo ${thousands(LIMITS.text)} caratteri.`}
              error={errorOf('description')}
            />
            <TextField id={IDS.period} name="period" label="Quando" hint="Da quando, quanto spesso e per quanto tempo. Per esempio «il sabato mattina, da marzo, per due anni»." error={errorOf('period')} />
            <TextArea id={IDS.participants} name="participants" label="Chi è coinvolto" required rows={4} hint="Le persone, i gruppi e gli enti che partecipano, anche solo per numero: per esempio «dieci famiglie del condominio e la parrocchia»." error={errorOf('participants')} />
            <TextArea id={IDS.needs} name="needs" label="Che cosa chiedete al Comune" rows={4} hint="Spazi, materiali, attrezzi, formazione, la copertura assicurativa dei volontari, un contributo." error={errorOf('needs')} />
          </fieldset>
          <fieldset>
            <legend>Chi propone e come contattarvi</legend>
            <TextField id={IDS.organization} name="organization" label="Gruppo o ente che propone" autoComplete="organization" hint="Il nome compare nel registro dei patti. Lascialo vuoto se proponi come singola persona." error={errorOf('organization')} />
            <TextField id={IDS.contactName} name="contactName" label="Il tuo nome e cognome" autoComplete="name" hint="Serve all’ufficio per contattarti: non compare sul sito, a meno che tu non lo chieda qui sotto." error={errorOf('contactName')} />
            <TextField id={IDS.email} name="email" type="email" label="La tua e-mail" autoComplete="email" hint="Lascia un’e-mail o un telefono: l’ufficio vi contatta per l’istruttoria. Non vengono mai pubblicati." error={errorOf('email')} />
            <TextField id={IDS.phone} name="phone" type="tel" label="Il tuo telefono" autoComplete="tel" hint="Per esempio 0161 123456." error={errorOf('phone')} />
            <CheckField id={IDS.showName} name="showName" label="Il mio nome può comparire nel registro dei patti come proponente" hint="Se non lo scegli, nel registro compare il gruppo o l’ente, oppure «un gruppo di cittadini»." error={errorOf('showName')} />
          </fieldset>
        </>
      )}
    </FormShell>
  );
}
