// Offline checks of k8s/ and the Dockerfiles: schema validation of every rendered
// object plus the deployment rules we care about. One line per check; exits 1 on any
// failure. Usage: node validate.mjs <repo-root>   (run.sh does this for you)
// VALIDATE_DEPLOY_RENDER=fallback forces the kubectl-free renderer, =kubectl requires kubectl.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import * as monitoringV1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';

import { contextSources, dockerignoreMatcher, finalStage, parseDockerfile } from './dockerfile.mjs';
import { objectKey, renderFallback, renderWithKubectl } from './render.mjs';

const MODELS = {
  v1: coreV1,
  'apps/v1': appsV1,
  'autoscaling/v2': autoscalingV2,
  'policy/v1': policyV1,
  'monitoring.coreos.com/v1': monitoringV1,
};

const EXPECTED_PROBES = {
  startupProbe: '/q/health/started',
  livenessProbe: '/q/health/live',
  readinessProbe: '/q/health/ready',
};
const METRICS_PATH = '/q/metrics';
const COMMON_LABELS = { 'app.kubernetes.io/name': 'switchboard', 'app.kubernetes.io/part-of': 'switchboard' };
const DOCKERFILES = ['Dockerfile.jvm', 'Dockerfile.native'];

const toolDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(toolDir, '..', '..'));
const k8sDir = path.join(root, 'k8s');

// ---------------------------------------------------------------- reporting

let passed = 0;
let failed = 0;

function check(name, fn) {
  try {
    const note = fn();
    passed++;
    console.log(`ok    ${name}${note ? ` (${note})` : ''}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}: ${error.message}`);
  }
}

function skip(name, reason) {
  console.log(`skip  ${name}: ${reason}`);
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function finish() {
  // Worded so CI does not mistake it for the test runner's closing count.
  console.log(failed === 0 ? `validate-deploy: all ${passed} checks ok` : `validate-deploy: ${failed} of ${passed + failed} checks FAILED`);
  process.exit(failed === 0 ? 0 : 1);
}

// ---------------------------------------------------------------- helpers

function labelsMatch(selector, labels) {
  const matchLabels = selector?.matchLabels ?? {};
  const expressions = selector?.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
    return false; // an empty selector selects everything: never what we want
  }
  const simple = Object.entries(matchLabels).every(([key, value]) => labels?.[key] === value);
  const complex = expressions.every(({ key, operator, values = [] }) => {
    const has = labels !== undefined && key in labels;
    switch (operator) {
      case 'In': return has && values.includes(labels[key]);
      case 'NotIn': return !has || !values.includes(labels[key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
  return simple && complex;
}

// Quarkus durations: "25" (seconds), "25s", "500ms", "1m", "1h", "2d", or ISO-8601 "PT25S".
function quarkusDurationSeconds(text) {
  const value = String(text).trim();
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const simple = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/i.exec(value);
  if (simple) {
    const factor = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[simple[2].toLowerCase()];
    return Number(simple[1]) * factor;
  }
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(value);
  if (iso && value.length > 2) {
    return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  }
  throw new Error(`cannot read duration "${value}"`);
}

function preStopSleepSeconds(container) {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) {
    return Number(preStop.sleep.seconds);
  }
  const command = preStop?.exec?.command ?? [];
  if (command.length >= 2 && path.basename(command[0]) === 'sleep') {
    return Number(command[1]);
  }
  const shell = /\bsleep\s+(\d+)/.exec(command.join(' '));
  return shell ? Number(shell[1]) : 0;
}

function resolvePort(container, port) {
  const ports = container.ports ?? [];
  const found = typeof port === 'string' ? ports.find((p) => p.name === port) : ports.find((p) => p.containerPort === port);
  assert(found, `port ${JSON.stringify(port)} is not declared by container ${container.name}`);
  return found.containerPort;
}

function find(kind, name) {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

function only(kind) {
  const matches = objects.filter((o) => o.kind === kind);
  assert(matches.length === 1, `expected exactly one ${kind}, found ${matches.length}`);
  return matches[0];
}

function secretValue(secret, key) {
  if (secret.stringData?.[key] !== undefined) {
    return String(secret.stringData[key]);
  }
  if (secret.data?.[key] !== undefined) {
    return Buffer.from(secret.data[key], 'base64').toString('utf8');
  }
  return undefined;
}

// The value an env var gets in the container: `env` wins, then the last envFrom source.
function resolveEnv(container, name) {
  const direct = (container.env ?? []).find((e) => e.name === name);
  if (direct) {
    assert(direct.value !== undefined, `${name} is set via valueFrom; cannot check it offline`);
    return direct.value;
  }
  let value;
  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (!name.startsWith(prefix)) {
      continue;
    }
    const key = name.slice(prefix.length);
    if (source.configMapRef) {
      const configMap = find('ConfigMap', source.configMapRef.name);
      value = configMap?.data?.[key] ?? value;
    } else if (source.secretRef) {
      const secret = find('Secret', source.secretRef.name);
      value = (secret && secretValue(secret, key)) ?? value;
    }
  }
  return value;
}

// application.properties defaults (read only), for settings the manifests may leave to the app.
function readAppProperties() {
  const file = path.join(root, 'src', 'main', 'resources', 'application.properties');
  const properties = {};
  if (!existsSync(file)) {
    return properties;
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([^#!\s][^=:\s]*)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (match) {
      properties[match[1]] = match[2];
    }
  }
  return properties;
}

// A Quarkus setting as the prod pod sees it: container env first, then the app's
// %prod. or plain property (unless it is an expression we cannot evaluate), then the default.
function quarkusSetting(container, property, fallback) {
  const envName = property.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const fromEnv = resolveEnv(container, envName);
  if (fromEnv !== undefined) {
    return { value: fromEnv, from: envName };
  }
  const properties = readAppProperties();
  for (const key of [`%prod.${property}`, property]) {
    if (properties[key] !== undefined && !properties[key].includes('${')) {
      return { value: properties[key], from: 'application.properties' };
    }
  }
  return { value: fallback, from: 'default' };
}

// ---------------------------------------------------------------- render

let objects = null;
let usedKubectl = false;
const forced = process.env.VALIDATE_DEPLOY_RENDER;

check('render k8s/', () => {
  if (forced !== 'fallback') {
    objects = renderWithKubectl(k8sDir);
    usedKubectl = objects !== null;
  }
  if (objects === null) {
    assert(forced !== 'kubectl', 'VALIDATE_DEPLOY_RENDER=kubectl but kubectl is not on PATH');
    objects = renderFallback(k8sDir);
  }
  assert(objects.length > 0, 'rendered nothing');
  const keys = objects.map(objectKey);
  const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i);
  assert(duplicates.length === 0, `duplicate objects: ${duplicates.join(', ')}`);
  return `${usedKubectl ? 'kubectl kustomize' : 'fallback renderer'}: ${objects.length} objects`;
});
if (objects === null) {
  finish();
}
// Same order whichever renderer ran (kubectl sorts by kind, the fallback keeps file order).
objects.sort((a, b) => objectKey(a).localeCompare(objectKey(b)));

if (usedKubectl) {
  // Keeps the fallback honest on machines that have kubectl.
  check('fallback render equals kubectl render', () => {
    const fallback = new Map(renderFallback(k8sDir).map((o) => [objectKey(o), o]));
    const reference = new Map(objects.map((o) => [objectKey(o), o]));
    const missing = [...reference.keys()].filter((key) => !fallback.has(key));
    const extra = [...fallback.keys()].filter((key) => !reference.has(key));
    const different = [...reference.keys()].filter((key) => fallback.has(key) && !isDeepStrictEqual(fallback.get(key), reference.get(key)));
    assert(missing.length + extra.length + different.length === 0,
      `missing [${missing}] extra [${extra}] different [${different}]`);
    return `${reference.size} objects identical`;
  });
} else {
  skip('fallback render equals kubectl render', forced === 'fallback' ? 'fallback forced' : 'kubectl not on PATH');
}

// ---------------------------------------------------------------- schemas

for (const object of objects) {
  check(`schema ${object.apiVersion} ${objectKey(object)}`, () => {
    const Model = MODELS[object.apiVersion]?.[object.kind];
    assert(Model, `no schema known for ${object.apiVersion} ${object.kind}; add it to MODELS`);
    try {
      new Model(object).validate();
    } catch (error) {
      const details = (error.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
      throw new Error(details.length > 0 ? details.join('; ') : error.message);
    }
  });
}

check('common labels on every object', () => {
  const offenders = objects.filter((o) => !Object.entries(COMMON_LABELS).every(([k, v]) => o.metadata?.labels?.[k] === v));
  assert(offenders.length === 0, `missing on ${offenders.map(objectKey).join(', ')}`);
});

// ---------------------------------------------------------------- deployment

const deployment = objects.find((o) => o.kind === 'Deployment');
const podSpec = deployment?.spec?.template?.spec ?? {};
const podLabels = deployment?.spec?.template?.metadata?.labels ?? {};
const containers = podSpec.containers ?? [];
const app = containers.find((c) => c.name === 'switchboard') ?? containers[0];

function withApp(name, fn) {
  check(name, () => {
    only('Deployment');
    assert(app, 'the Deployment has no container');
    return fn();
  });
}

withApp('deployment selector matches its pod template', () => {
  assert(labelsMatch(deployment.spec.selector, podLabels), 'spec.selector does not match spec.template.metadata.labels');
});

for (const [probe, expectedPath] of Object.entries(EXPECTED_PROBES)) {
  withApp(`deployment ${probe} on ${expectedPath}`, () => {
    const httpGet = app[probe]?.httpGet;
    assert(httpGet, `${app.name} has no ${probe} with httpGet`);
    assert(httpGet.path === expectedPath, `path is ${httpGet.path}`);
    return `port ${resolvePort(app, httpGet.port)}`;
  });
}

withApp('deployment resources (requests cpu+memory, memory limit)', () => {
  for (const container of containers) {
    const { requests = {}, limits = {} } = container.resources ?? {};
    assert(requests.cpu && requests.memory, `${container.name} lacks cpu/memory requests`);
    assert(limits.memory, `${container.name} lacks a memory limit`);
  }
  return `${app.resources.requests.cpu}/${app.resources.requests.memory}, limit ${app.resources.limits.memory}`;
});

withApp('deployment POD_NAME from metadata.name', () => {
  const env = (app.env ?? []).find((e) => e.name === 'POD_NAME');
  assert(env?.valueFrom?.fieldRef?.fieldPath === 'metadata.name', 'POD_NAME must come from fieldRef metadata.name (Redis consumer name)');
});

// On SIGTERM the pod spends: preStop sleep, then Quarkus' shutdown delay (readiness
// DOWN, if enabled), then up to the shutdown timeout draining. All must fit in the grace period.
withApp('deployment grace period covers preStop + shutdown delay + QUARKUS_SHUTDOWN_TIMEOUT', () => {
  // The timeout must be explicit in the manifests, next to the grace period it has to fit in.
  const timeout = resolveEnv(app, 'QUARKUS_SHUTDOWN_TIMEOUT');
  assert(timeout !== undefined, 'QUARKUS_SHUTDOWN_TIMEOUT is not set for the container (ConfigMap or env)');
  const drain = quarkusDurationSeconds(timeout);
  const delayEnabled = String(quarkusSetting(app, 'quarkus.shutdown.delay-enabled', 'false').value) === 'true';
  const delay = delayEnabled ? quarkusDurationSeconds(quarkusSetting(app, 'quarkus.shutdown.delay', '0').value) : 0;
  const preStop = preStopSleepSeconds(app);
  const grace = podSpec.terminationGracePeriodSeconds ?? 30;
  assert(grace > preStop + delay + drain,
    `terminationGracePeriodSeconds ${grace} <= preStop ${preStop}s + delay ${delay}s + shutdown ${drain}s`);
  return `${grace}s > preStop ${preStop}s + delay ${delay}s + timeout ${drain}s`;
});

withApp('deployment rolling update keeps capacity', () => {
  const rolling = deployment.spec.strategy?.rollingUpdate;
  assert(deployment.spec.strategy?.type === 'RollingUpdate', 'strategy is not RollingUpdate');
  assert(rolling && [0, '0%'].includes(rolling.maxUnavailable), 'maxUnavailable must be 0');
  assert(rolling.maxSurge && !['0', '0%'].includes(String(rolling.maxSurge)), 'maxSurge must be > 0');
});

withApp('deployment runs as non-root with a writable /tmp', () => {
  const runAsNonRoot = app.securityContext?.runAsNonRoot ?? podSpec.securityContext?.runAsNonRoot;
  assert(runAsNonRoot === true, 'runAsNonRoot is not true');
  assert(app.securityContext?.allowPrivilegeEscalation === false, 'allowPrivilegeEscalation is not false');
  if (app.securityContext?.readOnlyRootFilesystem) {
    const tmp = (app.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
    const volume = tmp && (podSpec.volumes ?? []).find((v) => v.name === tmp.name);
    assert(volume?.emptyDir, 'readOnlyRootFilesystem needs an emptyDir mounted at /tmp');
    return 'read-only root filesystem';
  }
  return undefined;
});

withApp('deployment references existing ConfigMaps/Secrets', () => {
  const wanted = [];
  for (const source of app.envFrom ?? []) {
    if (source.configMapRef && !source.configMapRef.optional) wanted.push(['ConfigMap', source.configMapRef.name]);
    if (source.secretRef && !source.secretRef.optional) wanted.push(['Secret', source.secretRef.name]);
  }
  for (const volume of podSpec.volumes ?? []) {
    if (volume.secret && !volume.secret.optional) wanted.push(['Secret', volume.secret.secretName]);
    if (volume.configMap && !volume.configMap.optional) wanted.push(['ConfigMap', volume.configMap.name]);
  }
  const mounted = new Set((app.volumeMounts ?? []).map((m) => m.name));
  const declared = new Set((podSpec.volumes ?? []).map((v) => v.name));
  const undeclared = [...mounted].filter((name) => !declared.has(name));
  assert(undeclared.length === 0, `volumeMounts without a volume: ${undeclared}`);
  const absent = wanted.filter(([kind, name]) => !find(kind, name)).map(([kind, name]) => `${kind}/${name}`);
  assert(absent.length === 0, `not in the render: ${absent.join(', ')}`);
  return wanted.map(([kind, name]) => `${kind}/${name}`).join(', ');
});

withApp('deployment mounts every QUARKUS_CONFIG_LOCATIONS file read-only', () => {
  const locations = resolveEnv(app, 'QUARKUS_CONFIG_LOCATIONS');
  assert(locations, 'QUARKUS_CONFIG_LOCATIONS is not set (tenants file)');
  for (const location of locations.split(',').map((l) => l.trim())) {
    const mount = (app.volumeMounts ?? [])
      .filter((m) => location === m.mountPath || location.startsWith(`${m.mountPath}/`))
      .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
    assert(mount, `${location} is not under any volumeMount`);
    assert(mount.readOnly === true, `mount ${mount.mountPath} is not readOnly`);
    const volume = (podSpec.volumes ?? []).find((v) => v.name === mount.name);
    const fileName = mount.subPath ?? path.relative(mount.mountPath, location);
    const source = volume?.secret ? find('Secret', volume.secret.secretName) : volume?.configMap ? find('ConfigMap', volume.configMap.name) : undefined;
    assert(source, `${location}: volume ${mount.name} is not backed by a Secret/ConfigMap in the render`);
    const items = (volume.secret ?? volume.configMap).items;
    const key = items ? items.find((i) => i.path === fileName)?.key : fileName;
    const present = source.kind === 'Secret' ? secretValue(source, key) : source.data?.[key];
    assert(key && present !== undefined, `${source.kind}/${source.metadata.name} has no key for ${fileName}`);
  }
  return locations;
});

withApp('deployment Prometheus annotations point at the metrics port', () => {
  const annotations = deployment.spec.template.metadata?.annotations ?? {};
  assert(annotations['prometheus.io/scrape'] === 'true', 'prometheus.io/scrape is not "true"');
  assert(annotations['prometheus.io/path'] === METRICS_PATH, `prometheus.io/path is not ${METRICS_PATH}`);
  resolvePort(app, Number(annotations['prometheus.io/port']));
  return `:${annotations['prometheus.io/port']}${METRICS_PATH}`;
});

// ---------------------------------------------------------------- service, hpa, pdb, monitoring

check('service selects the pods and targets a container port', () => {
  const service = only('Service');
  assert(app, 'no Deployment container to target');
  assert(labelsMatch({ matchLabels: service.spec.selector }, podLabels), 'selector does not match the pod template labels');
  return service.spec.ports
    .map((port) => `${port.name ?? port.port}: ${port.port} -> ${resolvePort(app, port.targetPort ?? port.port)}`)
    .join(', ');
});

check('hpa scales the Deployment', () => {
  const hpa = only('HorizontalPodAutoscaler');
  const target = hpa.spec.scaleTargetRef;
  assert(target.kind === 'Deployment' && target.apiVersion === 'apps/v1', `scaleTargetRef is ${target.apiVersion} ${target.kind}`);
  assert(target.name === deployment?.metadata?.name, `scaleTargetRef.name ${target.name} is not the Deployment`);
  // The HPA reaches pods through the Deployment's selector, checked above.
  assert(labelsMatch(deployment.spec.selector, podLabels), "the Deployment's selector does not match its pods");
  const min = hpa.spec.minReplicas ?? 1;
  assert(min <= hpa.spec.maxReplicas, `minReplicas ${min} > maxReplicas ${hpa.spec.maxReplicas}`);
  const cpuMetric = (hpa.spec.metrics ?? []).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  if (cpuMetric?.resource?.target?.type === 'Utilization') {
    assert(containers.every((c) => c.resources?.requests?.cpu), 'CPU utilization target needs cpu requests on every container');
  }
  return `${min}-${hpa.spec.maxReplicas} replicas`;
});

check('pdb selects the pods', () => {
  const pdb = only('PodDisruptionBudget');
  assert(labelsMatch(pdb.spec.selector, podLabels), 'selector does not match the pod template labels');
  const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler');
  const minReplicas = hpa?.spec?.minReplicas ?? deployment?.spec?.replicas ?? 1;
  if (Number.isInteger(pdb.spec.minAvailable)) {
    assert(pdb.spec.minAvailable < minReplicas, `minAvailable ${pdb.spec.minAvailable} would block every eviction at ${minReplicas} replicas`);
  }
  if (pdb.spec.maxUnavailable !== undefined) {
    assert(!['0', '0%'].includes(String(pdb.spec.maxUnavailable)), 'maxUnavailable 0 blocks every eviction');
  }
  return pdb.spec.minAvailable !== undefined ? `minAvailable ${pdb.spec.minAvailable}` : `maxUnavailable ${pdb.spec.maxUnavailable}`;
});

check('servicemonitor scrapes the Service', () => {
  const monitor = only('ServiceMonitor');
  const service = only('Service');
  assert(labelsMatch(monitor.spec.selector, service.metadata.labels), 'selector does not match the Service labels');
  for (const endpoint of monitor.spec.endpoints) {
    assert(service.spec.ports.some((p) => p.name === endpoint.port), `endpoint port ${endpoint.port} is not a named Service port`);
    assert(endpoint.path === METRICS_PATH, `endpoint path is ${endpoint.path}`);
  }
  return monitor.spec.endpoints.map((e) => `${e.port}${e.path} every ${e.interval ?? 'default'}`).join(', ');
});

check('prometheusrule alerts are complete', () => {
  const rules = only('PrometheusRule').spec.groups.flatMap((g) => g.rules);
  const alerts = rules.filter((r) => r.alert);
  assert(alerts.length > 0, 'no alerting rules');
  for (const rule of alerts) {
    assert(typeof rule.expr === 'string' && rule.expr.trim() !== '', `${rule.alert} has no expr`);
    assert(rule.labels?.severity, `${rule.alert} has no severity label`);
    assert(rule.annotations?.summary, `${rule.alert} has no summary annotation`);
    assert(rule.for === undefined || /^(\d+(ms|s|m|h|d|w|y))+$/.test(rule.for), `${rule.alert} has a bad "for": ${rule.for}`);
  }
  return alerts.map((r) => r.alert).join(', ');
});

// ---------------------------------------------------------------- Dockerfiles

const ignored = existsSync(path.join(root, '.dockerignore'))
  ? dockerignoreMatcher(readFileSync(path.join(root, '.dockerignore'), 'utf8'))
  : () => false;

for (const file of DOCKERFILES) {
  const fullPath = path.join(root, file);
  if (!existsSync(fullPath)) {
    check(`${file} exists`, () => assert(false, 'missing'));
    continue;
  }
  const instructions = parseDockerfile(readFileSync(fullPath, 'utf8'));

  check(`dockerfilelint ${file}`, () => {
    // A .dockerfilelintrc next to this script (if any) holds deliberate exceptions.
    const lint = spawnSync(path.join(toolDir, 'node_modules', '.bin', 'dockerfilelint'), ['-o', 'json', '-c', toolDir, fullPath], { encoding: 'utf8' });
    assert(!lint.error, `cannot run dockerfilelint: ${lint.error?.message}`);
    const report = JSON.parse(lint.stdout);
    const issues = report.files.flatMap((f) => f.issues);
    assert(issues.length === 0, issues.map((i) => `line ${i.line}: ${i.title}`).join('; '));
    return 'no issues';
  });

  check(`${file} build context holds every COPY source`, () => {
    const sources = contextSources(instructions);
    const missing = sources.filter(({ source }) => {
      const sample = source.replace(/\*/g, 'x');
      return ignored(sample) || ignored(`${sample}/x`);
    });
    assert(missing.length === 0, `.dockerignore excludes ${missing.map((m) => `${m.source} (line ${m.line})`).join(', ')}`);
    return `${sources.length} sources`;
  });

  check(`${file} final stage runs as a numeric non-root user and exposes the app port`, () => {
    const stage = finalStage(instructions);
    const user = stage.filter((i) => i.keyword === 'USER').pop()?.args[0];
    // runAsNonRoot can only be verified by the kubelet for a numeric uid.
    assert(user && /^\d+(:\w+)?$/.test(user), `USER is ${user ?? 'unset'}; use a numeric uid`);
    assert(Number(user.split(':')[0]) !== 0, 'USER is root');
    const exposed = stage.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.map((a) => Number(a.split('/')[0])));
    const appPort = app?.ports?.find((p) => p.name === 'http')?.containerPort ?? 8080;
    assert(exposed.includes(appPort), `EXPOSE ${exposed} does not include ${appPort}`);
    return `USER ${user}, EXPOSE ${exposed.join(' ')}`;
  });
}

finish();
