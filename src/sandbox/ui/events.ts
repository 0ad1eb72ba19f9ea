// GET <base>/events/stream: server-sent events telling open UI pages that the workspace changed, so they
// fetch /ui/state again. Bursts of changes (a bot reply is often several API calls) become one notice.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '../state.ts';

/** How long changes are gathered into one notice. */
const COALESCE_MS = 15;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 20_000;

/** The open streams of one sandbox. */
export interface EventStreams {
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Ends every open stream (the sandbox is stopping). */
  closeAll(): void;
}

/** Event streams for the workspace. */
export function eventStreams(ws: Workspace): EventStreams {
  const open = new Set<() => void>();
  return {
    serve(_req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      // Reconnect quickly after a restart; say which version the page should have now.
      res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ version: ws.version })}\n\n`);
      let timer: NodeJS.Timeout | undefined;
      const watcher = () => {
        timer ??= setTimeout(() => {
          timer = undefined;
          res.write(`event: changed\ndata: ${JSON.stringify({ version: ws.version })}\n\n`);
        }, COALESCE_MS);
      };
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        ws.watchers.delete(watcher);
        open.delete(end);
        clearInterval(heartbeat);
        clearTimeout(timer);
        if (!res.writableEnded) res.end();
      };
      ws.watchers.add(watcher);
      open.add(end);
      // res 'close' comes when the browser goes away (req 'close' can come as soon as the request is read).
      res.on('close', end);
      return Promise.resolve();
    },
    closeAll() {
      for (const end of [...open]) end();
    },
  };
}
