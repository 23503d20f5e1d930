/** What can go wrong reading the CMS or a snapshot; each message names the URL or the file involved. */
export class CmsClientError extends Error {
  override name = 'CmsClientError';
}

/** Nothing answers at the CMS's address: callers add what the user can do about it (start it, use a snapshot). */
export class CmsUnreachableError extends CmsClientError {
  override name = 'CmsUnreachableError';
}

/** The CMS answered, but not with what the public API promises (a status other than 2xx, no `data` list). */
export class CmsResponseError extends CmsClientError {
  override name = 'CmsResponseError';
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A snapshot file that cannot be read, or lacks what the caller needs: the fix is always a new snapshot. */
export class SnapshotError extends CmsClientError {
  override name = 'SnapshotError';
}
