/**
 * The home page's «E-mail delle attività» widget: the signed-in user's choice of the daily e-mail of the
 * work waiting for them (features/queue-mail), saved as soon as it is picked. Reads and writes
 * /admin/coesione/notifications/me (the user's own setting only).
 */
import * as React from 'react';
import { Box, Flex, Radio, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/strapi/admin';
import { NOTIFICATIONS_ME, QUEUE_MAIL_CHOICES, QUEUE_MAIL_LABELS, type QueueMailChoice, type QueueMailSetting } from '../../features/queue-mail/contract';
import { useAdminGet } from '../coesione/api';

const URL = `/admin${NOTIFICATIONS_ME}`;

export function QueueMailWidget() {
  const { data, error, loading } = useAdminGet<QueueMailSetting>(URL);
  const { put } = useFetchClient();
  const [choice, setChoice] = React.useState<QueueMailChoice | undefined>();
  const [status, setStatus] = React.useState('');
  const [saving, setSaving] = React.useState(false);
  React.useEffect(() => {
    if (data) setChoice(data.choice);
  }, [data]);

  if (loading) return <Widget.Loading />;
  if (error || !data) return <Widget.Error>Non riesco a leggere la tua scelta: ricarica la pagina.</Widget.Error>;
  if (!data.applies) return <Widget.NoData>L’e-mail delle attività è per la redazione e per gli enti partner.</Widget.NoData>;

  const save = async (next: string) => {
    const previous = choice;
    setChoice(next as QueueMailChoice);
    setSaving(true);
    setStatus('');
    try {
      const saved = (await put<QueueMailSetting>(URL, { choice: next })).data;
      setChoice(saved.choice);
      setStatus(`Scelta salvata: ${QUEUE_MAIL_LABELS[saved.choice]}.`);
    } catch {
      setChoice(previous);
      setStatus('Non sono riuscito a salvare la scelta: riprova tra poco.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex direction="column" alignItems="flex-start" gap={3}>
      <Typography id="queue-mail-label" tag="p" fontWeight="bold">
        Ricevi per e-mail le attività da fare
      </Typography>
      <Radio.Group aria-labelledby="queue-mail-label" value={choice} onValueChange={(next: string) => void save(next)} disabled={saving}>
        {QUEUE_MAIL_CHOICES.map((value) => (
          <Radio.Item key={value} value={value}>
            {QUEUE_MAIL_LABELS[value]}
          </Radio.Item>
        ))}
      </Radio.Group>
      <Typography variant="pi" textColor="neutral600">
        Un messaggio verso le 8 del mattino, solo nei giorni in cui c’è qualcosa da fare per te, con il collegamento al punto del pannello dove intervenire.
      </Typography>
      <Box aria-live="polite" role="status">
        {status ? <Typography variant="pi">{status}</Typography> : null}
      </Box>
    </Flex>
  );
}
