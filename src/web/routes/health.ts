// Probes for Kubernetes and Prometheus; open to all (keep them cluster-internal at the ingress).
import { Router } from 'express';
import type { Registry } from 'prom-client';

/** /healthz (the process runs), /readyz (database answers, migrations applied), /metrics. */
export const healthRoutes = (deps: { isReady: () => Promise<boolean>; registry: Registry }): Router => {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await deps.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
};
