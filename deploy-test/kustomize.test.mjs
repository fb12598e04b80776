// Renders every Kustomize overlay with `kubectl kustomize`, validates each object against the
// Kubernetes schema of its kind (kubernetes-models), then checks what matters for running it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { appEnvironmentNames, hasTool, isPinnedImage, looksSecret, renderOverlay, repoRoot, requireTool, run } from './support.mjs';

const MANAGED = ['../../components/managed-backends'];
const variants = [
  { name: 'dev', overlay: 'dev' },
  { name: 'prod', overlay: 'prod' },
  { name: 'prod + managed Postgres/S3', overlay: 'prod', components: MANAGED },
];
const APP = { 'app.kubernetes.io/name': 'finance-tracker', 'app.kubernetes.io/component': 'app' };
const BACKUP = { 'app.kubernetes.io/name': 'finance-backup', 'app.kubernetes.io/component': 'backup' };

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob']);
const podTemplate = (object) => (object.kind === 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template);
const podSpec = (object) => podTemplate(object).spec;
const containersOf = (spec) => [...(spec.initContainers ?? []), ...spec.containers];
const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
  assert.ok(module[kind], `kubernetes-models has no ${apiVersion} ${kind}`);
  return module[kind];
}

/**
 * kustomize wraps long base64 Secret values over several lines; the API server's decoder skips
 * the line breaks, the schema's `byte` format does not.
 */
function apiServerView(object) {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = Object.fromEntries(Object.entries(object.data).map(([key, value]) => [key, value.replace(/\s+/g, '')]));
  return { ...object, data };
}

function base64(value) {
  return Buffer.from(value, 'base64').toString('utf8');
}

for (const variant of variants) {
  describe(`kustomize ${variant.name}`, () => {
    let objects = [];
    let rendered = false;

    before(() => {
      // The tool check lives in each test (t.skip needs one); render once here when possible.
      if (!hasTool('kubectl')) return;
      objects = renderOverlay(variant.overlay, { components: variant.components });
      rendered = true;
    });

    const check = (title, body) =>
      test(title, async (t) => {
        if (!requireTool(t, 'kubectl', 'apt-get install -y kubectl')) return;
        assert.ok(rendered, 'the overlay did not render');
        await body(objects);
      });

    check('renders and every object validates against its Kubernetes schema', async (all) => {
      assert.ok(all.length > 5, 'expected a full application');
      for (const object of all) {
        const Model = await modelFor(object.apiVersion, object.kind);
        assert.doesNotThrow(() => new Model(apiServerView(object)).validate(), `${object.kind}/${object.metadata?.name} is invalid`);
      }
    });

    check('everything sits in one namespace and carries the part-of label', (all) => {
      const namespace = all.find((o) => o.kind === 'Namespace');
      assert.ok(namespace, 'the overlay creates its namespace');
      for (const object of all.filter((o) => o.kind !== 'Namespace')) {
        assert.equal(object.metadata.namespace, namespace.metadata.name, `${object.kind}/${object.metadata.name}`);
        assert.equal(object.metadata.labels?.['app.kubernetes.io/part-of'], 'finance-tracker', `${object.kind}/${object.metadata.name}`);
      }
    });

    check('every image is pinned by a tag, never :latest', (all) => {
      for (const workload of all.filter((o) => workloadKinds.has(o.kind))) {
        for (const container of containersOf(podSpec(workload))) {
          assert.ok(isPinnedImage(container.image), `${workload.metadata.name}/${container.name}: ${container.image}`);
        }
      }
    });

    check('every pod runs locked down: non-root, read-only root, no privilege escalation, no capabilities', (all) => {
      for (const workload of all.filter((o) => workloadKinds.has(o.kind))) {
        const spec = podSpec(workload);
        const where = workload.metadata.name;
        assert.equal(spec.securityContext?.runAsNonRoot, true, `${where}: runAsNonRoot`);
        assert.ok(spec.securityContext?.runAsUser > 0, `${where}: runAsUser is not root`);
        assert.equal(spec.securityContext?.seccompProfile?.type, 'RuntimeDefault', `${where}: seccomp`);
        assert.equal(spec.automountServiceAccountToken, false, `${where}: no API token`);
        for (const container of containersOf(spec)) {
          const context = container.securityContext ?? {};
          const name = `${where}/${container.name}`;
          assert.equal(context.allowPrivilegeEscalation, false, `${name}: allowPrivilegeEscalation`);
          assert.equal(context.readOnlyRootFilesystem, true, `${name}: readOnlyRootFilesystem`);
          assert.ok(context.capabilities?.drop?.includes('ALL'), `${name}: drop ALL capabilities`);
          assert.notEqual(context.privileged, true, `${name}: privileged`);
          for (const kind of ['requests', 'limits']) {
            assert.ok(container.resources?.[kind]?.cpu && container.resources?.[kind]?.memory, `${name}: ${kind}`);
          }
        }
      }
    });

    check('the app: probes on /healthz and /readyz, a migrations init container, writable /tmp only', (all) => {
      const deployment = find(all, 'Deployment', 'finance-tracker');
      assert.ok(deployment, 'app Deployment');
      const spec = podSpec(deployment);
      const app = spec.containers.find((c) => c.name === 'app');
      assert.equal(app.livenessProbe?.httpGet?.path, '/healthz');
      assert.equal(app.readinessProbe?.httpGet?.path, '/readyz');
      const migrate = spec.initContainers?.find((c) => c.name === 'migrate');
      assert.ok(migrate, 'migrations init container');
      assert.equal(migrate.image, app.image, 'migrations run the same image');
      assert.deepEqual(migrate.command, ['node', 'server/dist/db/migrate.js']);
      assert.deepEqual(migrate.envFrom, app.envFrom, 'migrations see the same settings');
      assert.ok(fs.existsSync(path.join(repoRoot, 'server/src/db/migrate.ts')), 'the migrate script exists in the server');
      const volumes = new Map(spec.volumes.map((v) => [v.name, v]));
      for (const mount of app.volumeMounts) {
        assert.ok(volumes.get(mount.name)?.emptyDir, `${mount.mountPath} is an emptyDir, not shared state`);
      }
      assert.ok(app.volumeMounts.some((m) => m.mountPath === '/tmp'), '/tmp is writable');
    });

    check('backups: a nightly CronJob runs pg_dump with the app\'s DATABASE_URL onto a PersistentVolumeClaim, one at a time', (all) => {
      const cronJob = find(all, 'CronJob', 'finance-backup');
      assert.ok(cronJob, 'the backup CronJob');
      assert.match(cronJob.spec.schedule, /^\d{1,2} \d{1,2} \* \* \*$/, 'once a day at a fixed time');
      assert.equal(cronJob.spec.concurrencyPolicy, 'Forbid', 'never two dumps at once');
      const spec = podSpec(cronJob);
      assert.ok(matches(BACKUP, podTemplate(cronJob).metadata.labels), 'pods labelled as the prod NetworkPolicy admits them to Postgres');
      const [dump] = spec.containers;
      // pg_dump refuses a server newer than itself: the same image as the in-cluster Postgres.
      const postgresBase = fs.readFileSync(path.join(repoRoot, 'kustomize/base/postgres.yaml'), 'utf8');
      assert.ok(postgresBase.includes(`image: ${dump.image}`), `${dump.image} is the Postgres image of postgres.yaml`);
      const script = dump.args.join('\n');
      assert.match(script, /pg_dump [^\n]*--dbname="\$DATABASE_URL"[^\n]*--file="\/backups\//, 'dumps the app database into the volume');
      assert.match(script, /mv "\/backups\/\.partial-/, 'renamed when complete');
      const url = dump.env.find((variable) => variable.name === 'DATABASE_URL');
      const appSecret = all.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('finance-tracker-app-'));
      assert.deepEqual(url.valueFrom.secretKeyRef, { name: appSecret.metadata.name, key: 'DATABASE_URL' }, "the app's own Secret and key");
      assert.ok(Number(dump.env.find((variable) => variable.name === 'BACKUP_KEEP')?.value) > 0, 'keeps a bounded number of dumps');
      const mount = dump.volumeMounts.find((m) => m.mountPath === '/backups');
      const volume = spec.volumes.find((v) => v.name === mount?.name);
      const claim = find(all, 'PersistentVolumeClaim', volume?.persistentVolumeClaim?.claimName);
      assert.ok(claim, '/backups is a rendered PersistentVolumeClaim');
      assert.ok(claim.spec.resources.requests.storage, 'the claim asks for a size');
    });

    check('settings: ConfigMaps hold nothing secret, and every name is one the app reads', (all) => {
      const known = appEnvironmentNames();
      const appConfig = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('finance-tracker-config-'));
      assert.ok(appConfig, 'the generated app ConfigMap (with its hash suffix)');
      for (const configMap of all.filter((o) => o.kind === 'ConfigMap')) {
        for (const [key, value] of Object.entries(configMap.data ?? {})) {
          assert.ok(!looksSecret(key, value), `${configMap.metadata.name} holds ${key}, which belongs in a Secret`);
        }
      }
      const appSecret = all.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('finance-tracker-app-'));
      for (const key of [...Object.keys(appConfig.data), ...Object.keys(appSecret.data)]) {
        assert.ok(known.has(key), `${key} is not read by server/src/config.ts`);
      }
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'SESSION_SECRET']) {
        assert.ok(appSecret.data[key], `the app Secret has ${key}`);
      }
      assert.ok(base64(appSecret.data.SESSION_SECRET).length >= 16, 'SESSION_SECRET has at least 16 characters');
      for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_USE_SSL', 'NODE_ENV', 'COOKIE_SECURE']) {
        assert.ok(appConfig.data[key], `the app ConfigMap has ${key}`);
      }
    });

    check('every Secret and ConfigMap reference resolves to a generated object and an existing key', (all) => {
      const byKind = (kind) => new Map(all.filter((o) => o.kind === kind).map((o) => [o.metadata.name, o]));
      const secrets = byKind('Secret');
      const configMaps = byKind('ConfigMap');
      const hashed = /-[a-z0-9]{10}$/;
      const resolve = (store, kind, name, key, where) => {
        const target = store.get(name);
        assert.ok(target, `${where} refers to ${kind} ${name}, which is not rendered`);
        assert.match(name, hashed, `${where}: ${kind} ${name} comes from a generator (hash suffix)`);
        if (key) assert.ok(key in (target.data ?? {}), `${where}: ${kind} ${name} has no key ${key}`);
      };
      let references = 0;
      for (const workload of all.filter((o) => workloadKinds.has(o.kind))) {
        const spec = podSpec(workload);
        for (const container of containersOf(spec)) {
          const where = `${workload.metadata.name}/${container.name}`;
          for (const from of container.envFrom ?? []) {
            if (from.secretRef) resolve(secrets, 'Secret', from.secretRef.name, null, where);
            if (from.configMapRef) resolve(configMaps, 'ConfigMap', from.configMapRef.name, null, where);
            references += 1;
          }
          for (const variable of container.env ?? []) {
            const secretRef = variable.valueFrom?.secretKeyRef;
            const configRef = variable.valueFrom?.configMapKeyRef;
            if (secretRef) resolve(secrets, 'Secret', secretRef.name, secretRef.key, `${where} ${variable.name}`);
            if (configRef) resolve(configMaps, 'ConfigMap', configRef.name, configRef.key, `${where} ${variable.name}`);
            if (secretRef || configRef) references += 1;
          }
        }
        for (const volume of spec.volumes ?? []) {
          if (volume.secret) resolve(secrets, 'Secret', volume.secret.secretName, null, workload.metadata.name);
          if (volume.configMap) resolve(configMaps, 'ConfigMap', volume.configMap.name, null, workload.metadata.name);
        }
      }
      assert.ok(references > 0);
    });

    check('Services select pods that exist, on ports those pods name; the Ingress routes to the app', (all) => {
      const templates = all.filter((o) => workloadKinds.has(o.kind)).map(podTemplate);
      for (const service of all.filter((o) => o.kind === 'Service')) {
        const pods = templates.filter((template) => matches(service.spec.selector, template.metadata.labels));
        assert.ok(pods.length > 0, `Service ${service.metadata.name} selects no pod`);
        for (const port of service.spec.ports) {
          if (typeof port.targetPort !== 'string') continue;
          const named = pods.flatMap((p) => p.spec.containers.flatMap((c) => c.ports ?? [])).some((p) => p.name === port.targetPort);
          assert.ok(named, `Service ${service.metadata.name}: no container port named ${port.targetPort}`);
        }
      }
      const ingress = all.find((o) => o.kind === 'Ingress');
      const backend = ingress.spec.rules[0].http.paths[0].backend.service;
      assert.equal(backend.name, 'finance-tracker');
      assert.ok(find(all, 'Service', backend.name), 'the Ingress backend Service exists');
    });

    check('metrics: served on their own port, exposed by the Service for Prometheus, never routed by the Ingress', (all) => {
      const appConfig = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('finance-tracker-config-'));
      const metricsPort = Number(appConfig.data.METRICS_PORT);
      assert.ok(metricsPort > 0, 'the ConfigMap sets METRICS_PORT');
      assert.notEqual(metricsPort, Number(appConfig.data.PORT), 'METRICS_PORT differs from PORT');
      const deployment = find(all, 'Deployment', 'finance-tracker');
      const app = podSpec(deployment).containers.find((c) => c.name === 'app');
      const containerPorts = new Map(app.ports.map((port) => [port.name, port.containerPort]));
      assert.equal(containerPorts.get('metrics'), metricsPort, 'the app container exposes a port named metrics on METRICS_PORT');
      assert.equal(containerPorts.get('http'), Number(appConfig.data.PORT));
      const annotations = deployment.spec.template.metadata.annotations ?? {};
      assert.equal(annotations['prometheus.io/scrape'], 'true');
      assert.equal(annotations['prometheus.io/port'], String(metricsPort), 'Prometheus scrapes the metrics port');
      assert.equal(annotations['prometheus.io/path'], '/metrics');

      const service = find(all, 'Service', 'finance-tracker');
      const servicePorts = service.spec.ports;
      assert.ok(servicePorts.some((port) => port.targetPort === 'metrics' || port.targetPort === metricsPort), 'the Service has a metrics port');
      const targetOf = (backend) => {
        const port = servicePorts.find((p) => (backend.port.name ? p.name === backend.port.name : p.port === backend.port.number));
        assert.ok(port, `the Ingress routes to a port the Service has (${JSON.stringify(backend.port)})`);
        return typeof port.targetPort === 'string' ? containerPorts.get(port.targetPort) : port.targetPort;
      };
      for (const ingress of all.filter((o) => o.kind === 'Ingress')) {
        const backends = [ingress.spec.defaultBackend, ...ingress.spec.rules.flatMap((rule) => rule.http.paths.map((p) => p.backend))].filter(Boolean);
        assert.ok(backends.length > 0);
        for (const backend of backends) {
          assert.equal(backend.service.name, 'finance-tracker');
          const target = targetOf(backend.service);
          assert.notEqual(target, metricsPort, `Ingress ${ingress.metadata.name} routes to the metrics port`);
          assert.equal(target, Number(appConfig.data.PORT), `Ingress ${ingress.metadata.name} routes to the app's http port`);
        }
      }
    });

    check('proxies: behind the Ingress, only the first hop is trusted for the client address', (all) => {
      const appConfig = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('finance-tracker-config-'));
      assert.equal(appConfig.data.TRUST_PROXY, '1');
    });

    if (!variant.components) {
      check('in-cluster Postgres, Redis and MinIO keep their data on PersistentVolumeClaims', (all) => {
        for (const name of ['finance-postgres', 'finance-redis', 'finance-minio']) {
          const statefulSet = find(all, 'StatefulSet', name);
          assert.ok(statefulSet, name);
          assert.ok(statefulSet.spec.volumeClaimTemplates?.length > 0, `${name} has a volumeClaimTemplate`);
          const container = statefulSet.spec.template.spec.containers[0];
          assert.ok(container.livenessProbe && container.readinessProbe, `${name} has probes`);
          assert.ok(find(all, 'Service', statefulSet.spec.serviceName), `${name} has its Service`);
        }
        const job = find(all, 'Job', 'finance-minio-bucket');
        assert.ok(job, 'the bucket Job');
        const script = job.spec.template.spec.containers[0].args.join('\n');
        assert.match(script, /mc mb --ignore-existing/);
        assert.match(script, /mc anonymous set none/, 'the bucket stays private');
      });

      check('passwords inside the app URLs match the ones the in-cluster services start with', (all) => {
        const secret = (prefix) => all.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith(prefix)).data;
        const app = secret('finance-tracker-app-');
        const backends = secret('finance-tracker-backends-');
        const database = new URL(base64(app.DATABASE_URL));
        const redis = new URL(base64(app.REDIS_URL));
        assert.equal(decodeURIComponent(database.password), base64(backends.POSTGRES_PASSWORD));
        assert.equal(decodeURIComponent(redis.password), base64(backends.REDIS_PASSWORD));
        assert.equal(database.hostname, 'finance-postgres');
        assert.equal(redis.hostname, 'finance-redis');
      });
    }

    if (variant.overlay === 'dev') {
      check('dev: one replica, no autoscaler, plain HTTP, obviously fake secrets', (all) => {
        assert.equal(find(all, 'Deployment', 'finance-tracker').spec.replicas, 1);
        assert.ok(!all.some((o) => o.kind === 'HorizontalPodAutoscaler'));
        for (const secret of all.filter((o) => o.kind === 'Secret')) {
          for (const [key, value] of Object.entries(secret.data)) {
            if (looksSecret(key, base64(value)) && !/ACCESS_KEY/.test(key)) {
              assert.match(base64(value), /dev-only/, `${secret.metadata.name} ${key} is marked as a dev-only placeholder`);
            }
          }
        }
      });
    }

    if (variant.overlay === 'prod') {
      check('prod: at least 3 replicas, an autoscaler and a disruption budget for the app', (all) => {
        const deployment = find(all, 'Deployment', 'finance-tracker');
        assert.ok(deployment.spec.replicas >= 3);
        const hpa = all.find((o) => o.kind === 'HorizontalPodAutoscaler');
        assert.equal(hpa.apiVersion, 'autoscaling/v2');
        assert.deepEqual(
          { kind: hpa.spec.scaleTargetRef.kind, name: hpa.spec.scaleTargetRef.name },
          { kind: 'Deployment', name: 'finance-tracker' },
        );
        assert.ok(hpa.spec.minReplicas >= 3 && hpa.spec.maxReplicas > hpa.spec.minReplicas);
        const pdb = all.find((o) => o.kind === 'PodDisruptionBudget');
        assert.ok(matches(pdb.spec.selector.matchLabels, deployment.spec.template.metadata.labels), 'the PDB covers the app pods');
        const appConfig = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('finance-tracker-config-'));
        assert.equal(appConfig.data.COOKIE_SECURE, 'true', 'cookies are Secure behind HTTPS');
      });

      check('prod: TLS on every Ingress host', (all) => {
        for (const ingress of all.filter((o) => o.kind === 'Ingress')) {
          const tlsHosts = new Set((ingress.spec.tls ?? []).flatMap((entry) => entry.hosts));
          assert.ok(ingress.spec.tls?.every((entry) => entry.secretName), 'each TLS entry names its Secret');
          for (const rule of ingress.spec.rules) assert.ok(tlsHosts.has(rule.host), `${rule.host} is served over TLS`);
        }
      });

      check('prod: NetworkPolicies let only the app reach Postgres, Redis and MinIO', (all) => {
        const policies = all.filter((o) => o.kind === 'NetworkPolicy');
        assert.ok(
          policies.some((p) => Object.keys(p.spec.podSelector).length === 0 && p.spec.policyTypes.includes('Ingress') && !p.spec.ingress?.length),
          'a default deny for ingress',
        );
        const bucketJob = { 'app.kubernetes.io/name': 'minio-bucket', 'app.kubernetes.io/component': 'object-store-setup' };
        const backends = [
          { name: 'finance-postgres', allowed: [APP, BACKUP] },
          { name: 'finance-redis', allowed: [APP] },
          { name: 'finance-minio', allowed: [APP, bucketJob] },
        ];
        for (const backend of backends) {
          const statefulSet = find(all, 'StatefulSet', backend.name);
          if (!statefulSet) continue; // replaced by a managed service
          const labels = statefulSet.spec.template.metadata.labels;
          const selecting = policies.filter((p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length > 0 && matches(p.spec.podSelector.matchLabels, labels));
          assert.ok(selecting.length > 0, `${backend.name} has a NetworkPolicy`);
          for (const policy of selecting) {
            for (const rule of policy.spec.ingress ?? []) {
              assert.ok(rule.from?.length > 0, `${policy.metadata.name}: a rule without "from" admits everyone`);
              for (const peer of rule.from) {
                assert.ok(!peer.ipBlock && !peer.namespaceSelector, `${policy.metadata.name}: only pods of this namespace`);
                assert.ok(
                  backend.allowed.some((allowed) => matches(peer.podSelector?.matchLabels, allowed) && Object.keys(peer.podSelector.matchLabels).length > 0),
                  `${policy.metadata.name} admits ${JSON.stringify(peer)}`,
                );
              }
            }
          }
        }
      });
    }

    if (variant.overlay === 'prod') {
      check('prod: the metrics port is open only to the monitoring namespace, not to whoever reaches the app', (all) => {
        const appConfig = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('finance-tracker-config-'));
        const metricsPort = Number(appConfig.data.METRICS_PORT);
        const deployment = find(all, 'Deployment', 'finance-tracker');
        const selecting = all.filter((o) => o.kind === 'NetworkPolicy' && matches(o.spec.podSelector.matchLabels, deployment.spec.template.metadata.labels));
        const admitting = selecting.flatMap((policy) => (policy.spec.ingress ?? []).map((rule) => ({ policy, rule })))
          .filter(({ rule }) => !rule.ports || rule.ports.some((port) => port.port === metricsPort || port.port === 'metrics'));
        assert.ok(admitting.length > 0, 'some policy lets Prometheus reach the metrics port');
        for (const { policy, rule } of admitting) {
          assert.ok(rule.from?.length > 0, `${policy.metadata.name} opens the metrics port to everyone`);
        }
      });
    }

    if (variant.components) {
      check('managed backends: no in-cluster Postgres or MinIO, S3 over TLS', (all) => {
        assert.ok(!find(all, 'StatefulSet', 'finance-postgres'));
        assert.ok(!find(all, 'StatefulSet', 'finance-minio'));
        assert.ok(!find(all, 'Job', 'finance-minio-bucket'));
        assert.ok(find(all, 'StatefulSet', 'finance-redis'), 'Redis stays');
        const appConfig = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('finance-tracker-config-'));
        assert.equal(appConfig.data.S3_USE_SSL, 'true');
        assert.notEqual(appConfig.data.S3_ENDPOINT, 'finance-minio');
      });
    }
  });
}

describe('kustomize sources', () => {
  const kustomizations = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'kustomization.yaml') kustomizations.push(full);
    }
  };
  walk(path.join(repoRoot, 'kustomize'));

  test('use `labels`, not the deprecated commonLabels', () => {
    assert.ok(kustomizations.length >= 4);
    for (const file of kustomizations) {
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /^commonLabels:/m, path.relative(repoRoot, file));
    }
  });

  test("prod's real secret files are ignored by git, and only their examples are committed", () => {
    const prod = path.join(repoRoot, 'kustomize', 'overlays', 'prod');
    for (const name of ['app-secrets.env', 'backends-secrets.env']) {
      assert.ok(fs.existsSync(path.join(prod, `${name}.example`)), `${name}.example`);
      const ignored = run('git', ['check-ignore', '-q', path.join(prod, name)], { cwd: repoRoot });
      assert.equal(ignored.status, 0, `${name} is ignored by git`);
    }
  });
});
