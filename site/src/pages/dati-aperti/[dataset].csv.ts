/** `/dati-aperti/<dataset>.csv`: one public type, a row per entry (lists joined by « | »); its dictionary at /dati-aperti/<dataset>/. */
import type { APIRoute } from 'astro';
import { datasetCsv, type Dataset } from '~/lib/present/datasets';
import type { AnyDataset } from '~/lib/present/open-data';
import { datasetEntries, datasetPaths } from '~/lib/read/open-data';

export const getStaticPaths = datasetPaths;

export const GET: APIRoute<{ dataset: AnyDataset }> = async ({ props, site }) =>
  new Response(datasetCsv(props.dataset as Dataset<unknown>, await datasetEntries(props.dataset), site?.href ?? 'http://localhost/'), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
