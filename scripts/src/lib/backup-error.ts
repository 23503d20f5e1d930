/** What stops a backup or a restore: its message is for the operator, in Italian, and says what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}
