/** `/dati-aperti/<dataset>.json`: the same rows as the CSV, lists as arrays, empty values as null. */
import type { APIRoute } from 'astro';
import { datasetJson, type Dataset } from '~/lib/present/datasets';
import type { AnyDataset } from '~/lib/present/open-data';
import { datasetEntries, datasetPaths } from '~/lib/read/open-data';

export const getStaticPaths = datasetPaths;

export const GET: APIRoute<{ dataset: AnyDataset }> = async ({ props, site }) =>
  new Response(JSON.stringify(datasetJson(props.dataset as Dataset<unknown>, await datasetEntries(props.dataset), site?.href ?? 'http://localhost/')), { headers: { 'content-type': 'application/json; charset=utf-8' } });
