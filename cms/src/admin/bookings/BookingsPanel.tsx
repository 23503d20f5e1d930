/**
 * The workshop edit view's side panel «Prenotazioni»: each session from today on with seats taken, the
 * waiting list and who is present (counts, no names), and «Segna presente» by the code a person shows at
 * the door. For editors on every workshop, for a partner on its organisation's (the server decides).
 */
import * as React from 'react';
import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { AttendanceAnswer, SessionSummary } from '../../features/bookings/contract';
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

function Sessions({ documentId }: { documentId: string }) {
  const { data, error, reload } = useAdminGet<SessionSummary[]>(`/admin/coesione/bookings/workshop/${documentId}`, documentId);
  if (error) return null;
  if (!data) return <Typography variant="pi">Caricamento…</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {data.length === 0 ? (
        <Typography variant="pi">Nessun incontro in programma. Con «Posti disponibili» compilato, ogni incontro futuro si prenota dal sito.</Typography>
      ) : (
        <ul>
          {data.map((s) => (
            <li key={s.start}>
              <Typography variant="pi">
                <strong>{WHEN.format(new Date(s.start))}</strong>: {s.taken} di {s.capacity} posti prenotati
                {s.waiting > 0 ? `, ${s.waiting} in lista d’attesa` : ''}
                {s.present > 0 ? `, ${s.present} presenti` : ''}
              </Typography>
            </li>
          ))}
        </ul>
      )}
      <Attendance reload={reload} />
    </Flex>
  );
}

/** addEditViewSidePanel description: rendered by the content manager with the document's props. */
export const BookingsPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== WORKSHOP || !documentId) return null;
  return { title: 'Prenotazioni', content: <Sessions documentId={documentId} /> };
};
