/**
 * The edit view's «Sul sito» panel on every editorial type: for a published entry, «Vedi sul sito» (its
 * public page, in a new tab) and when the site shows a publish; for a draft, that it is not on the site
 * yet. The site's URL and its rebuild's state come from the CMS (`GET /admin/coesione/site`), the page's
 * path from the type registry, so a new editorial type gets the panel with no change here.
 */
import * as React from 'react';
import { Flex, Link, Typography, VisuallyHidden } from '@strapi/design-system';
import { aboutDelay, EDITORIAL_KEYS, pageUrl, TYPES, type EditorialKey, type SiteStatus } from '@coesione/model';
import { useAdminGet } from './api';
import { useIsPartner } from './ReviewPanel';

/** Editorial types by UID: each has a section of the site, and so a public page per entry. */
const EDITORIAL_BY_UID = new Map<string, EditorialKey>(EDITORIAL_KEYS.map((key) => [TYPES[key].uid, key]));

type DocumentStatus = 'draft' | 'published' | 'modified';
interface PanelDocument {
  slug?: unknown;
  status?: DocumentStatus;
  locale?: string | null;
  publishedAt?: string | null;
}
interface PanelProps {
  model: string;
  documentId?: string;
  activeTab?: string | null;
  document?: PanelDocument;
  /** The other version (the published one, when the draft is shown). */
  meta?: { availableStatus?: { publishedAt?: string | null }[] };
}

const POLL_MS = 3000;
/** How long after a publish the panel keeps watching for the rebuild request: the hook may be slow, not eternal. */
const WATCH_MS = 10 * 60_000;

const TIME = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Rome' });
const when = (iso: string) => TIME.format(new Date(iso));

/** The slug of the published version: the draft's may have changed since (status «modified»). */
function usePublishedSlug(model: string, documentId: string | undefined, document: PanelDocument | undefined, activeTab: string | null | undefined): string | undefined {
  const own = typeof document?.slug === 'string' ? document.slug : undefined;
  const needed = document?.status === 'modified' && activeTab !== 'published' && documentId;
  const locale = document?.locale ?? 'it';
  const { data } = useAdminGet<{ data?: { slug?: unknown } }>(
    needed ? `/content-manager/collection-types/${model}/${documentId}?status=published&locale=${encodeURIComponent(locale)}` : null,
    `${documentId}-${document?.publishedAt ?? ''}`,
  );
  if (!needed) return own;
  return typeof data?.data?.slug === 'string' ? data.data.slug : undefined;
}

function RebuildState({ site, delay }: { site: SiteStatus; delay: string }) {
  if (!site.rebuildsOnPublish) {
    return <Typography variant="pi">Il sito non si aggiorna da solo a ogni pubblicazione: la pagina appare alla sua prossima ricostruzione.</Typography>;
  }
  return (
    <>
      <Typography variant="pi">Il sito si aggiorna entro {delay} dalla pubblicazione.</Typography>
      {site.rebuildDueAt ? (
        <Typography variant="pi">Aggiornamento del sito in arrivo: verrà richiesto alle {when(site.rebuildDueAt)}.</Typography>
      ) : null}
      <Typography variant="pi">
        {site.lastRebuildRequestedAt ? `Ultima richiesta di aggiornamento del sito: ${when(site.lastRebuildRequestedAt)}.` : 'Nessuna richiesta di aggiornamento del sito finora.'}
      </Typography>
    </>
  );
}

function SiteContent({ model, documentId, activeTab, document, meta, type }: PanelProps & { type: EditorialKey }) {
  const status = document?.status ?? 'draft';
  const publishedAt = document?.publishedAt ?? meta?.availableStatus?.find((v) => v.publishedAt)?.publishedAt ?? null;
  const published = Boolean(documentId) && status !== 'draft';
  const [tick, setTick] = React.useState(0);
  // Asked again when the entry is published or unpublished, and then while its rebuild is on its way.
  const { data: site, error } = useAdminGet<SiteStatus>('/admin/coesione/site', `${status}-${publishedAt ?? ''}-${tick}`);
  const publishedMs = publishedAt ? Date.parse(publishedAt) : NaN;
  const waiting =
    published &&
    Boolean(site?.rebuildsOnPublish) &&
    Date.now() - publishedMs < WATCH_MS &&
    (Boolean(site?.rebuildDueAt) || !site?.lastRebuildRequestedAt || Date.parse(site.lastRebuildRequestedAt) < publishedMs);
  React.useEffect(() => {
    if (!waiting) return;
    const timer = window.setTimeout(() => setTick((t) => t + 1), POLL_MS);
    return () => window.clearTimeout(timer);
  }, [waiting, site]);
  const slug = usePublishedSlug(model, documentId, document, activeTab);
  const partner = useIsPartner();

  if (error) return <Typography variant="pi">Non è stato possibile leggere lo stato del sito: ricarica la pagina.</Typography>;
  if (!site) return null;
  const delay = aboutDelay(site.updateWithinSeconds);
  return (
    // A polite live region: the rebuild's state changes while the editor stays on the page.
    <Flex direction="column" alignItems="flex-start" gap={2} aria-live="polite">
      {published && slug ? (
        <>
          <Link href={`${site.url}${pageUrl(type, slug)}`} isExternal>
            Vedi sul sito<VisuallyHidden> (si apre in una nuova scheda)</VisuallyHidden>
          </Link>
          {status === 'modified' ? <Typography variant="pi">Le modifiche salvate e non ancora pubblicate non sono sul sito.</Typography> : null}
          <RebuildState site={site} delay={delay} />
        </>
      ) : (
        <Typography variant="pi">
          Questa scheda non è ancora sul sito: è una bozza. {partner ? 'Quando la redazione la pubblica' : 'Dopo «Pubblica»'}, la sua pagina appare
          sul sito{site.rebuildsOnPublish ? ` entro ${delay}` : ' alla prossima ricostruzione'}.
        </Typography>
      )}
    </Flex>
  );
}

/** addEditViewSidePanel description: rendered by the content manager with the document's props. */
export const SitePanel = (props: PanelProps) => {
  const type = EDITORIAL_BY_UID.get(props.model);
  if (!type) return null;
  return { title: 'Sul sito', content: <SiteContent {...props} type={type} /> };
};
SitePanel.type = 'coesione-site';
