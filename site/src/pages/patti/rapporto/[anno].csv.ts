/** /patti/rapporto/<anno>.csv: the annual report of pacts, the same rows as its page. */
import { csv } from '@coesione/model';
import type { APIRoute } from 'astro';
import { reports } from '~/lib/read/pact-pages';
import { reportCsvRows, type PactReport } from '~/lib/present/pact-report';

export async function getStaticPaths() {
  return (await reports()).map((report) => ({ params: { anno: String(report.year) }, props: { report } }));
}

export const GET: APIRoute = ({ props }) => new Response(csv(reportCsvRows((props as { report: PactReport }).report)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
