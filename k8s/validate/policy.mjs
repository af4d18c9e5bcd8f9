// Weerbaarheid's own deployment policy, as pure functions over parsed Kubernetes objects.
// Nothing here reads files or runs kubectl, so every rule can be tested with plain objects.

/**
 * @typedef {{ apiVersion?: string, kind?: string, metadata?: { name?: string, namespace?: string, labels?: Record<string,string> }, [key: string]: any }} K8sObject
 * @typedef {{ matchLabels?: Record<string,string>, matchExpressions?: { key: string, operator: string, values?: string[] }[] }} LabelSelector
 * @typedef {{ rule: string, kind: string, namespace?: string, name: string, container?: string, message: string }} Violation
 * @typedef {{ overlay: string, env?: string }} PolicyContext
 *   overlay: the name messages use (`prod`, `prod/migrations`); env: the environment whose rules
 *   apply, the overlay's own name unless given
 * @typedef {{ id: string, description: string, check: (objects: K8sObject[], ctx: PolicyContext) => Violation[] }} Rule
 */

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
// Jobs and CronJobs run to completion: a liveness/readiness probe has nothing to say about them.
const RUN_TO_COMPLETION_KINDS = ['Job', 'CronJob'];
const HOSTNAME_KEY = 'kubernetes.io/hostname';

/** @param {PolicyContext} ctx */
const isProd = (ctx) => (ctx.env ?? ctx.overlay) === 'prod';

// ---------------------------------------------------------------------------------------------
// Helpers (exported for tests and for rules added later)

/**
 * Does a Kubernetes label selector select a set of labels? A null/absent selector selects
 * nothing; an empty one ({}) selects everything — the API's own semantics for PDBs and
 * NetworkPolicy podSelectors.
 * @param {LabelSelector | undefined | null} selector
 * @param {Record<string,string> | undefined} labels
 */
export function selectorMatches(selector, labels = {}) {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    const ok =
      operator === 'In' ? has && values.includes(labels[key]) :
      operator === 'NotIn' ? !has || !values.includes(labels[key]) :
      operator === 'Exists' ? has :
      operator === 'DoesNotExist' ? !has :
      false; // an unknown operator selects nothing rather than everything
    if (!ok) return false;
  }
  return true;
}

/** @param {LabelSelector | undefined | null} selector */
export function isEmptySelector(selector) {
  return !!selector &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0;
}

/** The pod template of a workload (CronJobs nest it one level deeper). @param {K8sObject} obj */
export function podTemplateOf(obj) {
  return obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template : obj.spec?.template;
}

/**
 * Pinned = an explicit tag other than `latest`, or a sha256 digest. Without either the
 * runtime pulls `latest`, so a rollout could run code nobody reviewed.
 * @param {string | undefined} image
 */
export function isPinnedImage(image) {
  if (!image) return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  // The tag is after the last ':' only if that ':' comes after the last '/'
  // (otherwise it is a registry port, as in registry:5000/app).
  const lastSlash = image.lastIndexOf('/');
  const lastColon = image.lastIndexOf(':');
  if (lastColon <= lastSlash) return false;
  const tag = image.slice(lastColon + 1);
  return tag !== '' && tag !== 'latest';
}

/** Objects of a kind in the same namespace as `obj` (an unset namespace matches an unset one). */
function sameNamespace(objects, kind, obj) {
  const ns = obj.metadata?.namespace ?? '';
  return objects.filter((o) => o.kind === kind && (o.metadata?.namespace ?? '') === ns);
}

/** @returns {Violation} */
function violation(rule, obj, message, container) {
  return {
    rule,
    kind: obj.kind ?? '?',
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? '?',
    ...(container ? { container } : {}),
    message,
  };
}

/**
 * Every container of every workload, with the pod spec it lives in.
 * @param {K8sObject[]} objects
 */
function* containersOf(objects) {
  for (const obj of objects) {
    if (!WORKLOAD_KINDS.includes(obj.kind ?? '')) continue;
    const pod = podTemplateOf(obj)?.spec ?? {};
    for (const c of pod.initContainers ?? []) yield { obj, pod, c, label: `initContainer "${c.name}"`, init: true };
    for (const c of pod.containers ?? []) yield { obj, pod, c, label: `container "${c.name}"`, init: false };
  }
}

// ---------------------------------------------------------------------------------------------
// Rules

/** @type {Rule} */
const probes = {
  id: 'probes',
  description:
    'every container of a Deployment/StatefulSet/DaemonSet has a livenessProbe and a readinessProbe ' +
    '(Jobs and CronJobs are exempt: they run to completion; so are plain init containers, which the API ' +
    'forbids probes on; sidecar init containers with restartPolicy: Always need them)',
  check(objects) {
    const out = [];
    for (const { obj, c, label, init } of containersOf(objects)) {
      if (RUN_TO_COMPLETION_KINDS.includes(obj.kind)) continue;
      const sidecar = init && c.restartPolicy === 'Always';
      if (init && !sidecar) {
        // Not a style point: the API server rejects the pod.
        if (c.livenessProbe || c.readinessProbe) {
          out.push(violation('probes', obj, 'init container without restartPolicy: Always may not have liveness/readiness probes', label));
        }
        continue;
      }
      const missing = ['livenessProbe', 'readinessProbe'].filter((p) => !c[p]);
      if (missing.length) out.push(violation('probes', obj, `missing ${missing.join(' and ')}`, label));
    }
    return out;
  },
};

/** @type {Rule} */
const resources = {
  id: 'resources',
  description: 'every container and init container sets resource requests and limits for cpu and memory',
  check(objects) {
    const out = [];
    for (const { obj, c, label } of containersOf(objects)) {
      const missing = [];
      for (const kind of ['requests', 'limits']) {
        for (const res of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[res] === undefined) missing.push(`${kind}.${res}`);
        }
      }
      if (missing.length) out.push(violation('resources', obj, `missing resources ${missing.join(', ')}`, label));
    }
    return out;
  },
};

/** @type {Rule} */
const pinnedImage = {
  id: 'pinned-image',
  description: 'every container image has an explicit tag other than "latest", or a @sha256: digest',
  check(objects) {
    const out = [];
    for (const { obj, c, label } of containersOf(objects)) {
      if (!isPinnedImage(c.image)) {
        out.push(violation('pinned-image', obj, `image ${JSON.stringify(c.image ?? '')} is not pinned (needs a tag other than latest, or a @sha256: digest)`, label));
      }
    }
    return out;
  },
};

/** @type {Rule} */
const restrictedSecurityContext = {
  id: 'restricted-security-context',
  description:
    'every container and init container runs with the restricted security context: runAsNonRoot: true and ' +
    'seccompProfile RuntimeDefault (pod or container level), allowPrivilegeEscalation: false, ' +
    'readOnlyRootFilesystem: true, capabilities.drop contains ALL',
  check(objects) {
    const out = [];
    for (const { obj, pod, c, label } of containersOf(objects)) {
      const podSc = pod.securityContext ?? {};
      const sc = c.securityContext ?? {};
      const problems = [];
      // A container-level setting overrides the pod-level one, so look there first.
      if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push('runAsNonRoot must be true');
      if (sc.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation must be false');
      if (sc.readOnlyRootFilesystem !== true) problems.push('readOnlyRootFilesystem must be true');
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push('capabilities.drop must contain ALL');
      if ((sc.seccompProfile ?? podSc.seccompProfile)?.type !== 'RuntimeDefault') problems.push('seccompProfile.type must be RuntimeDefault');
      if (problems.length) out.push(violation('restricted-security-context', obj, problems.join('; '), label));
    }
    return out;
  },
};

/** @type {Rule} */
const pdb = {
  id: 'pdb',
  description: 'every Deployment has a PodDisruptionBudget in its namespace whose selector matches its pod template labels',
  check(objects) {
    const out = [];
    for (const dep of objects.filter((o) => o.kind === 'Deployment')) {
      const labels = dep.spec?.template?.metadata?.labels;
      const covered = sameNamespace(objects, 'PodDisruptionBudget', dep).some((p) => selectorMatches(p.spec?.selector, labels));
      if (!covered) out.push(violation('pdb', dep, 'no PodDisruptionBudget selects its pod template labels'));
    }
    return out;
  },
};

/** @type {Rule} */
const networkPolicy = {
  id: 'network-policy',
  description:
    'every Deployment is selected by a NetworkPolicy of its own (a non-empty podSelector matching its pod ' +
    'template labels); the namespace-wide default deny does not count, it only says what is closed',
  check(objects) {
    const out = [];
    for (const dep of objects.filter((o) => o.kind === 'Deployment')) {
      const labels = dep.spec?.template?.metadata?.labels;
      const selected = sameNamespace(objects, 'NetworkPolicy', dep).some(
        (np) => !isEmptySelector(np.spec?.podSelector) && selectorMatches(np.spec?.podSelector, labels),
      );
      if (!selected) out.push(violation('network-policy', dep, 'no NetworkPolicy with a podSelector matching its pod template labels'));
    }
    return out;
  },
};

/** A NetworkPolicy that selects every pod, governs both directions and allows nothing. */
export function isDefaultDeny(np) {
  const types = np.spec?.policyTypes ?? [];
  return isEmptySelector(np.spec?.podSelector) &&
    types.includes('Ingress') && types.includes('Egress') &&
    (np.spec?.ingress ?? []).length === 0 && (np.spec?.egress ?? []).length === 0;
}

/** @type {Rule} */
const defaultDeny = {
  id: 'default-deny',
  description:
    'every namespace with a Deployment has a default-deny NetworkPolicy: empty podSelector, ' +
    'policyTypes Ingress and Egress, no ingress/egress rules',
  check(objects) {
    const out = [];
    const namespaces = new Set(objects.filter((o) => o.kind === 'Deployment').map((d) => d.metadata?.namespace ?? ''));
    for (const ns of namespaces) {
      const has = objects.some((o) => o.kind === 'NetworkPolicy' && (o.metadata?.namespace ?? '') === ns && isDefaultDeny(o));
      if (!has) {
        out.push(violation('default-deny', { kind: 'Namespace', metadata: { name: ns || '(unset)' } },
          'no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress], no rules)'));
      }
    }
    return out;
  },
};

/** @type {Rule} */
const noSecretData = {
  id: 'no-secret-data',
  description: 'no Secret carries data or stringData: secrets are referenced (created by operators or out of band), never written in the repo',
  check(objects) {
    return objects
      .filter((o) => o.kind === 'Secret')
      .filter((s) => Object.keys(s.data ?? {}).length > 0 || Object.keys(s.stringData ?? {}).length > 0)
      .map((s) => violation('no-secret-data', s, 'Secret carries data/stringData; reference a secret created outside the repo instead'));
  },
};

/** @type {Rule} */
const prodReplicas = {
  id: 'prod-replicas',
  description: 'prod: every Deployment has replicas >= 2, or a HorizontalPodAutoscaler targeting it with minReplicas >= 2',
  check(objects, ctx) {
    if (!isProd(ctx)) return [];
    const out = [];
    for (const dep of objects.filter((o) => o.kind === 'Deployment')) {
      const replicas = dep.spec?.replicas ?? 1; // the API's default
      const hpaMin = sameNamespace(objects, 'HorizontalPodAutoscaler', dep)
        .filter((h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec?.scaleTargetRef?.name === dep.metadata?.name)
        .map((h) => h.spec?.minReplicas ?? 1); // the API's default
      if (replicas < 2 && !hpaMin.some((m) => m >= 2)) {
        const hpaNote = hpaMin.length ? `, HPA minReplicas ${hpaMin.join('/')}` : ', no HPA';
        out.push(violation('prod-replicas', dep, `replicas ${replicas}${hpaNote}; prod needs at least 2`));
      }
    }
    return out;
  },
};

/** @type {Rule} */
const prodSpread = {
  id: 'prod-spread',
  description:
    'prod: every Deployment spreads its pods over nodes: a topologySpreadConstraint on kubernetes.io/hostname, ' +
    'or a pod anti-affinity term, whose labelSelector matches its own pod template labels',
  check(objects, ctx) {
    if (!isProd(ctx)) return [];
    const out = [];
    for (const dep of objects.filter((o) => o.kind === 'Deployment')) {
      const tpl = dep.spec?.template;
      const labels = tpl?.metadata?.labels;
      const spec = tpl?.spec ?? {};
      // A constraint whose selector misses the Deployment's own pods spreads nothing.
      const spread = (spec.topologySpreadConstraints ?? []).some(
        (t) => t.topologyKey === HOSTNAME_KEY && selectorMatches(t.labelSelector, labels),
      );
      const anti = spec.affinity?.podAntiAffinity ?? {};
      const antiTerms = [
        ...(anti.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(anti.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => p.podAffinityTerm ?? {}),
      ];
      const antiAffinity = antiTerms.some((t) => selectorMatches(t.labelSelector, labels));
      if (!spread && !antiAffinity) {
        out.push(violation('prod-spread', dep, `no topologySpreadConstraint on ${HOSTNAME_KEY} and no pod anti-affinity selecting its own pods`));
      }
    }
    return out;
  },
};

/** All rules, in the order their violations are reported. @type {Rule[]} */
export const RULES = [
  probes, resources, pinnedImage, restrictedSecurityContext,
  pdb, networkPolicy, defaultDeny, noSecretData, prodReplicas, prodSpread,
];

/**
 * Run every rule over one overlay's rendered objects.
 * @param {K8sObject[]} objects
 * @param {PolicyContext} ctx
 * @returns {Violation[]}
 */
export function checkPolicy(objects, ctx) {
  return RULES.flatMap((rule) => rule.check(objects, ctx));
}

/** `<overlay>: <kind>/<namespace>/<name>: [container "x": ]<rule>: <message>` @param {string} overlay @param {Violation} v */
export function formatViolation(overlay, v) {
  const where = v.container ? `${v.container}: ` : '';
  return `${overlay}: ${v.kind}/${v.namespace ?? '-'}/${v.name}: ${where}[${v.rule}] ${v.message}`;
}
