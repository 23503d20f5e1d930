/**
 * `/dati-aperti/bisogni.json`: the register of every published need figure, release by release, as the
 * CMS publishes them (suppressed cells carry null), and beside them the national codes of each category.
 * Nothing but the published figures.
 */
import type { APIRoute } from 'astro';
import { categoryCodesJson } from '~/lib/present/need-crosswalk';
import { quarterState } from '~/lib/present/need-figures';
import { needFigures } from '~/lib/read/need-data';

export const GET: APIRoute = async () => {
  const figures = await needFigures();
  const body = {
    nota: 'Dati sintetici dimostrativi. Persone seguite per trimestre; people null = sotto la soglia di pubblicazione (minCell); le cifre possono essere alterate di una o due unità per proteggere le persone; stato provvisorio = cambia con i rilasci mensili fino al congelamento. Licenza CC BY 4.0.',
    licenza: 'https://creativecommons.org/licenses/by/4.0/',
    // Once for the file, not in every cell: the cells stay as the CMS publishes them.
    classificazioni_nazionali: categoryCodesJson(),
    releases: figures.releases.map((r) => ({
      quarter: r.quarter,
      level: r.level,
      minCell: r.minCell,
      stato: quarterState(figures.provisional(r.quarter)),
      cells: r.cells.map((c) => ({ area: c.area, category: c.category, ageBand: c.ageBand, people: c.people, multiBody: c.multiBody, ...(c.suppressed ? { suppressed: c.suppressed } : {}) })),
    })),
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};
