// Request counts and latency by route for Prometheus. Labels use the route pattern
// (/api/v1/incidents/:id), never the raw path, so ids cannot blow up the series count.
import type { Request, RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';

// Express resets req.baseUrl when an error leaves a router, so routers note their mount point here.
const routeOf = (req: Request, mount: string | undefined): string => {
  const base = mount ?? req.baseUrl;
  if (req.route?.path) return `${base}${req.route.path}`;
  return base ? `${base}/*` : 'unmatched';
};

/** Put first in a mounted router so its requests are labelled with the full route even when they fail. */
export const noteMount: RequestHandler = (req, res, next) => {
  res.locals.metricsMount = req.baseUrl;
  next();
};

/** Records every request once its response has finished. */
export const requestMetrics = (registry: Registry): RequestHandler => {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeOf(req, res.locals.metricsMount as string | undefined);
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      latency.observe({ method: req.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
};
