// Routes a request under the base path: the Web API (/api/<method>), response_urls (/response/<id>) and the
// browser UI (ui/routes.ts). Works as a plain node:http listener and as Express/Connect middleware.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveWebApi } from './api/web-api.ts';
import { sendJson } from './http-util.ts';
import { serveResponseUrl } from './response-url.ts';
import type { Workspace } from './state.ts';
import type { SandboxHandler } from './types.ts';
import type { UiRoutes } from './ui/routes.ts';

/** `/sandbox/` → `/sandbox`; `/`, '' and undefined → ''. Throws on anything that is not a plain path. */
export function normaliseBasePath(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(\/[\w.~-]+)+$/.test(trimmed)) throw new Error(`sandbox: basePath must look like /sandbox, not ${path}`);
  return trimmed;
}

/** `http://127.0.0.1:3000/` → `http://127.0.0.1:3000`; throws on a URL with a path, query or fragment. */
export function normaliseOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`sandbox: publicOrigin is an origin like http://127.0.0.1:3000 (put paths in basePath): ${origin}`);
  }
  return url.origin;
}

/** The path after the base path ('' when the request is for the base path itself), or undefined when outside. */
const underBase = (basePath: string, pathname: string): string | undefined => {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
};

// Express rewrites req.url under app.use('/prefix', …) and keeps the full one in originalUrl.
const fullUrl = (req: IncomingMessage): string => (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';

/** The sandbox's request handler. */
export function createHandler(ws: Workspace, ui: UiRoutes): SandboxHandler {
  return (req, res, next) => {
    const url = new URL(fullUrl(req), 'http://sandbox');
    const rest = underBase(ws.basePath, url.pathname);
    const work = rest === undefined ? undefined : route(ws, ui, rest, url, req, res);
    if (work === undefined) {
      if (next) next();
      else sendJson(res, 404, { ok: false, error: 'not_found' });
      return;
    }
    work.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: 'invalid_request', detail: String(error) });
      else res.destroy();
    });
  };
}

function route(
  ws: Workspace,
  ui: UiRoutes,
  rest: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> | undefined {
  const api = /^\/api\/([\w.]+)$/.exec(rest);
  if (api && (req.method === 'POST' || req.method === 'GET')) return serveWebApi(ws, api[1] as string, req, res);
  const response = /^\/response\/([\w-]+)$/.exec(rest);
  if (response && req.method === 'POST') return serveResponseUrl(ws, response[1] as string, req, res);
  if (api || response) return Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
  return ui.serve(rest, url, req, res);
}
