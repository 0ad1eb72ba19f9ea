// Just enough of a browser for sign-in flows: a cookie jar (per host, honouring Path, Secure, expiry),
// redirects followed by hand, and public names (https://incidents.test) mapped to local servers.

/** A cookie as the browser keeps it. */
interface Cookie {
  value: string;
  path: string;
  secure: boolean;
}

/** One Set-Cookie header's name, value and attributes (lower-cased names). */
export const parseSetCookie = (header: string) => {
  const [pair = '', ...parts] = header.split(';');
  const at = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const part of parts) {
    const [key = '', ...rest] = part.trim().split('=');
    attributes.set(key.toLowerCase(), rest.join('='));
  }
  return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim(), attributes };
};

/** A browser session; `hosts` maps public origins to the local servers answering for them. */
export class Browser {
  private readonly jar = new Map<string, Map<string, Cookie>>();
  /** Every Set-Cookie header received, newest last. */
  readonly setCookies: string[] = [];

  constructor(private readonly hosts: Record<string, string> = {}) {}

  /** The value of a cookie the browser holds for this host, if any. */
  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)?.value;
  }

  /** Replaces (or adds) a cookie, as an attacker with access to this browser could. */
  setCookie(host: string, name: string, value: string, path = '/'): void {
    const cookies = this.jar.get(host) ?? new Map<string, Cookie>();
    cookies.set(name, { value, path, secure: false });
    this.jar.set(host, cookies);
  }

  /** One request, no redirects followed; cookies sent and stored. */
  async request(address: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(address);
    const target = this.hosts[url.origin];
    const actual = target ? new URL(`${url.pathname}${url.search}`, target) : url;
    const cookies = [...(this.jar.get(url.hostname) ?? new Map<string, Cookie>())]
      .filter(
        ([, c]) =>
          (url.pathname === c.path || url.pathname.startsWith(c.path.replace(/\/?$/, '/'))) &&
          (!c.secure || url.protocol === 'https:'),
      )
      .map(([name, c]) => `${name}=${c.value}`);
    const headers = new Headers(init.headers);
    if (cookies.length > 0) headers.set('cookie', cookies.join('; '));
    if (!headers.has('accept')) headers.set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    const response = await fetch(actual, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) this.store(url, header);
    return response;
  }

  /** GETs and follows redirects; returns the last response and the address it came from. */
  async follow(address: string, hops = 15): Promise<{ response: Response; url: string; visited: string[] }> {
    const visited: string[] = [];
    let url = address;
    for (let hop = 0; hop < hops; hop++) {
      visited.push(url);
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url, visited };
      await response.arrayBuffer();
      url = new URL(location, url).href;
    }
    throw new Error(`more than ${hops} redirects: ${visited.join(' → ')}`);
  }

  /** GETs and follows redirects until the next one would go to `stop` (its address is returned). */
  async followUntil(address: string, stop: (url: URL) => boolean): Promise<string> {
    let url = address;
    for (let hop = 0; hop < 15; hop++) {
      if (stop(new URL(url))) return url;
      const response = await this.request(url);
      const location = response.headers.get('location');
      await response.arrayBuffer();
      if (!location) throw new Error(`${url} answered ${response.status} without a redirect`);
      url = new URL(location, url).href;
    }
    throw new Error('too many redirects');
  }

  private store(url: URL, header: string): void {
    this.setCookies.push(header);
    const { name, value, attributes } = parseSetCookie(header);
    const cookies = this.jar.get(url.hostname) ?? new Map<string, Cookie>();
    const maxAge = attributes.get('max-age');
    const expires = attributes.get('expires');
    const gone =
      (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) < Date.now());
    if (gone) cookies.delete(name);
    else cookies.set(name, { value, path: attributes.get('path') || '/', secure: attributes.has('secure') });
    this.jar.set(url.hostname, cookies);
  }
}
