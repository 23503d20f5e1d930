/**
 * The partner's home-page widget for need records: its last import and its report, with the way to
 * the «Dati di bisogno» page. Reads GET /coesione-needs/summary (partners only).
 */
import { Box, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { italianDate, useAdminGet } from '../coesione/api';
import type { PartnerSummary } from '../../features/needs/contract';
import { NEEDS_PATH } from './path';

export function NeedsWidget() {
  const { data, error, loading } = useAdminGet<PartnerSummary>('/coesione-needs/summary');
  if (loading) return <Widget.Loading />;
  if (error || !data) return <Widget.Error>Non riesco a leggere i vostri dati di bisogno: ricarica la pagina.</Widget.Error>;
  const last = data.months.at(-1);
  return (
    <Box>
      <Typography tag="p">
        {data.lastImport ? `Ultima importazione il ${italianDate(data.lastImport.at)}: ${data.lastImport.count} schede (${data.lastImport.detail}).` : 'Nessuna importazione finora.'}
      </Typography>
      <Typography tag="p" variant="pi" textColor="neutral600">
        {last ? `Ultimo mese registrato: ${last.month}, ${last.count} schede.` : 'Nessuna scheda registrata.'}
      </Typography>
      <Box paddingTop={2}>
        <Link tag={RouterLink} to={`/${NEEDS_PATH}`}>Importa un file o scarica le vostre cifre</Link>
      </Box>
    </Box>
  );
}
