/**
 * `npm run search:reindex`: rebuilds the public index from the published content of the running CMS
 * (CMS_URL, default http://127.0.0.1:1337) into a fresh index, then swaps it in atomically.
 */
import { readStartConfig } from './lib/config.ts';
import { progress } from './lib/progress.ts';
import { reindexFromCms } from './lib/search-setup.ts';

const config = readStartConfig();
const meiliUrl = config.meiliUrl ?? `http://${config.host}:${config.meiliPort}`;
const cmsUrl = process.env.CMS_URL ?? config.cmsUrl;
try {
  await reindexFromCms({ meiliUrl, masterKey: config.meiliMasterKey, cmsUrl, locales: (process.env.SEARCH_LOCALES ?? 'it').split(',') }, progress);
} catch (error) {
  console.error(`Reindicizzazione non riuscita: ${(error as Error).message}\n(Il CMS deve essere avviato: npm start.)`);
  process.exitCode = 1;
}
