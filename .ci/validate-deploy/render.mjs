// Renders the kustomize base into plain objects: with `kubectl kustomize` when
// kubectl is installed, otherwise with renderFallback() below.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// YAML 1.1 is what Kubernetes' Go parser speaks (0644 is octal, `on` is a boolean).
const YAML_OPTIONS = { version: '1.1' };

export function parseYamlDocuments(text, source) {
  const objects = [];
  for (const doc of parseAllDocuments(text, YAML_OPTIONS)) {
    if (doc.errors.length > 0) {
      throw new Error(`${source}: ${doc.errors[0].message}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) {
      objects.push(value);
    }
  }
  return objects;
}

// Returns the rendered objects, or null when kubectl is not on PATH.
export function renderWithKubectl(kustomizeDir) {
  const result = spawnSync('kubectl', ['kustomize', kustomizeDir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error && result.error.code === 'ENOENT') {
    return null;
  }
  if (result.error) {
    throw result.error;
  }
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize failed: ${result.stderr.trim()}`);
  }
  return parseYamlDocuments(result.stdout, 'kubectl kustomize output');
}

// Fallback for machines without kubectl. It understands only what our plain base
// uses: a list of local files in `resources:` plus `labels:` / `commonLabels:`.
// Anything else in kustomization.yaml is refused rather than silently ignored, so a
// richer kustomization fails loudly here and needs kubectl.
const SUPPORTED_KEYS = new Set(['apiVersion', 'kind', 'resources', 'labels', 'commonLabels']);

// Where kustomize puts pod-template and selector labels, for the kinds we may use.
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const MATCH_LABEL_SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'PodDisruptionBudget']);

export function renderFallback(kustomizeDir) {
  const file = path.join(kustomizeDir, 'kustomization.yaml');
  const [kustomization] = parseYamlDocuments(readFileSync(file, 'utf8'), file);
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED_KEYS.has(key));
  if (unsupported.length > 0) {
    throw new Error(`fallback renderer does not support ${unsupported.join(', ')} in ${file}; install kubectl`);
  }

  const objects = [];
  for (const resource of kustomization.resources ?? []) {
    if (!/\.ya?ml$/.test(resource)) {
      throw new Error(`fallback renderer only reads local YAML files, not "${resource}"; install kubectl`);
    }
    const resourceFile = path.join(kustomizeDir, resource);
    objects.push(...parseYamlDocuments(readFileSync(resourceFile, 'utf8'), resourceFile));
  }

  const labelSets = (kustomization.labels ?? []).map((entry) => ({
    pairs: entry.pairs ?? {},
    selectors: entry.includeSelectors === true,
    templates: entry.includeTemplates === true || entry.includeSelectors === true,
  }));
  if (kustomization.commonLabels) {
    labelSets.push({ pairs: kustomization.commonLabels, selectors: true, templates: true });
  }
  for (const object of objects) {
    for (const set of labelSets) {
      applyLabels(object, set);
    }
  }
  return objects;
}

function applyLabels(object, { pairs, selectors, templates }) {
  object.metadata ??= {};
  object.metadata.labels = { ...object.metadata.labels, ...pairs };
  const spec = object.spec;
  if (!spec) {
    return;
  }
  if (templates && TEMPLATE_KINDS.has(object.kind) && spec.template) {
    spec.template.metadata ??= {};
    spec.template.metadata.labels = { ...spec.template.metadata.labels, ...pairs };
  }
  if (selectors && object.kind === 'Service') {
    spec.selector = { ...spec.selector, ...pairs };
  }
  if (selectors && MATCH_LABEL_SELECTOR_KINDS.has(object.kind)) {
    spec.selector ??= {};
    spec.selector.matchLabels = { ...spec.selector.matchLabels, ...pairs };
  }
}

export function objectKey(object) {
  return `${object.kind}/${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name}`;
}
