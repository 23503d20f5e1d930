/**
 * The home page's work queues (registered in ../app.tsx): what an editor has to do, and where a
 * partner's proposals stand. Each reads GET /admin/coesione/queue, which answers per role.
 */
import * as React from 'react';
import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { REVIEW_STATE_LABELS, type EditorQueue, type PartnerQueue, type Proposal } from '../../features/review/contract';
import { days, entryLink, HELP_PATH, italianDate, useAdminGet } from './api';

const QUEUE = '/admin/coesione/queue';

function Rows({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <Box tag="ul" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {children}
    </Box>
  );
}

function Row({ to, title, detail, badge }: { to: string; title: string; detail: string; badge?: React.ReactNode }) {
  return (
    <Box tag="li" paddingTop={2} paddingBottom={2} style={{ borderBottom: '1px solid #eaeaef' }}>
      <Flex justifyContent="space-between" gap={2} alignItems="flex-start">
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Link tag={RouterLink} to={to}>
            {title || '(senza titolo)'}
          </Link>
          <Typography variant="pi" textColor="neutral600">
            {detail}
          </Typography>
        </Flex>
        {badge}
      </Flex>
    </Box>
  );
}

function useQueue<T extends EditorQueue | PartnerQueue>(role: T['role']) {
  const { data, error, loading } = useAdminGet<EditorQueue | PartnerQueue>(QUEUE);
  return { queue: data?.role === role ? (data as T) : undefined, error, loading };
}

function Frame<T>({ loading, error, items, empty, children }: { loading: boolean; error?: string; items?: T[]; empty: string; children: (items: T[]) => React.ReactNode }) {
  if (loading) return <Widget.Loading />;
  if (error || !items) return <Widget.Error>Non riesco a leggere la coda: ricarica la pagina.</Widget.Error>;
  if (items.length === 0) return <Widget.NoData>{empty}</Widget.NoData>;
  return <>{children(items)}</>;
}

const more = (total: number, shown: number) =>
  total > shown ? (
    <Typography variant="pi" textColor="neutral600">
      … e altre {total - shown}
    </Typography>
  ) : null;

export function ContributionsWidget() {
  const { queue, error, loading } = useQueue<EditorQueue>('editor');
  const section = queue?.contributions;
  return (
    <Frame loading={loading} error={error} items={section?.items} empty="Nessun contributo in attesa di moderazione.">
      {(items) => (
        <>
          <Rows label="Contributi da moderare">
            {items.map((c) => (
              <Row
                key={c.documentId}
                to={entryLink('api::submission.submission', c.documentId)}
                title={c.title}
                detail={`${c.kind} · ricevuta ${c.receipt} · in attesa da ${days(c.ageDays)}`}
                badge={<Badge>{c.state === 'in_revisione' ? 'In revisione' : 'Ricevuta'}</Badge>}
              />
            ))}
          </Rows>
          {more(section!.total, items.length)}
        </>
      )}
    </Frame>
  );
}

export function PartnerDraftsWidget() {
  const { queue, error, loading } = useQueue<EditorQueue>('editor');
  const section = queue?.partnerDrafts;
  return (
    <Frame loading={loading} error={error} items={section?.items} empty="Nessuna bozza proposta dai partner.">
      {(items) => (
        <>
          <Rows label="Bozze proposte dai partner">
            {items.map((p) => (
              <Row key={p.documentId} to={entryLink(p.uid, p.documentId)} title={p.title} detail={`${p.typeLabel} · ${p.organization ?? 'ente'} · modificata il ${italianDate(p.updatedAt)}`} badge={<StateBadge state={p.state} />} />
            ))}
          </Rows>
          {more(section!.total, items.length)}
        </>
      )}
    </Frame>
  );
}

export function ClosingSoonWidget() {
  const { queue, error, loading } = useQueue<EditorQueue>('editor');
  const section = queue?.closingSoon;
  return (
    <Frame loading={loading} error={error} items={section?.items} empty="Nessuna opportunità scade nei prossimi 7 giorni.">
      {(items) => (
        <>
          <Rows label="Opportunità in scadenza">
            {items.map((o) => (
              <Row key={o.documentId} to={entryLink(o.uid, o.documentId)} title={o.title} detail={`scade il ${italianDate(o.deadline)}`} badge={<Badge>{o.daysLeft === 0 ? 'oggi' : `tra ${days(o.daysLeft)}`}</Badge>} />
            ))}
          </Rows>
          {more(section!.total, items.length)}
        </>
      )}
    </Frame>
  );
}

export function NotVerifiedWidget() {
  const { queue, error, loading } = useQueue<EditorQueue>('editor');
  const section = queue?.notVerified;
  return (
    <Frame loading={loading} error={error} items={section?.items} empty="Tutte le schede pubblicate sono state verificate negli ultimi 12 mesi.">
      {(items) => (
        <>
          <Rows label="Da verificare">
            {items.map((e) => (
              <Row key={`${e.uid}-${e.documentId}`} to={entryLink(e.uid, e.documentId)} title={e.title} detail={`${e.typeLabel} · ${e.verifiedAt ? `verificato il ${italianDate(e.verifiedAt)}` : 'mai verificato'}`} />
            ))}
          </Rows>
          {more(section!.total, items.length)}
        </>
      )}
    </Frame>
  );
}

export function StateBadge({ state }: { state: Proposal['state'] }) {
  const tone = state === 'pubblicata' ? { backgroundColor: 'success100', textColor: 'success700' } : state === 'rimandata' ? { backgroundColor: 'warning100', textColor: 'neutral800' } : { backgroundColor: 'secondary100', textColor: 'secondary700' };
  return <Badge {...tone}>{REVIEW_STATE_LABELS[state]}</Badge>;
}

export function PartnerProposalsWidget() {
  const { queue, error, loading } = useQueue<PartnerQueue>('partner');
  if (!loading && !error && !queue) {
    // The super admin holds every action, this one included, and has no organisation.
    return <Widget.NoData>Questo riquadro mostra agli enti partner le loro proposte.</Widget.NoData>;
  }
  if (!loading && !error && queue && !queue.organization) {
    return <Widget.NoData>Il tuo account non è ancora collegato a un ente: scrivi alla redazione.</Widget.NoData>;
  }
  const section = queue?.proposals;
  return (
    <Frame loading={loading} error={error} items={section?.items} empty="Non hai ancora proposto schede. Comincia da «Come proporre un contenuto».">
      {(items) => (
        <>
          <Rows label="Le tue proposte">
            {items.map((p) => (
              <Box key={`${p.uid}-${p.documentId}`} tag="li" paddingTop={2} paddingBottom={2} style={{ borderBottom: '1px solid #eaeaef' }}>
                <Flex justifyContent="space-between" gap={2} alignItems="flex-start">
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Link tag={RouterLink} to={entryLink(p.uid, p.documentId)}>
                      {p.title || '(senza titolo)'}
                    </Link>
                    <Typography variant="pi" textColor="neutral600">
                      {p.typeLabel} · modificata il {italianDate(p.updatedAt)}
                    </Typography>
                    {p.state === 'rimandata' && p.note ? (
                      <Typography variant="pi" textColor="neutral800">
                        Nota della redazione: {p.note}
                      </Typography>
                    ) : null}
                  </Flex>
                  <StateBadge state={p.state} />
                </Flex>
              </Box>
            ))}
          </Rows>
          {more(section!.total, items.length)}
        </>
      )}
    </Frame>
  );
}

export function HowToWidget() {
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Typography>Proponi una buona prassi, un’opportunità, un laboratorio o un materiale: la redazione la controlla e la pubblica, di solito entro 5 giorni lavorativi.</Typography>
      <Link tag={RouterLink} to={HELP_PATH}>
        Come proporre un contenuto
      </Link>
    </Flex>
  );
}
