// Schema check of rendered objects against the Kubernetes OpenAPI schemas shipped by the
// `kubernetes-models` packages; CRDs without a models package get a structural check only.

/** @typedef {import('./policy.mjs').K8sObject} K8sObject */
/** @typedef {{ mode: 'schema' | 'structural', errors: string[] }} SchemaResult */

// Built-in API groups resolve to `kubernetes-models/<apiVersion>`; CRDs to their own package.
// (kubernetes-models 4.x is the last line that runs on Node 20; it carries the 1.27 schemas.)
const CRD_MODEL_MODULES = {
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  'monitoring.coreos.com/v1alpha1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1',
  'postgresql.cnpg.io/v1': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1',
};

/**
 * CRDs with no models package on npm. Listed explicitly, kind by kind, so that a typo in an
 * apiVersion or kind is an error instead of silently skipping the schema check.
 * RabbitMQ: the cluster operator's RabbitmqCluster and the messaging topology operator's kinds.
 * @type {Record<string, string[]>}
 */
export const STRUCTURAL_ONLY = {
  'rabbitmq.com/v1beta1': [
    'RabbitmqCluster', 'Queue', 'Exchange', 'Binding', 'Policy', 'OperatorPolicy', 'User', 'Permission',
    'TopicPermission', 'Vhost', 'Federation', 'Shovel', 'SchemaReplication', 'SuperStream',
  ],
};

// The 1.27 schemas still describe API versions that current clusters no longer serve; an
// overlay using one renders and validates fine but fails at `kubectl apply`.
const REMOVED_API_VERSIONS = {
  'extensions/v1beta1': '1.22',
  'networking.k8s.io/v1beta1': '1.22',
  'policy/v1beta1': '1.25',
  'batch/v1beta1': '1.25',
  'autoscaling/v2beta1': '1.25',
  'discovery.k8s.io/v1beta1': '1.25',
  'events.k8s.io/v1beta1': '1.25',
  'node.k8s.io/v1beta1': '1.25',
  'autoscaling/v2beta2': '1.26',
  'flowcontrol.apiserver.k8s.io/v1beta1': '1.26',
};

const API_VERSION = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v\d+((alpha|beta)\d+)?$/;

/** @type {Map<string, Promise<Record<string, any> | null>>} */
const moduleCache = new Map();

/** The models module for an apiVersion, or null if no package ships one. */
function modelsFor(apiVersion) {
  if (!moduleCache.has(apiVersion)) {
    const specifier = CRD_MODEL_MODULES[apiVersion] ?? `kubernetes-models/${apiVersion}`;
    moduleCache.set(apiVersion, import(specifier).catch((err) => {
      // Only "no such export" means "unknown apiVersion"; anything else is a broken install.
      if (err?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || err?.code === 'ERR_MODULE_NOT_FOUND') return null;
      throw err;
    }));
  }
  return /** @type {Promise<Record<string, any> | null>} */ (moduleCache.get(apiVersion));
}

/**
 * Collapse ajv errors to one line per field: a bad quantity yields three errors
 * (type, format, oneOf) for the same path, which is noise in a CI log.
 * @param {{ instancePath?: string, message?: string }[]} errors
 */
function formatAjvErrors(errors) {
  /** @type {Map<string, string[]>} */
  const byPath = new Map();
  for (const e of errors) {
    const path = (e.instancePath ?? '').replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replaceAll('/', '.') || '(root)';
    const list = byPath.get(path) ?? [];
    if (e.message && !list.includes(e.message)) list.push(e.message);
    byPath.set(path, list);
  }
  return [...byPath].map(([path, msgs]) => `schema: ${path}: ${msgs.join('; ')}`);
}

/**
 * Validate one object. Unknown apiVersion/kind combinations are errors unless listed in
 * STRUCTURAL_ONLY.
 * @param {K8sObject} obj
 * @returns {Promise<SchemaResult>}
 */
export async function checkSchema(obj) {
  const { apiVersion, kind } = obj;
  /** @type {string[]} */
  const errors = [];
  if (typeof apiVersion !== 'string' || !API_VERSION.test(apiVersion)) errors.push(`structure: invalid apiVersion ${JSON.stringify(apiVersion)}`);
  if (typeof kind !== 'string' || kind === '') errors.push('structure: missing kind');
  if (typeof obj.metadata?.name !== 'string' || obj.metadata.name === '') errors.push('structure: missing metadata.name');
  if (errors.length) return { mode: 'structural', errors };

  const av = /** @type {string} */ (apiVersion);
  const k = /** @type {string} */ (kind);
  if (STRUCTURAL_ONLY[av]?.includes(k)) {
    if (obj.spec === null || typeof obj.spec !== 'object' || Array.isArray(obj.spec)) errors.push('structure: missing spec');
    return { mode: 'structural', errors };
  }
  if (REMOVED_API_VERSIONS[av]) {
    return { mode: 'schema', errors: [`schema: apiVersion ${av} is no longer served since Kubernetes ${REMOVED_API_VERSIONS[av]}`] };
  }

  const models = await modelsFor(av);
  const Model = models?.[k];
  // The modules also export sub-types (Container, PodSpec...); only a class whose own
  // apiVersion/kind match is a top-level kind.
  if (!Model || Model.kind !== k || Model.apiVersion !== av) {
    return { mode: 'schema', errors: [`schema: unknown kind ${k} in apiVersion ${av} (no schema in kubernetes-models or a CRD models package, and not listed as structural-only)`] };
  }
  try {
    new Model(obj).validate();
  } catch (err) {
    if (!Array.isArray(err?.errors)) throw err;
    errors.push(...formatAjvErrors(err.errors));
  }
  return { mode: 'schema', errors };
}
