/**
 * The edit view's side panel on the partner types: for a partner, where its proposal stands, the editor's
 * note and who publishes; for an editor, who proposed the draft and «Rimanda all'ente con una nota».
 */
import * as React from 'react';
import { Button, Field, Flex, Link, Textarea, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { proposalKey } from '../../platform/proposals';
import { holdsPartnerRole } from '../../platform/roles';
import { REVIEW_STATE_LABELS, type Review } from '../../features/review/contract';
import { HELP_PATH, italianDate, useAdminGet } from './api';

/** Whether the signed-in user holds the Partner role (the server's own answer, platform/roles.ts). */
export const useIsPartner = () => useAuth('CoesioneRole', (state) => holdsPartnerRole(state.user?.roles as { code: string }[] | undefined));

function PartnerContent({ review }: { review?: Review }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      {review ? (
        <Typography fontWeight="bold">Stato: {REVIEW_STATE_LABELS[review.state]}</Typography>
      ) : null}
      {review?.note ? (
        <Typography textColor="neutral800">
          Nota della redazione{review.returnedAt ? ` (${italianDate(review.returnedAt)})` : ''}: {review.note}
        </Typography>
      ) : null}
      <Typography variant="pi">
        Salvando, la scheda resta una bozza: la pubblica la redazione, di solito entro 5 giorni lavorativi. Se ti rimanda una nota, correggi e salva di nuovo.
      </Typography>
      <Link tag={RouterLink} to={HELP_PATH}>
        Come proporre un contenuto
      </Link>
    </Flex>
  );
}

function EditorContent({ type, documentId, review, reload }: { type: string; documentId: string; review: Review; reload: () => void }) {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [note, setNote] = React.useState('');
  const [error, setError] = React.useState<string>();
  const [sending, setSending] = React.useState(false);
  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      await post(`/admin/coesione/review/${type}/${documentId}/return`, { note });
      setNote('');
      toggleNotification({ type: 'success', message: 'Bozza rimandata all’ente con la tua nota.' });
      reload();
    } catch (e) {
      const message = (e as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      setError(message ?? 'Non è stato possibile rimandare la bozza: riprova.');
    } finally {
      setSending(false);
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography>
        Proposta da <strong>{review.organization}</strong> · {REVIEW_STATE_LABELS[review.state]}
      </Typography>
      {review.note ? <Typography variant="pi">Ultima nota: {review.note}</Typography> : null}
      <Field.Root name="coesione-review-note" error={error} hint="La vede l’ente nella scheda e nella sua home.">
        <Field.Label>Nota per l’ente</Field.Label>
        <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} placeholder="Es. Aggiungete i risultati del 2025 e un contatto." />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Button variant="secondary" onClick={send} loading={sending} disabled={note.trim() === ''}>
        Rimanda all’ente con una nota
      </Button>
    </Flex>
  );
}

function ReviewContent({ type, documentId, partner }: { type: string; documentId?: string; partner: boolean }) {
  const { data, reload } = useAdminGet<Review>(documentId ? `/admin/coesione/review/${type}/${documentId}` : null, documentId);
  if (partner) return <PartnerContent review={data} />;
  if (!documentId || !data?.proposed) return null;
  return <EditorContent type={type} documentId={documentId} review={data} reload={reload} />;
}

/** addEditViewSidePanel description: rendered by the content manager with the document's props. */
export const ReviewPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const partner = useIsPartner();
  const type = proposalKey(model);
  if (!type) return null;
  return {
    title: partner ? 'La tua proposta' : 'Proposta di un ente partner',
    content: <ReviewContent type={type} documentId={documentId} partner={partner} />,
  };
};
ReviewPanel.type = 'coesione-review';
