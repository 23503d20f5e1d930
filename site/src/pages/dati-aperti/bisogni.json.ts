/**
 * `/dati-aperti/bisogni.json`: the register of every published need figure, release by release, as the
 * CMS publishes them (suppressed cells carry null). Nothing but the published figures.
 */
import type { APIRoute } from 'astro';
import { needFigures } from '../../lib/needs-data';

export const GET: APIRoute = async () => {
  const figures = await needFigures();
  const body = {
    nota: 'Dati sintetici dimostrativi. Persone seguite per trimestre; people null = sotto la soglia di pubblicazione (minCell). Licenza CC BY 4.0.',
    licenza: 'https://creativecommons.org/licenses/by/4.0/',
    releases: figures.releases.map((r) => ({
      quarter: r.quarter,
      level: r.level,
      minCell: r.minCell,
      cells: r.cells.map((c) => ({ area: c.area, category: c.category, ageBand: c.ageBand, people: c.people, multiBody: c.multiBody, ...(c.suppressed ? { suppressed: c.suppressed } : {}) })),
    })),
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};
