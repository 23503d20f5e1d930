/**
 * `npm run restore -- --file PATH [--force]`: brings an archive of `npm run backup` back into the database
 * the CMS is configured with (DATABASE_URL for PostgreSQL, else DATABASE_FILENAME / `.data/cms.db`) and its
 * uploads folder, on the same kind of database; a portable archive (`--portable`, `….tar.gz.enc`) onto either.
 * Stop the CMS first.
 *
 * The archive is read whole with the key and verified before anything is touched, and said in one line
 * (date, database, schema). Refused unless `--force`: another content schema, an archive older than the
 * newest made or restored here, a database that already holds content. Then the search index is rebuilt
 * when an external Meilisearch is configured (MEILISEARCH_URL; the bundled one is rebuilt by the next
 * `npm start`), and the site's build hook is called when SITE_REBUILD_HOOK_URL (or NETLIFY_BUILD_HOOK_URL) is set.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AFTER_PORTABLE_RESTORE,
  AFTER_RESTORE,
  BackupError,
  backupKey,
  describeArchive,
  invalidateSearchStamp,
  loadEnvFiles,
  openBackup,
  operatorPath,
  reindexRestored,
  requestSiteRebuild,
  restoreBackup,
  uploadedFiles,
} from './lib/backup.ts';
import { readStartConfig } from './lib/config.ts';
import { ensureCmsBuilt } from './lib/strapi.ts';

const USAGE = 'Uso: npm run restore -- --file PERCORSO [--force]';

try {
  const { values } = (() => {
    try {
      return parseArgs({ options: { file: { type: 'string', short: 'f' }, force: { type: 'boolean' } }, strict: true, allowPositionals: false });
    } catch (error) {
      throw new BackupError(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  if (!values.file) throw new BackupError(`Indica l’archivio da ripristinare.\n${USAGE}`);
  loadEnvFiles();
  const key = backupKey();
  const file = operatorPath(values.file);
  console.log(`Coesione: ripristino di ${path.relative(process.cwd(), file) || file}`);
  // A wrong key or a changed byte fails here, before the CMS build and before anything is written.
  const opened = await openBackup(file, key);
  console.log(`  verificato con la chiave: ${describeArchive(opened.summary)}`);
  const result = await (async () => {
    try {
      await ensureCmsBuilt();
    } catch (error) {
      opened.dispose();
      throw error;
    }
    return restoreBackup({ file, key, force: values.force === true, opened });
  })();
  const portable = result.transfer;
  console.log(
    [
      `  ripristinato in ${result.target} (${result.seconds.toFixed(0)} s)`,
      ...result.overridden.map((reason) => `  (--force) ${reason}`),
      ...(portable
        ? [`  ${portable.counts.entities ?? 0} voci, ${portable.counts.links ?? 0} relazioni, ${uploadedFiles(portable.counts.assets ?? 0)}, ${portable.counts.configuration ?? 0} impostazioni`, ...portable.warnings.map((w) => `  avviso: ${w}`)]
        : []),
    ].join('\n'),
  );

  if (process.env.MEILISEARCH_URL) {
    const config = readStartConfig();
    const report = await reindexRestored({ meiliUrl: process.env.MEILISEARCH_URL, masterKey: config.meiliMasterKey, locales: (process.env.SEARCH_LOCALES ?? 'it').split(',') }).catch((error: Error) => {
      throw new BackupError(`Contenuti ripristinati, ma l’indice di ricerca non è stato ricostruito (${error.message}): avvia il CMS ed esegui npm run search:reindex.`, { cause: error });
    });
    console.log(`  indice di ricerca ricostruito: ${report.documents} documenti (${report.seconds.toFixed(1)} s)`);
  } else {
    invalidateSearchStamp();
    console.log('  indice di ricerca: lo ricostruisce il prossimo npm start (con un Meilisearch esterno: npm run search:reindex)');
  }

  const hook = process.env.SITE_REBUILD_HOOK_URL || process.env.NETLIFY_BUILD_HOOK_URL;
  if (hook) {
    const status = await requestSiteRebuild(hook).catch((error: Error) => `non raggiungibile (${error.message})`);
    console.log(`  sito: chiesta una nuova build all’hook (risposta ${status})`);
  } else {
    console.log('  sito: ricostruiscilo (npm start lo fa all’avvio; altrimenti npm run build -w site con il CMS avviato)');
  }
  const todo = portable ? AFTER_PORTABLE_RESTORE : AFTER_RESTORE;
  console.log(['  Da rifare a mano, perché non sono nell’archivio:', ...todo.map((line) => `  - ${line}`)].join('\n'));
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
