// Offline checks of compose/docker-compose.yml and compose/.env.example: the Compose Specification's JSON schema (as shipped in the
// npm package dclint, schemas/compose.schema.json) validated with Ajv, then what the file must do for Switchboard.
// One line per check; exits 1 on any failure. Usage: node compose.mjs <repo-root>
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const root = path.resolve(process.argv[2] ?? '.');
const dir = path.join(root, 'compose'); // the compose project: relative paths in the file start here
const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');

let failed = 0;
function check(name, fn) {
  try {
    const note = fn();
    console.log(`ok    ${name}${note ? ` (${note})` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}: ${e.message}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
// the file names draft-07 by its https address, which Ajv does not know by that name; draft-07 is Ajv's own default
assert(/draft-07/.test(schema.$schema), `the schema is not draft-07 (${schema.$schema})`);
delete schema.$schema;
const validate = ajv.compile(schema);
const errors = (v) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

const composeText = readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
const compose = YAML.parse(composeText);
const services = compose.services ?? {};
const envExample = readFileSync(path.join(dir, '.env.example'), 'utf8');

check('compose/docker-compose.yml matches the Compose Specification schema', () => {
  assert(validate(compose), errors(validate));
  return path.relative(root, schemaFile);
});

check('the schema check can fail: a misspelt key is refused', () => {
  const broken = structuredClone(compose);
  broken.services.redis.imagee = broken.services.redis.image;
  assert(!validate(broken), 'a service with the unknown key "imagee" passed');
});

check('redis: maxmemory-policy noeviction and AOF', () => {
  const command = [].concat(services.redis?.command ?? []).join(' ');
  assert(/--maxmemory-policy noeviction\b/.test(command), `command has no --maxmemory-policy noeviction: ${command}`);
  assert(/--appendonly yes\b/.test(command), `command has no --appendonly yes: ${command}`);
  assert((services.redis.volumes ?? []).some((v) => String(v).endsWith(':/data')), 'the AOF directory /data is not on a volume');
});

check('switchboard: the JVM image from Dockerfile.jvm, on the compose Redis', () => {
  const s = services.switchboard;
  assert(s?.build?.dockerfile === 'Dockerfile.jvm', `build.dockerfile is ${s?.build?.dockerfile}`);
  assert(path.resolve(dir, s.build.context ?? '.') === root, `build.context ${s.build.context} is not the repository root`);
  assert(existsSync(path.join(root, s.build.dockerfile)), 'Dockerfile.jvm is missing');
  assert(s.environment?.REDIS_URL === 'redis://redis:6379', `REDIS_URL is ${s.environment?.REDIS_URL}`);
  assert([].concat(s.env_file ?? []).includes('.env'), 'env_file does not read .env');
  assert(s.depends_on?.redis?.condition === 'service_healthy', 'does not wait for a healthy Redis');
});

check('prometheus: scrapes the service at /q/metrics', () => {
  const mount = (services.prometheus?.volumes ?? []).map(String).find((v) => v.includes(':/etc/prometheus/prometheus.yml'));
  assert(mount, 'no prometheus.yml mounted');
  const config = YAML.parse(readFileSync(path.join(dir, mount.split(':')[0]), 'utf8'));
  const job = (config.scrape_configs ?? []).find((j) => (j.static_configs ?? []).some((c) => (c.targets ?? []).includes('switchboard:8080')));
  assert(job, 'no scrape job targets switchboard:8080');
  assert(job.metrics_path === '/q/metrics', `metrics_path is ${job.metrics_path}`);
  // the alert rules: loaded from a file the container has (.ci/prometheus-rules checks it holds k8s's rules)
  const rules = (config.rule_files ?? []).map(String);
  assert(rules.length > 0, 'no rule_files: the alert rules are not evaluated');
  for (const file of rules) {
    const mounted = (services.prometheus?.volumes ?? []).map(String).find((v) => v.split(':')[1] === file);
    assert(mounted && existsSync(path.join(dir, mounted.split(':')[0])), `rule file ${file} is not mounted from the compose folder`);
  }
});

check('grafana: Prometheus data source and the dashboard k8s/grafana/switchboard-dashboard.json', () => {
  const volumes = (services.grafana?.volumes ?? []).map(String);
  const provisioned = volumes.filter((v) => v.includes(':/etc/grafana/provisioning/'));
  assert(provisioned.length === 2, `expected a data source and a dashboard provider, found ${provisioned.length}`);
  const dashboards = volumes.find((v) => v.startsWith('../k8s/grafana:'));
  assert(dashboards, 'k8s/grafana/ (where switchboard-dashboard.json lives) is not mounted');
  const target = dashboards.split(':')[1];
  const provider = YAML.parse(readFileSync(path.join(dir, provisioned.find((v) => v.includes('/dashboards/')).split(':')[0]), 'utf8'));
  assert(provider.providers?.some((p) => p.options?.path === target), `no dashboard provider reads ${target}`);
  const sources = YAML.parse(readFileSync(path.join(dir, provisioned.find((v) => v.includes('/datasources/')).split(':')[0]), 'utf8'));
  assert(sources.datasources?.some((d) => d.type === 'prometheus' && d.url === 'http://prometheus:9090'), 'no data source for http://prometheus:9090');
  assert(existsSync(path.join(root, 'k8s', 'grafana', 'switchboard-dashboard.json')), 'k8s/grafana/switchboard-dashboard.json is missing');
  return 'dashboard present';
});

check('every bind-mounted file or folder exists', () => {
  for (const [name, s] of Object.entries(services)) {
    for (const v of (s.volumes ?? []).map(String).filter((v) => v.startsWith('.'))) {
      assert(existsSync(path.join(dir, v.split(':')[0])), `${name}: ${v.split(':')[0]} does not exist`);
    }
  }
});

// .env.example: every variable the compose file requires, and every Switchboard variable one README "Configuration" names
const listed = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
const active = new Set([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

check('compose/.env.example sets every variable docker-compose.yml requires', () => {
  const required = [...composeText.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]);
  const missing = required.filter((v) => !active.has(v));
  assert(missing.length === 0, `missing: ${missing.join(', ')}`);
  return required.join(', ');
});

check('compose/.env.example sets what the service requires in production', () => {
  const required = ['SWITCHBOARD_WEBHOOK_VERIFY_TOKEN', 'SWITCHBOARD_WEBHOOK_APP_SECRETS', 'SWITCHBOARD_ADMIN_TOKEN', 'SWITCHBOARD_SECRETS_ENCRYPTION_KEY'];
  const missing = required.filter((v) => !active.has(v));
  assert(missing.length === 0, `missing: ${missing.join(', ')}`);
});

check('compose/.env.example names only settings README "Configuration" documents, tenants as SWITCHBOARD_TENANTS_<ID>_...', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const properties = [...readme.matchAll(/^\| `([a-z][a-z0-9.<>-]*)`/gm)].map((m) => m[1]).filter((p) => p.startsWith('switchboard.'));
  const patterns = properties.map((p) => new RegExp('^' + p.split('<id>').map((part) => part.toUpperCase().replace(/[^A-Z0-9]/g, '_')).join('[A-Z0-9]+') + '$'));
  const unknown = [...listed].filter((v) => v.startsWith('SWITCHBOARD_') && !patterns.some((re) => re.test(v)));
  assert(unknown.length === 0, `not in README "Configuration": ${unknown.join(', ')}`);
  assert([...listed].some((v) => /^SWITCHBOARD_TENANTS_[A-Z0-9]+_API_TOKEN$/.test(v)), 'no example of a tenant variable');
  return `${[...listed].length} variables`;
});

console.log(failed ? `${failed} check(s) failed` : 'compose/docker-compose.yml and compose/.env.example: all checks passed');
process.exit(failed ? 1 : 0);
