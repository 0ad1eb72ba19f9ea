// The Helm chart, offline: rendered by the official helm binary (from an npm package) for the value sets
// an operator would use, every object checked against Kubernetes' schemas and for unknown fields, and
// the settings that keep the pods safe and available asserted: non-root, read-only root filesystem, no
// capabilities, probes on /healthz and /readyz, a grace period longer than the app's drain, the migration
// hook, secrets only by reference. A wrong value fails `helm template` through values.schema.json.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { SECRET_VARIABLES } from '../../src/config.ts';
import { childEnv, killAll, runCli } from '../support/processes.ts';
import { CHART_DIR, extractHelm, type Helm, helmUnavailable } from './support/helm.ts';
import { type K8sObject, validateObject } from './support/k8s-validate.ts';

const repoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// The app's own shutdown budget (src/main.ts): the grace period must outlast it.
const MAIN_TS = repoFile('src/main.ts');
const constant = (name: string): number => {
  const match = new RegExp(`const ${name} = ([\\d_]+);`).exec(MAIN_TS);
  assert.ok(match?.[1], `${name} in src/main.ts`);
  return Number(match[1].replaceAll('_', ''));
};
const HARD_STOP_SECONDS = constant('HARD_STOP_MS') / 1000;
const DRAIN_SECONDS = constant('DRAIN_MS') / 1000;

type Values = Record<string, unknown>;

const RELEASE = 'incidents';
const NAMESPACE = 'ops';
const FULLNAME = `${RELEASE}-incident-bot`;

/** The value sets the chart must render cleanly. */
const VALUE_SETS: Record<string, Values> = {
  defaults: {},
  'ingress with TLS': {
    ingress: {
      enabled: true,
      className: 'nginx',
      host: 'incidents.example.com',
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
      tls: { enabled: true, secretName: 'incidents-tls' },
    },
    config: { SLACK_INCIDENT_CHANNEL: 'C0123456789', SLACK_TEAM_ID: 'T0123456789' },
  },
  'existing secret': {
    secrets: {
      existingSecret: 'incident-bot-prod',
      keys: { DATABASE_URL: { key: 'uri', optional: false }, SLACK_BOT_TOKEN: { key: 'bot-token', optional: false } },
    },
  },
  'HPA on': { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 8, targetMemoryUtilizationPercentage: 80 } },
  'network policy on': {
    networkPolicy: {
      enabled: true,
      metricsFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      egress: { enabled: true, databaseTo: [{ ipBlock: { cidr: '10.20.0.0/16' } }] },
    },
  },
  'everything else': {
    replicaCount: 3,
    image: { repository: 'registry.example.com/ops/incident-bot', digest: `sha256:${'a'.repeat(64)}` },
    imagePullSecrets: [{ name: 'registry' }],
    extraEnv: [
      { name: 'NODE_OPTIONS', value: '--max-old-space-size=384' },
      { name: 'SESSION_SECRET', valueFrom: { secretKeyRef: { name: 'other', key: 'session' } } },
    ],
    config: { AUTH_MODE: 'proxy', TRUSTED_PROXY_CIDRS: '10.0.0.0/8', REMIND_UPDATE_EVERY: '1h30m' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    affinity: { nodeAffinity: {} },
    priorityClassName: 'important',
    podDisruptionBudget: { minAvailable: 2 },
    preStopSleepSeconds: 0,
    serviceAccount: { create: false, name: 'incident-bot-sa' },
    ingress: {
      enabled: true,
      host: 'slack-only.example.com',
      paths: { ui: { enabled: false }, api: { enabled: false } },
    },
    // The database's CA certificate, for DATABASE_URL=…?sslmode=verify-full&sslrootcert=/etc/incident-bot/db-ca/ca.crt
    extraVolumes: [{ name: 'db-ca', secret: { secretName: 'db-ca' } }],
    extraVolumeMounts: [{ name: 'db-ca', mountPath: '/etc/incident-bot/db-ca', readOnly: true }],
  },
};

describe('Helm chart deploy/helm/incident-bot', () => {
  const unavailable = helmUnavailable();
  let helm: Helm;
  let scratch: string;
  const rendered = new Map<string, K8sObject[]>();

  before(() => {
    if (unavailable) return;
    helm = extractHelm();
    scratch = mkdtempSync(join(tmpdir(), 'incident-bot-chart-'));
  });
  after(async () => {
    helm?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await killAll();
  });

  let files = 0;
  const helmWith = (command: string[], values: Values) => {
    const file = join(scratch, `values-${files++}.json`);
    writeFileSync(file, JSON.stringify(values));
    return helm.run([...command, RELEASE, CHART_DIR, '--namespace', NAMESPACE, '-f', file]);
  };
  const template = (values: Values): K8sObject[] => {
    const result = helmWith(['template'], values);
    assert.equal(result.code, 0, `helm template failed:\n${result.stderr}`);
    return parseAllDocuments(result.stdout)
      .map((doc) => doc.toJS() as K8sObject | null)
      .filter((object): object is K8sObject => object !== null);
  };
  const render = (name: string): K8sObject[] => {
    const cached = rendered.get(name);
    if (cached) return cached;
    const objects = template(VALUE_SETS[name] ?? {});
    rendered.set(name, objects);
    return objects;
  };
  const find = (objects: K8sObject[], kind: string, name?: string) => {
    const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    return found;
  };
  const one = (objects: K8sObject[], kind: string, name?: string): K8sObject => {
    const found = find(objects, kind, name);
    assert.equal(found.length, 1, `exactly one ${kind}${name ? ` ${name}` : ''}: ${found.map((o) => o.metadata.name)}`);
    return found[0] as K8sObject;
  };
  const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
    Object.entries(selector).every(([key, value]) => labels[key] === value);

  it('uses the official helm binary from the npm package', { skip: unavailable ?? false }, (t) => {
    assert.match(helm.version, /^v[34]\./);
    t.diagnostic(`helm ${helm.version}`);
  });

  for (const name of Object.keys(VALUE_SETS)) {
    it(`renders "${name}": every object valid for Kubernetes, no unknown fields`, {
      skip: unavailable ?? false,
    }, () => {
      const objects = render(name);
      assert.ok(objects.length >= 5, `objects rendered: ${objects.map((o) => o.kind)}`);
      const problems = objects.flatMap(validateObject);
      assert.deepEqual(problems, []);
      for (const object of objects) {
        assert.match(object.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${object.kind} name`);
        assert.equal(object.metadata.labels?.['app.kubernetes.io/instance'], RELEASE, `${object.kind} labels`);
      }
      // Never a Secret of ours: secrets are only ever referenced.
      assert.deepEqual(find(objects, 'Secret'), []);
    });
  }

  it('locks the pods down and probes them as documented', { skip: unavailable ?? false }, () => {
    for (const [name] of Object.entries(VALUE_SETS)) {
      const objects = render(name);
      const deployment = one(objects, 'Deployment');
      const job = one(objects, 'Job');
      for (const workload of [deployment, job]) {
        const pod = workload.spec.template.spec;
        const where = `${name}: ${workload.kind}`;
        assert.equal(pod.securityContext.runAsNonRoot, true, `${where} pod runAsNonRoot`);
        assert.ok(pod.securityContext.runAsUser > 0, `${where} numeric non-root user`);
        assert.equal(pod.automountServiceAccountToken, false, `${where} no API token`);
        assert.equal(pod.containers.length, 1);
        const [container] = pod.containers;
        const sc = container.securityContext;
        assert.equal(sc.runAsNonRoot, true, `${where} runAsNonRoot`);
        assert.equal(sc.readOnlyRootFilesystem, true, `${where} readOnlyRootFilesystem`);
        assert.equal(sc.allowPrivilegeEscalation, false, `${where} allowPrivilegeEscalation`);
        assert.deepEqual(sc.capabilities, { drop: ['ALL'] }, `${where} capabilities`);
        // The one writable place is an emptyDir at /tmp.
        // The one writable place is an emptyDir at /tmp; anything else is mounted read-only.
        assert.deepEqual(container.volumeMounts[0], { name: 'tmp', mountPath: '/tmp' }, `${where} mounts`);
        for (const mount of container.volumeMounts.slice(1))
          assert.equal(mount.readOnly, true, `${where} ${mount.name}`);
        assert.ok(
          pod.volumes.find((v: { name: string }) => v.name === 'tmp')?.emptyDir,
          `${where} /tmp is an emptyDir`,
        );
        assert.ok(container.resources.requests.cpu && container.resources.requests.memory, `${where} requests`);
        assert.ok(container.resources.limits.memory, `${where} memory limit`);
      }

      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      assert.deepEqual(container.args, ['serve']);
      const port = container.ports.find((p: { name: string }) => p.name === 'http');
      assert.ok(port, 'a port named http');
      assert.equal(container.livenessProbe.httpGet.path, '/healthz');
      assert.equal(container.readinessProbe.httpGet.path, '/readyz');
      assert.equal(container.startupProbe.httpGet.path, '/healthz');
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        assert.equal(container[probe].httpGet.port, 'http', `${probe} port`);
      }
      // The app listens where the probes knock: PORT in the ConfigMap is the container port.
      const config = one(objects, 'ConfigMap');
      assert.equal(config.data.PORT, String(port.containerPort));
      assert.equal(config.data.HOST, '0.0.0.0');

      // SIGTERM after the preStop wait; the app drains (8 s) and stops hard at 10 s, inside the grace period.
      const preStop = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
      assert.ok(
        pod.terminationGracePeriodSeconds > preStop + HARD_STOP_SECONDS,
        `${name}: grace ${pod.terminationGracePeriodSeconds} s > preStop ${preStop} s + hard stop ${HARD_STOP_SECONDS} s (drain ${DRAIN_SECONDS} s)`,
      );

      // Spread over nodes and zones, counting this Deployment's own pods.
      const podLabels = deployment.spec.template.metadata.labels;
      const keys = pod.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey);
      assert.deepEqual(keys, ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
      for (const c of pod.topologySpreadConstraints) assert.ok(matches(c.labelSelector.matchLabels, podLabels));
      assert.ok(matches(deployment.spec.selector.matchLabels, podLabels), 'the Deployment selects its pods');

      // The Service reaches the serving pods only (not the migration Job's) on the named port.
      const service = one(objects, 'Service');
      assert.ok(matches(service.spec.selector, podLabels), 'Service selects the pods');
      assert.ok(!matches(service.spec.selector, job.spec.template.metadata.labels), 'Service skips the Job');
      assert.equal(service.spec.ports[0].targetPort, 'http');

      const pdb = one(objects, 'PodDisruptionBudget');
      assert.ok(matches(pdb.spec.selector.matchLabels, podLabels), 'the PDB covers the pods');
    }
  });

  it('takes every secret from a Secret by reference and keeps them out of the ConfigMap', {
    skip: unavailable ?? false,
  }, () => {
    for (const [name, values] of Object.entries(VALUE_SETS)) {
      const objects = render(name);
      const secretName =
        ((values.secrets as { existingSecret?: string } | undefined)?.existingSecret ?? '') || FULLNAME;
      const config = one(objects, 'ConfigMap');
      for (const variable of SECRET_VARIABLES)
        assert.ok(!(variable in config.data), `${name}: ${variable} in ConfigMap`);
      const [container] = one(objects, 'Deployment').spec.template.spec.containers;
      assert.deepEqual(container.envFrom, [{ configMapRef: { name: FULLNAME } }]);
      const env = new Map(container.env.map((e: { name: string }) => [e.name, e]));
      for (const variable of ['DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SESSION_SECRET']) {
        const entry = env.get(variable) as { value?: string; valueFrom?: { secretKeyRef?: { name: string } } };
        assert.ok(entry, `${name}: ${variable} is set`);
        assert.equal(entry.value, undefined, `${name}: ${variable} has no plain value`);
        assert.ok(entry.valueFrom?.secretKeyRef, `${name}: ${variable} from a Secret`);
      }
      const fromOurSecret = container.env.filter(
        (e: { valueFrom?: { secretKeyRef?: { name: string } } }) => e.valueFrom?.secretKeyRef?.name === secretName,
      );
      assert.ok(fromOurSecret.length >= 4, `${name}: secrets come from ${secretName}`);
    }
    const [prod] = one(render('existing secret'), 'Deployment').spec.template.spec.containers;
    const database = prod.env.find((e: { name: string }) => e.name === 'DATABASE_URL');
    assert.deepEqual(database.valueFrom.secretKeyRef, { name: 'incident-bot-prod', key: 'uri', optional: false });
    const job = one(render('existing secret'), 'Job');
    assert.deepEqual(job.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef, {
      name: 'incident-bot-prod',
      key: 'uri',
    });
  });

  it('migrates in a pre-install,pre-upgrade hook that needs nothing the release has not yet created', {
    skip: unavailable ?? false,
  }, () => {
    const objects = render('defaults');
    const job = one(objects, 'Job');
    assert.equal(job.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
    assert.match(job.metadata.annotations?.['helm.sh/hook-delete-policy'] ?? '', /before-hook-creation/);
    const pod = job.spec.template.spec;
    assert.deepEqual(pod.containers[0].args, ['migrate']);
    assert.equal(pod.restartPolicy, 'Never');
    assert.equal(pod.containers[0].envFrom, undefined, 'no ConfigMap: it does not exist before install');
    // Its ServiceAccount is a hook too, created first.
    const account = one(objects, 'ServiceAccount', pod.serviceAccountName);
    assert.equal(account.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
    assert.ok(
      Number(account.metadata.annotations?.['helm.sh/hook-weight']) <
        Number(job.metadata.annotations?.['helm.sh/hook-weight']),
      'the ServiceAccount hook runs before the Job',
    );
    const deployment = one(objects, 'Deployment');
    assert.equal(deployment.spec.replicas, 2, 'two replicas by default');
    assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0, 'a rollout never drops below the count');
    assert.equal(find(objects, 'Ingress').length, 0, 'no Ingress unless asked');
    assert.equal(find(objects, 'HorizontalPodAutoscaler').length, 0);
    assert.equal(find(objects, 'NetworkPolicy').length, 0);
  });

  it('exposes /slack, /api and the UI on the ingress host with TLS, or only what is enabled', {
    skip: unavailable ?? false,
  }, () => {
    const objects = render('ingress with TLS');
    const ingress = one(objects, 'Ingress');
    assert.equal(ingress.spec.ingressClassName, 'nginx');
    assert.deepEqual(ingress.spec.tls, [{ hosts: ['incidents.example.com'], secretName: 'incidents-tls' }]);
    const [rule] = ingress.spec.rules;
    assert.equal(rule.host, 'incidents.example.com');
    assert.deepEqual(
      rule.http.paths.map((p: { path: string; backend: { service: { name: string; port: { name: string } } } }) => [
        p.path,
        p.backend.service.name,
        p.backend.service.port.name,
      ]),
      [
        ['/slack', FULLNAME, 'http'],
        ['/api', FULLNAME, 'http'],
        ['/', FULLNAME, 'http'],
      ],
    );
    assert.equal(one(objects, 'ConfigMap').data.PUBLIC_URL, 'https://incidents.example.com');
    const slackOnly = one(render('everything else'), 'Ingress');
    assert.deepEqual(
      slackOnly.spec.rules[0].http.paths.map((p: { path: string }) => p.path),
      ['/slack'],
    );
    assert.equal(slackOnly.spec.tls, undefined);
  });

  it('scales with an HPA (and then leaves replicas to it), and restricts traffic with a NetworkPolicy', {
    skip: unavailable ?? false,
  }, () => {
    const scaled = render('HPA on');
    const hpa = one(scaled, 'HorizontalPodAutoscaler');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: FULLNAME });
    assert.equal(hpa.spec.minReplicas, 3);
    assert.equal(hpa.spec.maxReplicas, 8);
    assert.deepEqual(
      hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name),
      ['cpu', 'memory'],
    );
    assert.equal(one(scaled, 'Deployment').spec.replicas, undefined, 'the HPA owns the replica count');

    const fenced = render('network policy on');
    const policy = one(fenced, 'NetworkPolicy');
    const podLabels = one(fenced, 'Deployment').spec.template.metadata.labels;
    const jobLabels = one(fenced, 'Job').spec.template.metadata.labels;
    assert.ok(matches(policy.spec.podSelector.matchLabels, podLabels), 'covers the servers');
    assert.ok(matches(policy.spec.podSelector.matchLabels, jobLabels), 'covers the migration Job');
    assert.deepEqual(policy.spec.policyTypes, ['Ingress', 'Egress']);
    const [allowIn] = policy.spec.ingress;
    assert.deepEqual(allowIn.ports, [{ port: 'http', protocol: 'TCP' }]);
    assert.equal(allowIn.from.length, 2, 'the ingress controller and monitoring');
    const egressPorts = policy.spec.egress.flatMap((rule: { ports: { port: number }[] }) =>
      rule.ports.map((p) => p.port),
    );
    assert.deepEqual(egressPorts, [53, 53, 5432, 443]);
    assert.deepEqual(policy.spec.egress[1].to, [{ ipBlock: { cidr: '10.20.0.0/16' } }]);
  });

  it("NOTES tell the Slack request URLs, the same the app's manifest uses", {
    skip: unavailable ?? false,
    timeout: 30_000,
  }, async () => {
    const install = helmWith(['install', '--dry-run=client'], VALUE_SETS['ingress with TLS'] ?? {});
    assert.equal(install.code, 0, install.stderr);
    const notes = install.stdout.slice(install.stdout.indexOf('NOTES:'));
    const url = 'https://incidents.example.com/slack/events';
    assert.match(notes, new RegExp(`Slash command /incident: +${url}`));
    assert.match(notes, new RegExp(`Interactivity: +${url}`));
    assert.match(notes, new RegExp(`Event subscriptions: +${url}`));
    const manifest = await runCli(['manifest', '--url', 'https://incidents.example.com'], childEnv());
    assert.equal(manifest.code, 0, manifest.stderr);
    const parsed = parse(manifest.stdout) as { settings: { event_subscriptions: { request_url: string } } };
    assert.equal(parsed.settings.event_subscriptions.request_url, url);

    const bare = helmWith(['install', '--dry-run=client'], {});
    assert.match(bare.stdout, /WARNING: no public URL/);
  });

  const WRONG: [string, Values, RegExp][] = [
    ['a word for replicaCount', { replicaCount: 'two' }, /replicaCount/],
    ['a misspelt top-level key', { replicas: 3 }, /additional propert.*replicas/],
    ['a secret among plain settings', { config: { SLACK_BOT_TOKEN: 'xoxb-1-2-3' } }, /config.*SLACK_BOT_TOKEN/],
    [
      'a secret as a plain extra variable',
      { extraEnv: [{ name: 'DATABASE_URL', value: 'postgres://u:p@db/x' }] },
      /extraEnv/,
    ],
    ['a writable root filesystem', { securityContext: { readOnlyRootFilesystem: false } }, /readOnlyRootFilesystem/],
    ['capabilities kept', { securityContext: { capabilities: { drop: ['NET_RAW'] } } }, /capabilities/],
    ['running as root', { podSecurityContext: { runAsNonRoot: false } }, /runAsNonRoot/],
    ['a port only root may bind', { containerPort: 80 }, /containerPort/],
    ['a writable extra mount', { extraVolumeMounts: [{ name: 'x', mountPath: '/data', readOnly: false }] }, /readOnly/],
    ['a channel name for a channel ID', { config: { SLACK_INCIDENT_CHANNEL: '#incidents' } }, /SLACK_INCIDENT_CHANNEL/],
    ['a duration in words', { config: { REMIND_UPDATE_EVERY: 'soon' } }, /REMIND_UPDATE_EVERY/],
    ['an unknown auth mode', { config: { AUTH_MODE: 'ldap' } }, /AUTH_MODE/],
    ['an unknown path type', { ingress: { paths: { slack: { pathType: 'Fuzzy' } } } }, /pathType/],
    ['a digest that is a tag', { image: { digest: 'latest' } }, /digest/],
    ['a memory limit in words', { resources: { limits: { memory: 'lots' } } }, /memory/],
    ['a grace period the app outlasts', { terminationGracePeriodSeconds: 14 }, /terminationGracePeriodSeconds/],
    ['an ingress without a host', { ingress: { enabled: true } }, /ingress\.host/],
    [
      'TLS without a certificate Secret',
      { ingress: { enabled: true, host: 'a.example.com', tls: { enabled: true } } },
      /secretName/,
    ],
    ['proxy sign-in without trusted proxies', { config: { AUTH_MODE: 'proxy' } }, /TRUSTED_PROXY_CIDRS/],
  ];
  for (const [what, values, named] of WRONG) {
    it(`refuses ${what}`, { skip: unavailable ?? false }, () => {
      const result = helmWith(['template'], values);
      assert.notEqual(result.code, 0, `helm template accepted ${JSON.stringify(values)}`);
      assert.match(result.stderr, named);
      assert.equal(result.stdout.trim(), '', 'nothing rendered');
    });
  }

  it('knows every variable the app reads: plain ones in config, secret ones in secrets.keys', () => {
    const appVariables = [...repoFile('src/config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): variable\(/gm)].map(
      (m) => m[1],
    );
    assert.ok(appVariables.length > 20, `variables read from src/config.ts: ${appVariables}`);
    const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as {
      config: Record<string, string>;
      secrets: { keys: Record<string, unknown> };
    };
    // PORT and HOST come from the chart itself; DATA_DIR is for the embedded database, which replicas cannot share.
    const covered = new Set([
      ...Object.keys(values.config),
      ...Object.keys(values.secrets.keys),
      'PORT',
      'HOST',
      'DATA_DIR',
    ]);
    assert.deepEqual(
      appVariables.filter((name) => !covered.has(name as string)),
      [],
      'variables the chart cannot set',
    );
    assert.deepEqual(Object.keys(values.secrets.keys).sort(), [...SECRET_VARIABLES].sort());
  });

  it('matches the image and the app: version, user, port', { skip: unavailable ?? false }, () => {
    const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as { appVersion: string };
    const pkg = JSON.parse(repoFile('package.json')) as { version: string };
    assert.equal(chart.appVersion, pkg.version, 'Chart.yaml appVersion is the package version');
    const dockerfile = repoFile('deploy/Dockerfile');
    const pod = one(render('defaults'), 'Deployment').spec.template.spec;
    assert.match(
      dockerfile,
      new RegExp(`^USER ${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}$`, 'm'),
    );
    assert.match(dockerfile, new RegExp(`^EXPOSE ${pod.containers[0].ports[0].containerPort}$`, 'm'));
  });
});
