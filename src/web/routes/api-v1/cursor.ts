// Page cursors are opaque to clients: base64url of "<reportedAt ISO>|<id>".
import type { IncidentCursor } from '../../../usecases/ports.ts';

/** Encodes where the next page starts. */
export const encodeCursor = (cursor: IncidentCursor): string =>
  Buffer.from(`${cursor.reportedAt.toISOString()}|${cursor.id}`).toString('base64url');

/** Decodes a cursor from a previous page, or null if it is not one of ours. */
export const decodeCursor = (text: string): IncidentCursor | null => {
  const [iso, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const reportedAt = new Date(iso ?? '');
  const number = Number(id);
  if (extra !== undefined || Number.isNaN(reportedAt.getTime()) || !Number.isSafeInteger(number) || number < 1) {
    return null;
  }
  return { reportedAt, id: number };
};
