/** `/dati-aperti/patti.csv`: the register of collaboration pacts, one pact a row (no proposer's contact data). */
import { csv } from '@coesione/model';
import type { APIRoute } from 'astro';
import { entriesOf } from '~/lib/read/content';
import { registerRows, registerTable } from '~/lib/present/pact-register';

export const GET: APIRoute = async ({ site }) =>
  new Response(csv(registerTable(registerRows((await entriesOf('pact')).map((e) => e.data), site ?? 'http://localhost'))), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
