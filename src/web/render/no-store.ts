// Bodies that must never be cached (pages with a CSRF token and live data, the report download).
import type { Response } from 'express';

/**
 * Sends `body` with `Cache-Control: no-store` and no ETag. Express's `send` would SHA-1 the whole
 * body for an ETag that no browser may use, since nothing stored is ever revalidated: about 5 ms
 * for a 3 MB page.
 */
export const sendNoStore = (res: Response, status: number, type: string, body: string): void => {
  res
    .status(status)
    .type(type)
    .set('Cache-Control', 'no-store')
    .set('Content-Length', String(Buffer.byteLength(body)))
    .end(body);
};
