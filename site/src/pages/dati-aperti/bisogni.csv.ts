/**
 * `/dati-aperti/bisogni.csv`: the register of every published need figure, one cell a row, with its
 * category's national codes appended (SIUSS area, ISTAT area of utenza, Caritas: the method page says what
 * they are), and the quarter's reporting completeness (bodies expected, those that sent every month already
 * due, those that did by the due day; empty for releases made before it was measured), and how many quarters
 * a figure counts (comune figures: the four to the quarter).
 */
import { csv } from '@coesione/model';
import type { APIRoute } from 'astro';
import { NATIONAL_COLUMNS, nationalCells } from '~/lib/present/need-crosswalk';
import { quarterState } from '~/lib/present/need-figures';
import { needFigures } from '~/lib/read/need-data';

export const GET: APIRoute = async () => {
  const figures = await needFigures();
  const rows = [['trimestre', 'stato', 'livello', 'area', 'categoria', 'fascia_eta', 'persone', 'piu_enti', 'soppresso', 'soglia_minima', ...NATIONAL_COLUMNS, 'enti_attesi', 'enti_che_hanno_inviato', 'enti_nei_tempi', 'trimestri_contati']];
  for (const r of figures.releases) {
    const reporting = r.reporting ? [r.reporting.expected, r.reporting.reported, r.reporting.onTime].map(String) : ['', '', ''];
    for (const c of r.cells) {
      rows.push([r.quarter, quarterState(figures.provisional(r.quarter)), r.level, c.area, c.category, c.ageBand, c.people === null ? '' : String(c.people), c.multiBody === null ? '' : String(c.multiBody), c.people === null ? 'sì' : 'no', String(r.minCell), ...nationalCells(c.category), ...reporting, String(r.quarters ?? 1)]);
    }
  }
  return new Response(csv(rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
