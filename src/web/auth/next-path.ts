// Where to send someone after signing in. Only a path on this site is honoured: anything that could
// leave it (https://evil.test, //evil.test, /\evil.test, javascript:…) falls back to the home page.

const BASE = 'http://this-site.invalid';

/** A same-site relative path (with query and fragment) taken from `next`, or `/`. */
export const safeNext = (raw: unknown): string => {
  if (typeof raw !== 'string' || raw.length > 2000) return '/';
  // A path, but not a protocol-relative URL; browsers treat a backslash like a slash here.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // Control characters and whitespace are stripped by URL parsers in ways that can change the target.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0020\u007f\\]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  // Back to sign-in (or the sign-in flow) would loop.
  if (url.pathname === '/signin' || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
};

/** The sign-in page's address, remembering where the person was going. */
export const signInPath = (next: string): string =>
  next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
