// The browser UI's routes under the base path: the page and its assets (a stylesheet, the script's modules),
// the state as JSON, the event stream, the action API, and Slack-shaped permalinks that open a message in the
// page.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-util.ts';
import type { Workspace } from '../state.ts';
import type { SandboxSlack } from '../types.ts';
import { serveAction } from './actions.ts';
import { type DemoRunner, demoRunner } from './demo-runner.ts';
import { eventStreams } from './events.ts';
import { uiState } from './view-model.ts';

/** What the handler asks of the UI. */
export interface UiRoutes {
  /** Serves `rest` (the path after the base path), or returns undefined when it is not a UI route. */
  serve(rest: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> | undefined;
  closeStreams(): void;
}

// One page, one stylesheet and the script's ES modules (static/sandbox/*.js, which import each other by
// relative URL), no build step; read per request so edits show on reload. The modules are listed once, at
// start-up: only those files are served, and a new one needs a restart.
const STATIC = new URL('./static/', import.meta.url);
const SCRIPT_MODULES = readdirSync(new URL('sandbox/', STATIC)).filter((file) => file.endsWith('.js'));
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/assets/sandbox.css': { file: 'sandbox.css', type: 'text/css; charset=utf-8' },
  ...Object.fromEntries(
    SCRIPT_MODULES.map((file) => [
      `/assets/sandbox/${file}`,
      { file: `sandbox/${file}`, type: 'text/javascript; charset=utf-8' },
    ]),
  ),
};

// The host app may set its own (stricter) policy first; the sandbox's page needs nothing beyond 'self'.
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async function serveAsset(res: ServerResponse, asset: { file: string; type: string }, head: boolean): Promise<void> {
  const body = await readFile(new URL(asset.file, STATIC));
  const headers: Record<string, string | number> = {
    'content-type': asset.type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (asset.file.endsWith('.html')) {
    if (!res.hasHeader('content-security-policy')) headers['content-security-policy'] = PAGE_POLICY;
    headers['referrer-policy'] = 'same-origin';
  }
  res.writeHead(200, headers);
  res.end(head ? undefined : body);
}

const redirect = (res: ServerResponse, location: string): Promise<void> => {
  res.writeHead(302, { location, 'content-length': 0 });
  res.end();
  return Promise.resolve();
};

/** The UI's routes for one sandbox. */
export function uiRoutes(ws: Workspace, slack: SandboxSlack, demo?: () => Promise<unknown>): UiRoutes {
  const events = eventStreams(ws);
  const runner: DemoRunner | undefined = demo ? demoRunner(ws, demo) : undefined;
  return {
    serve(rest, url, req, res) {
      const get = req.method === 'GET' || req.method === 'HEAD';
      if (rest === '' && get) return redirect(res, `${ws.basePath}/${url.search}`);
      const asset = Object.hasOwn(ASSETS, rest) ? ASSETS[rest] : undefined;
      if (asset && get) return serveAsset(res, asset, req.method === 'HEAD');
      if (rest === '/ui/state' && get) {
        const q = { user: url.searchParams.get('user'), channel: url.searchParams.get('channel') };
        const body = { ...uiState(ws, q), demo: runner ? runner.status() : null };
        return Promise.resolve(sendJson(res, 200, body, { 'cache-control': 'no-store' }));
      }
      if (rest === '/events/stream' && req.method === 'GET') return events.serve(req, res);
      const action = /^\/ui\/([a-z-]+)$/.exec(rest);
      if (action && req.method === 'POST')
        return serveAction({ ws, slack, demo: runner }, action[1] as string, req, res);
      const archive = /^\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})$/.exec(rest);
      if (archive && get) {
        const query = new URLSearchParams({ channel: archive[1] as string, ts: `${archive[2]}.${archive[3]}` });
        return redirect(res, `${ws.basePath}/?${query}`);
      }
      return undefined;
    },
    closeStreams: () => events.closeAll(),
  };
}
