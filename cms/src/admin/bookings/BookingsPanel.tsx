/**
 * The workshop edit view's side panel «Prenotazioni»: each session from today on with seats taken, the
 * waiting list and who is present, the roll call by name, «Segna presente» by the code a person shows at the
 * door, and «Rilascia gli attestati» when the workshop says how many sessions earn one. For editors on
 * every workshop, for a partner on its organisation's (the server decides).
 */
import * as React from 'react';
import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { AttendanceAnswer, CancelSessionAnswer, CertificateAnswer, RollEntry, SessionSummary, WorkshopBookings } from '../../features/bookings/contract';
import { useAdminGet } from '../coesione/api';

const WORKSHOP = 'api::workshop.workshop';
const WHEN = new Intl.DateTimeFormat('it-IT', { weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });

function Attendance({ reload }: { reload: () => void }) {
  const { post } = useFetchClient();
  const [code, setCode] = React.useState('');
  const [answer, setAnswer] = React.useState<AttendanceAnswer>();
  const [sending, setSending] = React.useState(false);
  const mark = async () => {
    setSending(true);
    try {
      const res = await post<AttendanceAnswer>('/admin/coesione/bookings/attendance', { code });
      setAnswer(res.data);
      if (res.data.outcome === 'marked') {
        setCode('');
        reload();
      }
    } catch {
      setAnswer({ outcome: 'refused', message: 'Non è stato possibile segnare la presenza: riprova.' });
    } finally {
      setSending(false);
    }
  };
  const said =
    answer?.outcome === 'marked' ? `Presente: ${answer.name} (${answer.seats === 1 ? '1 posto' : `${answer.seats} posti`}).`
    : answer?.outcome === 'already' ? `${answer.name} era già segnata presente (${WHEN.format(new Date(answer.attendedAt))}).`
    : answer?.message;
  return (
    // No <form>: the panel sits inside the edit view's own form, whose submit would save the entry.
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Field.Root name="coesione-booking-code" error={answer?.outcome === 'refused' ? answer.message : undefined} hint="Il codice di 6 caratteri che la persona mostra all’ingresso.">
        <Field.Label>Codice della prenotazione</Field.Label>
        <TextInput
          value={code}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCode(e.target.value)}
          onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (code.trim() !== '') void mark();
          }}
          placeholder="Es. K7M2QX"
          autoComplete="off"
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Button type="button" variant="secondary" onClick={() => void mark()} loading={sending} disabled={code.trim() === ''}>
        Segna presente
      </Button>
      {answer && answer.outcome !== 'refused' ? (
        <Typography role="status" textColor="success700">
          {said}
        </Typography>
      ) : null}
    </Flex>
  );
}

function Certificates({ documentId, certificates, reload }: { documentId: string; certificates: WorkshopBookings['certificates']; reload: () => void }) {
  const { post } = useFetchClient();
  const [answer, setAnswer] = React.useState<CertificateAnswer>();
  const [sending, setSending] = React.useState(false);
  if (!certificates.minSessions) return null;
  const issue = async () => {
    setSending(true);
    try {
      const res = await post<CertificateAnswer>(`/admin/coesione/bookings/certificates/${documentId}`, {});
      setAnswer(res.data);
      reload();
    } catch {
      setAnswer({ outcome: 'refused', message: 'Non è stato possibile rilasciare gli attestati: riprova.' });
    } finally {
      setSending(false);
    }
  };
  const plural = (n: number) => (n === 1 ? '1 attestato' : `${n} attestati`);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi">
        Attestato a chi ha frequentato almeno {certificates.minSessions === 1 ? '1 incontro' : `${certificates.minSessions} incontri`}. Rilasciati finora: {certificates.issued}.
      </Typography>
      <Button type="button" variant="secondary" onClick={() => void issue()} loading={sending}>
        Rilascia gli attestati
      </Button>
      {answer ? (
        <Typography role="status" textColor={answer.outcome === 'issued' ? 'success700' : 'danger700'}>
          {answer.outcome === 'issued'
            ? answer.issued === 0
              ? 'Nessun nuovo attestato: chi ha frequentato abbastanza incontri lo ha già.'
              : `${answer.issued === 1 ? 'Rilasciato' : 'Rilasciati'} ${plural(answer.issued)}: chi ha lasciato l’e-mail riceve il link per scaricarlo.`
            : answer.message}
        </Typography>
      ) : null}
    </Flex>
  );
}

const DAY = new Intl.DateTimeFormat('it-IT', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Rome' });
const isToday = (iso: string) => DAY.format(new Date(iso)) === DAY.format(new Date());

/** The roll call of one session: who holds seats, by name; on the day, «Presente» beside each. */
function Roll({ documentId, start, reload }: { documentId: string; start: string; reload: () => void }) {
  const { post } = useFetchClient();
  const { data, reload: again } = useAdminGet<RollEntry[]>(`/admin/coesione/bookings/roll/${documentId}?start=${encodeURIComponent(start)}`, start);
  if (!data) return <Typography variant="pi">Caricamento…</Typography>;
  if (data.length === 0) return <Typography variant="pi">Nessuna prenotazione confermata.</Typography>;
  const mark = async (code: string) => {
    await post<AttendanceAnswer>('/admin/coesione/bookings/attendance', { code });
    again();
    reload();
  };
  return (
    <ul aria-label="Elenco per l’appello">
      {data.map((entry) => (
        <li key={entry.code}>
          <Flex gap={2} alignItems="center" wrap="wrap">
            <Typography variant="pi">
              {entry.name} ({entry.seats === 1 ? '1 posto' : `${entry.seats} posti`}, {entry.code}){entry.accessibility ? ` · ${entry.accessibility}` : ''}
            </Typography>
            {entry.attended ? (
              <Typography variant="pi" textColor="success700">presente</Typography>
            ) : isToday(start) ? (
              <Button type="button" variant="secondary" size="S" onClick={() => void mark(entry.code)} aria-label={`Segna presente ${entry.name}`}>
                Presente
              </Button>
            ) : null}
          </Flex>
        </li>
      ))}
    </ul>
  );
}

/** One session's line, its roll call, and «Annulla l'incontro» in two steps (the second names what it does). */
function SessionLine({ documentId, session, reload }: { documentId: string; session: SessionSummary; reload: () => void }) {
  const { post } = useFetchClient();
  const [asking, setAsking] = React.useState(false);
  const [said, setSaid] = React.useState<string>();
  const [roll, setRoll] = React.useState(false);
  const cancel = async () => {
    try {
      const res = await post<CancelSessionAnswer>(`/admin/coesione/bookings/cancel-session/${documentId}`, { start: session.start });
      setSaid(res.data.outcome === 'cancelled' ? `Incontro annullato: ${res.data.told === 1 ? '1 prenotazione annullata e avvisata' : `${res.data.told} prenotazioni annullate e avvisate`}.` : res.data.message);
      reload();
    } catch {
      setSaid('Non è stato possibile annullare l’incontro: riprova.');
    } finally {
      setAsking(false);
    }
  };
  const future = Date.parse(session.start) > Date.now();
  return (
    <li>
      <Typography variant="pi">
        <strong>{WHEN.format(new Date(session.start))}</strong>:{' '}
        {session.cancelled ? 'annullato' : `${session.taken} di ${session.capacity} posti prenotati`}
        {session.waiting > 0 ? `, ${session.waiting} in lista d’attesa` : ''}
        {session.present > 0 ? `, ${session.present} presenti` : ''}
      </Typography>
      {!session.cancelled && session.taken > 0 ? (
        <Button type="button" variant="tertiary" size="S" onClick={() => setRoll(!roll)} aria-expanded={roll}>
          {roll ? 'Nascondi l’elenco' : 'Elenco per l’appello'}
        </Button>
      ) : null}
      {roll ? <Roll documentId={documentId} start={session.start} reload={reload} /> : null}
      {!session.cancelled && future ? (
        asking ? (
          <Flex gap={2}>
            <Button type="button" variant="danger-light" size="S" onClick={() => void cancel()}>
              Conferma: annulla e avvisa chi ha prenotato
            </Button>
            <Button type="button" variant="tertiary" size="S" onClick={() => setAsking(false)}>
              No
            </Button>
          </Flex>
        ) : (
          <Button type="button" variant="tertiary" size="S" onClick={() => setAsking(true)}>
            Annulla l’incontro
          </Button>
        )
      ) : null}
      {said ? <Typography role="status" variant="pi">{said}</Typography> : null}
    </li>
  );
}

function Sessions({ documentId }: { documentId: string }) {
  const { data: view, error, reload } = useAdminGet<WorkshopBookings>(`/admin/coesione/bookings/workshop/${documentId}`, documentId);
  if (error) return null;
  if (!view) return <Typography variant="pi">Caricamento…</Typography>;
  const data = view.sessions;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {data.length === 0 ? (
        <Typography variant="pi">Nessun incontro in programma. Con «Posti disponibili» compilato, ogni incontro futuro si prenota dal sito.</Typography>
      ) : (
        <ul>
          {data.map((s) => (
            <SessionLine key={s.start} documentId={documentId} session={s} reload={reload} />
          ))}
        </ul>
      )}
      <Attendance reload={reload} />
      <Certificates documentId={documentId} certificates={view.certificates} reload={reload} />
    </Flex>
  );
}

/** addEditViewSidePanel description: rendered by the content manager with the document's props. */
export const BookingsPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== WORKSHOP || !documentId) return null;
  return { title: 'Prenotazioni', content: <Sessions documentId={documentId} /> };
};
