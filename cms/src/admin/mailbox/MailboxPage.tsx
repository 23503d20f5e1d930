/**
 * «Posta di prova»: the messages the CMS would have sent (bookings, certificates), as it writes them to the
 * local mailbox when SMTP_URL is unset, so a newcomer sees what people receive. The list (newest first)
 * at `/admin/posta-di-prova`, one message at `/admin/posta-di-prova/<id>`: its headers, its text, and its
 * HTML in a sandboxed frame (no scripts, no requests out).
 *
 * The list is a plain table with a caption: Strapi's Table is an ARIA grid (arrow keys, one tab stop),
 * made for editing rows, and would read as a widget rather than as the table of messages it is.
 */
import * as React from 'react';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { MAILBOX_ADMIN_PATH, type MailboxList, type MailboxMessage } from '@coesione/model';
import { useAdminGet } from '../coesione/api';

const API = '/admin/coesione/mailbox';
const WHEN = new Intl.DateTimeFormat('it-IT', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Rome' });
const when = (iso: string) => WHEN.format(new Date(iso));

/** Keeps a message's HTML to itself: no script, nothing fetched, links open in a new tab. */
const framed = (html: string) =>
  `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"><base target="_blank"></head><body style="font-family: sans-serif">${html}</body></html>`;

const cell: React.CSSProperties = { padding: '8px 12px', textAlign: 'left', verticalAlign: 'top', borderBottom: '1px solid #dcdce4' };

export default function MailboxPage() {
  const id = useParams()['*'] ?? '';
  return id ? <Message id={id} /> : <List />;
}

function Problem({ text }: { text: string }) {
  return (
    <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
      <Typography tag="p" textColor="danger600">{text}</Typography>
    </Box>
  );
}

function List() {
  const { data, error, loading } = useAdminGet<MailboxList>(API);
  return (
    <Page.Main>
      <Page.Title>Posta di prova</Page.Title>
      <Layouts.Header title="Posta di prova" subtitle="I messaggi che la piattaforma avrebbe spedito (prenotazioni, attestati): senza un server di posta (SMTP_URL) li scrive qui, un file .eml per messaggio." />
      <Layouts.Content>
        <div aria-live="polite" aria-busy={loading}>
          {error && <Problem text={error} />}
          {data && (
            <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
              <Box paddingBottom={4}>
                <Typography tag="p" variant="pi">
                  Cartella: <code>{data.folder}</code>
                </Typography>
              </Box>
              {data.messages.length === 0 ? (
                <Typography tag="p">Nessun messaggio finora: prenota un laboratorio dal sito, e la conferma compare qui.</Typography>
              ) : (
                <table style={{ borderCollapse: 'collapse', width: '100%' }}>
                  <caption style={{ textAlign: 'left', paddingBottom: 8 }}>
                    <Typography variant="delta">
                      {data.total > data.messages.length ? `I ${data.messages.length} messaggi più recenti, di ${data.total}` : `${data.total === 1 ? '1 messaggio' : `${data.total} messaggi`}, dal più recente`}
                    </Typography>
                  </caption>
                  <thead>
                    <tr>
                      {['Data', 'Destinatario', 'Oggetto'].map((h) => (
                        <th key={h} scope="col" style={cell}><Typography variant="sigma" textColor="neutral600">{h}</Typography></th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.messages.map((m) => (
                      <tr key={m.id}>
                        <td style={cell}><Typography><time dateTime={m.date}>{when(m.date)}</time></Typography></td>
                        <td style={cell}><Typography>{m.to}</Typography></td>
                        <td style={cell}>
                          <Link tag={RouterLink} to={`/${MAILBOX_ADMIN_PATH}/${encodeURIComponent(m.id)}`}>{m.subject || '(senza oggetto)'}</Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Box>
          )}
        </div>
      </Layouts.Content>
    </Page.Main>
  );
}

function Message({ id }: { id: string }) {
  const { data, error, loading } = useAdminGet<MailboxMessage>(`${API}/${encodeURIComponent(id)}`, id);
  const title = data?.subject || 'Messaggio';
  const facts: [string, React.ReactNode][] = data
    ? [
        ['Data', <time dateTime={data.date}>{when(data.date)}</time>],
        ['Da', data.from],
        ['A', data.to],
        ['Oggetto', data.subject],
        ['Argomento', data.topic ?? '—'],
      ]
    : [];
  return (
    <Page.Main>
      <Page.Title>{`${title} · Posta di prova`}</Page.Title>
      <Layouts.Header
        title={title}
        navigationAction={<Link tag={RouterLink} to={`/${MAILBOX_ADMIN_PATH}`}>Torna alla posta di prova</Link>}
      />
      <Layouts.Content>
        <div aria-live="polite" aria-busy={loading}>
          {error && <Problem text={error} />}
          {data && (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
                  {facts.map(([name, value]) => (
                    <React.Fragment key={name}>
                      <dt><Typography fontWeight="bold">{name}</Typography></dt>
                      <dd style={{ margin: 0 }}><Typography>{value}</Typography></dd>
                    </React.Fragment>
                  ))}
                </dl>
              </Box>
              <Box tag="section" aria-labelledby="posta-testo" background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2" id="posta-testo">Testo</Typography>
                <Box paddingTop={2}>
                  <Typography tag="pre" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', margin: 0 }}>{data.text}</Typography>
                </Box>
              </Box>
              {data.html && (
                <Box tag="section" aria-labelledby="posta-html" background="neutral0" padding={6} hasRadius shadow="tableShadow">
                  <Typography variant="delta" tag="h2" id="posta-html">Versione HTML</Typography>
                  <Box paddingTop={2}>
                    {/* No allow-scripts, no allow-same-origin: the frame runs nothing and reaches nothing of the admin. */}
                    <iframe title="Versione HTML del messaggio" sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={framed(data.html)} style={{ width: '100%', minHeight: 240, border: '1px solid #dcdce4', background: '#fff' }} />
                  </Box>
                </Box>
              )}
              <Box tag="section" aria-labelledby="posta-intestazioni" background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2" id="posta-intestazioni">Tutte le intestazioni</Typography>
                <Box paddingTop={2}>
                  <Typography tag="pre" variant="pi" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>
                    {data.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}
                  </Typography>
                </Box>
              </Box>
            </Flex>
          )}
        </div>
      </Layouts.Content>
    </Page.Main>
  );
}
