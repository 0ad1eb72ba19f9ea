// A browser stand-in for page tests: keeps cookies (the session), reads the CSRF token from the last
// form it saw, posts forms urlencoded, and follows the POST-redirect-GET by hand so tests see both.
// Plus small HTML readers: tests assert on what a person would see, not on markup details.

/** One response, read. */
export interface PageResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly html: string;
  /** Where a redirect points (relative to the service), else null. */
  readonly location: string | null;
}

/** A signed-in browser session against one service. */
export interface PageClient {
  get(path: string, headers?: Record<string, string>): Promise<PageResponse>;
  /** Posts a form with the session's CSRF token (unless `csrf: false`, or a token of your own). */
  post(
    path: string,
    form: Record<string, string | string[]>,
    options?: { csrf?: string | false },
  ): Promise<PageResponse>;
  /** Posts, expects 303, follows it: the page a person lands on. */
  submit(path: string, form: Record<string, string | string[]>): Promise<PageResponse & { redirectedTo: string }>;
  /** The CSRF token of the last form seen. */
  readonly csrfToken: string | null;
}

/** A client for the service at `baseUrl`. */
export const pageClient = (baseUrl: string): PageClient => {
  const cookies = new Map<string, string>();
  let csrf: string | null = null;

  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };

  const request = async (path: string, init: RequestInit): Promise<PageResponse> => {
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'text/html,application/xhtml+xml');
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    remember(response);
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) csrf = token;
    const location = response.headers.get('location');
    return { status: response.status, headers: response.headers, html, location };
  };

  const encode = (form: Record<string, string | string[]>, token: string | false | null) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    if (token) body.set('_csrf', token);
    return body;
  };

  const client: PageClient = {
    get: (path, headers = {}) => request(path, { method: 'GET', headers }),
    async post(path, form, options = {}) {
      const token = options.csrf === undefined ? csrf : options.csrf;
      return request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encode(form, token),
      });
    },
    async submit(path, form) {
      if (!csrf) await client.get('/');
      const posted = await client.post(path, form);
      if (posted.status !== 303 || !posted.location) {
        throw new Error(`expected 303 from POST ${path}, got ${posted.status}: ${pageText(posted.html).slice(0, 400)}`);
      }
      const landed = await client.get(posted.location);
      return { ...landed, redirectedTo: posted.location };
    },
    get csrfToken() {
      return csrf;
    },
  };
  return client;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Decodes the entities our templates produce. */
export const decodeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp|#x[0-9a-f]+|#\d+);/gi, (all, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return all;
  });

/** The words on a page (or part of one): tags dropped, entities decoded, whitespace collapsed. */
export const pageText = (html: string): string =>
  decodeHtml(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ ([,.;:])/g, '$1'),
  ).trim();

/** The page from just after the tag holding (or following) `startMarker` up to `endMarker`. */
export const section = (html: string, startMarker: string, endMarker: string): string => {
  const at = html.indexOf(startMarker);
  if (at === -1) return '';
  const start = html.indexOf('>', at) + 1;
  const end = html.indexOf(endMarker, start);
  return html.slice(start, end === -1 ? undefined : end);
};

/** The ids of incidents linked from a page part, in order ("/incidents/12" links). */
export const incidentIds = (html: string): number[] =>
  [...html.matchAll(/<a class="govuk-link" href="\/incidents\/(\d+)">/g)].map((m) => Number(m[1]));

/** A table as rows of cell texts (header row included), from its caption onwards. */
export const tableRows = (html: string, caption: string): string[][] => {
  const at = html.indexOf(caption);
  if (at === -1) return [];
  const table = html.slice(at, html.indexOf('</table>', at));
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => pageText(cell[1] ?? '')),
  );
};

/** The messages of the GOV.UK error summary. */
export const errorSummary = (html: string): string[] =>
  [...section(html, 'govuk-error-summary', '</ul>').matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map(
    (m) => `${m[1]}: ${pageText(m[2] ?? '')}`,
  );

/** The text of the success banner, if any. */
export const banner = (html: string): string | null => {
  const part = section(html, 'govuk-notification-banner', '</div>\n</div>');
  return part ? pageText(part) : null;
};
