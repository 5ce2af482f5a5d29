/** A problem that stops sync: it names the file, where, and what to do. */
export class SyncError extends Error {
  override name = 'SyncError';
}
