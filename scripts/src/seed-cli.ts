/**
 * `npm run seed [-- --reset]`: loads the demo content into the CMS (idempotent).
 * Run it with the CMS stopped when using SQLite (one writer at a time); `npm start` does it on first run.
 */
import { ensureCmsBuilt, loadStrapi } from './lib/strapi.ts';
import { progress } from './lib/progress.ts';
import { seed } from './seed/seed.ts';

const reset = process.argv.includes('--reset');
await ensureCmsBuilt();
const strapi = await loadStrapi();
try {
  console.log(reset ? 'Coesione: azzero e ricarico i contenuti dimostrativi' : 'Coesione: carico i contenuti dimostrativi');
  const report = await seed(strapi, { reset, progress });
  const rows = Object.entries(report.total).map(([uid, total]) => ({ tipo: uid.split('.').pop(), totale: total, nuovi: report.created[uid] ?? 0 }));
  console.table(rows);
} finally {
  await strapi.destroy();
}
