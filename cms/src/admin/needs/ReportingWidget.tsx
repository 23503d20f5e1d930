/**
 * The office's home-page widget: which bodies sent their need records for the open quarter and the one
 * before, and who is missing or late, so that the office can remind them. Reads GET /coesione-needs/reporting
 * (editors only); the public figures carry the same counts without names.
 */
import { Box, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { quarterLabel } from '@coesione/model';
import type { OfficeReporting, OrganizationReporting } from '../../features/needs/contract';
import { italianDate, useAdminGet } from '../coesione/api';

type Month = OrganizationReporting['months'][number];

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const monthName = (month: string) => `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;

/** «settembre 2026 mancante», «agosto 2026 arrivato il 20/09/2026». */
const problems = (months: Month[]) =>
  months.filter((m) => !m.onTime).map((m) => (m.receivedOn ? `${monthName(m.month)} arrivato il ${italianDate(m.receivedOn)}` : `${monthName(m.month)} mancante`)).join('; ');

export function ReportingWidget() {
  const { data, error, loading } = useAdminGet<OfficeReporting[]>('/coesione-needs/reporting');
  if (loading) return <Widget.Loading />;
  if (error || !data) return <Widget.Error>Non riesco a leggere gli invii dei dati di bisogno: ricarica la pagina.</Widget.Error>;
  return (
    <Box>
      {data.map((q) => {
        const behind = q.organizations.filter((o) => !o.onTime);
        const due = q.summary.months.length;
        return (
          <Box key={q.quarter} paddingBottom={3}>
            <Typography tag="h3" variant="delta">{quarterLabel(q.quarter)}</Typography>
            <Typography tag="p">
              {q.summary.expected === 0
                ? 'Nessun ente atteso.'
                : due === 0
                  ? `Nessun mese ancora scaduto: ${q.summary.reported} enti su ${q.summary.expected} hanno già inviato dati.`
                  : `${q.summary.reported} enti su ${q.summary.expected} hanno inviato tutti i mesi scaduti, ${q.summary.onTime} entro la scadenza.`}
            </Typography>
            {due > 0 && behind.length > 0 && (
              <ul aria-label={`Enti da sollecitare, ${quarterLabel(q.quarter)}`}>
                {behind.map((o) => (
                  <li key={o.name}>
                    <Typography variant="pi">
                      <strong>{o.name}</strong>: {problems(o.months)}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
