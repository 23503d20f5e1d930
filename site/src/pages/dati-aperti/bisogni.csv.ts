/**
 * `/dati-aperti/bisogni.csv`: the register of every published need figure, one cell a row, with its
 * category's national codes appended (SIUSS area, ISTAT area of utenza, Caritas: the method page says what
 * they are).
 */
import type { APIRoute } from 'astro';
import { NATIONAL_COLUMNS, nationalCells } from '../../lib/need-crosswalk';
import { csv, quarterState } from '../../lib/needs';
import { needFigures } from '../../lib/needs-data';

export const GET: APIRoute = async () => {
  const figures = await needFigures();
  const rows = [['trimestre', 'stato', 'livello', 'area', 'categoria', 'fascia_eta', 'persone', 'piu_enti', 'soppresso', 'soglia_minima', ...NATIONAL_COLUMNS]];
  for (const r of figures.releases) {
    for (const c of r.cells) {
      rows.push([r.quarter, quarterState(figures.provisional(r.quarter)), r.level, c.area, c.category, c.ageBand, c.people === null ? '' : String(c.people), c.multiBody === null ? '' : String(c.multiBody), c.people === null ? 'sì' : 'no', String(r.minCell), ...nationalCells(c.category)]);
    }
  }
  return new Response(csv(rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
