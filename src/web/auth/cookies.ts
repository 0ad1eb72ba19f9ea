// Reading cookies, and sealing small values (the sign-in transaction) so the browser can hold them
// without being able to change them: JSON, base64url, then an HMAC-SHA256 over it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request } from 'express';

/** The value of one cookie from the request, or undefined. No cookie-parser needed for the few we read. */
export const readCookie = (req: Request, name: string): string | undefined => {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
};

/** Attributes shared by every cookie we set: HttpOnly, SameSite=Lax, Secure when the site is https. */
export const cookieOptions = (secure: boolean, path = '/'): CookieOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure,
  path,
});

/**
 * The key that seals the sign-in cookie, derived from SESSION_SECRET (so every replica agrees); without
 * one (the sandbox, tests) a key made for this process only.
 */
export const sealingKey = (sessionSecret: string | null): Buffer =>
  sessionSecret ? createHmac('sha256', sessionSecret).update('incident-bot sign-in cookie').digest() : randomBytes(32);

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/** `payload.mac`: the value as base64url JSON with its HMAC. */
export const seal = (key: Buffer, value: unknown): string => {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
};

/** The value sealed with this key, or null when the text was changed, cut, or sealed with another key. */
export const unseal = (key: Buffer, text: string | undefined): unknown => {
  const [payload, signature, ...extra] = (text ?? '').split('.');
  if (!payload || !signature || extra.length > 0) return null;
  const expected = mac(key, payload);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
};

/** Constant-time equality of two strings (tokens). */
export const sameToken = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
