// One JSON log line per request, tagged with a request id that is also returned to the caller.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

// A proxy's id is reused so one id follows the request across services, if it looks like an id.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** pino-http with request ids (X-Request-Id in and out); probes and metrics scrapes log at debug. */
export const requestLog = (logger: Logger) =>
  pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (req, res, error) => {
      // Probes first: "not ready yet" (503 while migrating) is an answer, not an error, and a
      // readiness probe asks every few seconds.
      if (req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics') return 'debug';
      if (error || res.statusCode >= 500) return 'error';
      return 'info';
    },
    // Slack signatures and bearer tokens must never reach the logs.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-slack-signature"]'],
  });
