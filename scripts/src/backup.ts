/**
 * `npm run backup [-- --file PATH] [--portable]`: one encrypted, authenticated archive of the CMS (the
 * database's own dump and the uploads), by default `<data dir>/backups/coesione-YYYYMMDD-HHMMSS.backup`.
 * `--portable`: Strapi's export instead (`….tar.gz.enc`), only to move to the other kind of database.
 * BACKUP_KEY (at least 16 characters) is required; without it nothing is written. The CMS may keep running.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupKey, createBackup, createPortableBackup, italianDate, loadEnvFiles, NOT_IN_ARCHIVE, NOT_IN_PORTABLE, uploadedFiles } from './lib/backup.ts';
import { ensureCmsBuilt } from './lib/strapi.ts';

const USAGE = 'Uso: npm run backup [-- --file PERCORSO] [--portable]';
const MB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

try {
  const { values } = (() => {
    try {
      return parseArgs({ options: { file: { type: 'string', short: 'f' }, portable: { type: 'boolean' } }, strict: true, allowPositionals: false });
    } catch (error) {
      throw new BackupError(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  loadEnvFiles();
  const key = backupKey();
  await ensureCmsBuilt();
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  if (values.portable) {
    console.log('Coesione: export portabile del CMS (strapi export), per passare all’altro tipo di database…');
    const result = await createPortableBackup({ key, file: values.file });
    const c = result.counts;
    console.log(
      [
        `Export portabile scritto: ${shown(result.file)} (${MB(result.bytes)}, ${result.seconds.toFixed(0)} s)`,
        `  ${c.entities ?? 0} voci, ${c.links ?? 0} relazioni, ${uploadedFiles(c.assets ?? 0)}, ${c.configuration ?? 0} impostazioni`,
        ...result.warnings.map((w) => `  avviso: ${w}`),
        '  Serve solo a passare da SQLite a PostgreSQL o viceversa: per i backup usa npm run backup senza --portable.',
        `  Non sono nell’export: ${NOT_IN_PORTABLE}.`,
      ].join('\n'),
    );
  } else {
    console.log('Coesione: backup del CMS (database e file caricati)…');
    const result = await createBackup({ key, file: values.file });
    const m = result.manifest;
    console.log(
      [
        `Backup scritto: ${shown(result.file)} (${MB(result.bytes)}, ${result.seconds.toFixed(0)} s)`,
        `  del ${italianDate(m.createdAt)}: database ${m.database.source} (${MB(result.database.bytes)}), ${uploadedFiles(result.uploads.files)} (${MB(result.uploads.bytes)}), schema ${m.schema.fingerprint.slice(0, 12)}`,
        '  Cifrato e autenticato (AES-256-GCM) con BACKUP_KEY: conserva la chiave a parte, senza l’archivio non si apre.',
        `  Non sono nell’archivio: ${NOT_IN_ARCHIVE}.`,
      ].join('\n'),
    );
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
