// Django REST Framework's LimitOffsetPagination, as Response used it (PAGE_SIZE 100): lenient
// parameters, absolute next/previous links, and the {count, next, previous, results} envelope.
import type { Request } from 'express';

/** Response's page size; also the most one page returns here (DRF's max_limit). */
export const LEGACY_PAGE_SIZE = 100;

/** What a page asks for. Like DRF, a bad limit falls back to the default and a bad offset to 0. */
export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

const positiveInt = (value: unknown, { strict }: { strict: boolean }): number | null => {
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return null;
  const number = Number(value.trim());
  if (!Number.isSafeInteger(number) || (strict && number === 0)) return null;
  return number;
};

/** Reads `?limit=&offset=` the way DRF does. */
export const pageRequest = (req: Request): PageRequest => ({
  limit: Math.min(positiveInt(req.query.limit, { strict: true }) ?? LEGACY_PAGE_SIZE, LEGACY_PAGE_SIZE),
  offset: positiveInt(req.query.offset, { strict: false }) ?? 0,
});

/** This request's absolute URL with limit/offset replaced (or offset removed), query keys sorted as DRF does. */
const pageUrl = (req: Request, publicUrl: string, limit: number, offset: number | null): string => {
  const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  query.set('limit', String(limit));
  if (offset === null) query.delete('offset');
  else query.set('offset', String(offset));
  query.sort();
  return `${publicUrl}${req.path}?${query.toString()}`;
};

/** The DRF envelope around one page of results. */
export const legacyEnvelope = <T>(
  req: Request,
  publicUrl: string,
  { limit, offset }: PageRequest,
  count: number,
  results: readonly T[],
) => ({
  count,
  next: offset + limit < count ? pageUrl(req, publicUrl, limit, offset + limit) : null,
  previous: offset <= 0 ? null : pageUrl(req, publicUrl, limit, offset - limit > 0 ? offset - limit : null),
  results,
});
