/**
 * `npm run backup [-- --file PATH]`: one encrypted archive of the CMS (Strapi's `strapi export`: content,
 * relations, uploads, configuration), by default `<data dir>/backups/coesione-YYYYMMDD-HHMMSS.tar.gz.enc`.
 * BACKUP_KEY (at least 16 characters) is required; without it nothing is written. The CMS may keep running.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupKey, createBackup, loadEnvFiles, NOT_IN_ARCHIVE } from './lib/backup.ts';
import { ensureCmsBuilt } from './lib/strapi.ts';

const USAGE = 'Uso: npm run backup [-- --file PERCORSO]';

try {
  const { values } = (() => {
    try {
      return parseArgs({ options: { file: { type: 'string', short: 'f' } }, strict: true, allowPositionals: false });
    } catch (error) {
      throw new BackupError(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  loadEnvFiles();
  const key = backupKey();
  await ensureCmsBuilt();
  console.log('Coesione: backup del CMS (strapi export)…');
  const result = await createBackup({ key, file: values.file });
  const c = result.counts;
  console.log(
    [
      `Backup scritto: ${path.relative(process.cwd(), result.file) || result.file} (${(result.bytes / 2 ** 20).toFixed(1)} MB, ${result.seconds.toFixed(0)} s)`,
      `  ${c.entities ?? 0} voci, ${c.links ?? 0} relazioni, ${c.assets ?? 0} file caricati, ${c.configuration ?? 0} impostazioni`,
      ...result.warnings.map((w) => `  avviso: ${w}`),
      '  Cifrato con BACKUP_KEY: conserva la chiave a parte, senza l’archivio non si apre.',
      `  Non sono nell’archivio: ${NOT_IN_ARCHIVE}.`,
    ].join('\n'),
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
