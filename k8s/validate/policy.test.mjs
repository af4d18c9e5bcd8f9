import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPolicy, formatViolation, isPinnedImage, RULES, selectorMatches } from './policy.mjs';

const NS = 'weerbaarheid';

function container(name, extra = {}) {
  return {
    name,
    image: `registry.example/weerbaarheid/${name}:1.0.0`,
    livenessProbe: { grpc: { port: 8080 } },
    readinessProbe: { grpc: { port: 8080 } },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    ...extra,
  };
}

function deployment(name, { replicas = 2, labels = { app: name } } = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } },
          ],
          containers: [container(name)],
        },
      },
    },
  };
}

const pdbFor = (name, matchLabels = { app: name }) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: NS },
  spec: { maxUnavailable: 1, selector: { matchLabels } },
});
const netpolFor = (name, matchLabels = { app: name }) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: NS },
  spec: { podSelector: { matchLabels }, policyTypes: ['Ingress'], ingress: [{}] },
});
const defaultDeny = () => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: NS },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
});
const hpaFor = (name, minReplicas) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: NS },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas, maxReplicas: 5 },
});

/** A compliant suite: the gateway plus one service, each with its PDB and NetworkPolicy. */
function compliant() {
  return [
    deployment('gateway'), pdbFor('gateway'), netpolFor('gateway'),
    deployment('selftest'), pdbFor('selftest'), netpolFor('selftest'),
    defaultDeny(),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'signing-key', namespace: NS } },
  ];
}

const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const rule = (id) => /** @type {import('./policy.mjs').Rule} */ (RULES.find((r) => r.id === id));

/** Run one rule and return its formatted messages. */
function run(id, objects, overlay = 'prod') {
  return rule(id).check(objects, { overlay }).map((v) => formatViolation(overlay, v));
}

/** Exactly one violation, and its message names overlay, kind, namespace, name (and container). */
function assertOne(messages, prefix) {
  assert.equal(messages.length, 1, `expected one violation, got:\n${messages.join('\n')}`);
  assert.ok(messages[0].startsWith(prefix), `"${messages[0]}" should start with "${prefix}"`);
  return messages[0];
}

describe('compliant set', () => {
  for (const overlay of ['dev', 'prod']) {
    it(`has no violations in ${overlay}`, () => {
      assert.deepEqual(checkPolicy(compliant(), { overlay }), []);
    });
  }
});

describe('selectorMatches', () => {
  it('follows the API semantics', () => {
    const labels = { app: 'gateway', tier: 'edge' };
    assert.equal(selectorMatches({ matchLabels: { app: 'gateway' } }, labels), true);
    assert.equal(selectorMatches({ matchLabels: { app: 'selftest' } }, labels), false);
    assert.equal(selectorMatches({}, labels), true, 'empty selector selects everything');
    assert.equal(selectorMatches(undefined, labels), false, 'absent selector selects nothing');
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['edge'] }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['edge'] }] }, labels), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels), false);
  });
});

describe('isPinnedImage', () => {
  const cases = {
    'registry.example/app:1.2.3': true,
    'registry.example:5000/app:1.2.3': true,
    [`registry.example/app@sha256:${'a'.repeat(64)}`]: true,
    [`registry.example/app:1.2.3@sha256:${'a'.repeat(64)}`]: true,
    'registry.example/app': false,
    'registry.example:5000/app': false,
    'registry.example/app:latest': false,
    'app:': false,
    '': false,
  };
  for (const [image, pinned] of Object.entries(cases)) {
    it(`${JSON.stringify(image)} is ${pinned ? '' : 'not '}pinned`, () => assert.equal(isPinnedImage(image), pinned));
  }
});

describe('probes', () => {
  it('fails a container without a readiness probe, naming it', () => {
    const objs = compliant();
    delete find(objs, 'Deployment', 'gateway').spec.template.spec.containers[0].readinessProbe;
    const msg = assertOne(run('probes', objs), `prod: Deployment/${NS}/gateway: container "gateway": [probes]`);
    assert.match(msg, /missing readinessProbe/);
  });
  it('fails a StatefulSet container without a liveness probe', () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'cache', namespace: NS },
      spec: { template: { spec: { containers: [container('cache', { livenessProbe: undefined })] } } } };
    assertOne(run('probes', [sts]), `prod: StatefulSet/${NS}/cache: container "cache": [probes] missing livenessProbe`);
  });
  it('exempts Jobs and CronJobs', () => {
    const bare = container('migrate', { livenessProbe: undefined, readinessProbe: undefined });
    const job = { kind: 'Job', metadata: { name: 'migrate', namespace: NS }, spec: { template: { spec: { containers: [bare] } } } };
    const cron = { kind: 'CronJob', metadata: { name: 'nightly', namespace: NS }, spec: { jobTemplate: { spec: { template: { spec: { containers: [bare] } } } } } };
    assert.deepEqual(run('probes', [job, cron]), []);
  });
  it('exempts plain init containers but not sidecars', () => {
    const objs = compliant();
    const spec = find(objs, 'Deployment', 'gateway').spec.template.spec;
    spec.initContainers = [container('wait', { livenessProbe: undefined, readinessProbe: undefined })];
    assert.deepEqual(run('probes', objs), []);
    spec.initContainers[0].restartPolicy = 'Always';
    assertOne(run('probes', objs), `prod: Deployment/${NS}/gateway: initContainer "wait": [probes] missing livenessProbe and readinessProbe`);
  });
  it('fails probes on a plain init container, which the API rejects', () => {
    const objs = compliant();
    find(objs, 'Deployment', 'gateway').spec.template.spec.initContainers = [container('wait')];
    assertOne(run('probes', objs), `prod: Deployment/${NS}/gateway: initContainer "wait": [probes] init container without restartPolicy`);
  });
});

describe('resources', () => {
  it('fails a container without a memory limit', () => {
    const objs = compliant();
    delete find(objs, 'Deployment', 'selftest').spec.template.spec.containers[0].resources.limits.memory;
    const msg = assertOne(run('resources', objs), `prod: Deployment/${NS}/selftest: container "selftest": [resources]`);
    assert.match(msg, /limits\.memory/);
    assert.doesNotMatch(msg, /requests\.cpu/);
  });
  it('checks init containers and CronJobs too', () => {
    const c = container('job', { resources: { limits: { cpu: '1', memory: '1Gi' } } });
    const cron = { kind: 'CronJob', metadata: { name: 'nightly', namespace: NS },
      spec: { jobTemplate: { spec: { template: { spec: { initContainers: [c], containers: [container('main')] } } } } } };
    const msg = assertOne(run('resources', [cron]), `prod: CronJob/${NS}/nightly: initContainer "job": [resources]`);
    assert.match(msg, /requests\.cpu, requests\.memory/);
  });
});

describe('pinned-image', () => {
  for (const image of ['registry.example/weerbaarheid/gateway:latest', 'registry.example/weerbaarheid/gateway']) {
    it(`fails ${image}`, () => {
      const objs = compliant();
      find(objs, 'Deployment', 'gateway').spec.template.spec.containers[0].image = image;
      assertOne(run('pinned-image', objs), `prod: Deployment/${NS}/gateway: container "gateway": [pinned-image]`);
    });
  }
});

describe('restricted-security-context', () => {
  const prefix = `prod: Deployment/${NS}/gateway: container "gateway": [restricted-security-context]`;
  const cases = {
    'runAsNonRoot must be true': (spec) => { delete spec.securityContext.runAsNonRoot; },
    'allowPrivilegeEscalation must be false': (spec) => { delete spec.containers[0].securityContext.allowPrivilegeEscalation; },
    'readOnlyRootFilesystem must be true': (spec) => { spec.containers[0].securityContext.readOnlyRootFilesystem = false; },
    'capabilities.drop must contain ALL': (spec) => { spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] }; },
    'seccompProfile.type must be RuntimeDefault': (spec) => { spec.securityContext.seccompProfile = { type: 'Unconfined' }; },
  };
  for (const [expected, mutate] of Object.entries(cases)) {
    it(`fails when ${expected.split(' must')[0]} is wrong`, () => {
      const objs = compliant();
      mutate(find(objs, 'Deployment', 'gateway').spec.template.spec);
      const msg = assertOne(run('restricted-security-context', objs), prefix);
      assert.ok(msg.endsWith(expected), msg);
    });
  }
  it('lets the container level override the pod level', () => {
    const objs = compliant();
    const spec = find(objs, 'Deployment', 'gateway').spec.template.spec;
    spec.securityContext = {};
    Object.assign(spec.containers[0].securityContext, { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual(run('restricted-security-context', objs), []);
    spec.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    spec.containers[0].securityContext.runAsNonRoot = false;
    assertOne(run('restricted-security-context', objs), prefix);
  });
});

describe('pdb', () => {
  it('fails a Deployment without a PodDisruptionBudget', () => {
    const objs = compliant().filter((o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'selftest'));
    assertOne(run('pdb', objs), `prod: Deployment/${NS}/selftest: [pdb]`);
  });
  it('fails when the PDB selector does not match the pod labels', () => {
    const objs = compliant();
    find(objs, 'PodDisruptionBudget', 'gateway').spec.selector = { matchLabels: { app: 'gatway' } };
    assertOne(run('pdb', objs), `prod: Deployment/${NS}/gateway: [pdb]`);
  });
  it('fails when the matching PDB is in another namespace', () => {
    const objs = compliant();
    find(objs, 'PodDisruptionBudget', 'gateway').metadata.namespace = 'elsewhere';
    assertOne(run('pdb', objs), `prod: Deployment/${NS}/gateway: [pdb]`);
  });
});

describe('network-policy', () => {
  it('fails a Deployment only the default deny selects', () => {
    const objs = compliant().filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'gateway'));
    assertOne(run('network-policy', objs), `prod: Deployment/${NS}/gateway: [network-policy]`);
  });
  it('accepts a matchExpressions selector covering several services', () => {
    const objs = compliant().filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name !== 'default-deny'));
    objs.push({ kind: 'NetworkPolicy', metadata: { name: 'services', namespace: NS },
      spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['gateway', 'selftest'] }] } } });
    assert.deepEqual(run('network-policy', objs), []);
  });
});

describe('default-deny', () => {
  const cases = {
    missing: (np) => { np.metadata.namespace = 'elsewhere'; },
    'ingress only': (np) => { np.spec.policyTypes = ['Ingress']; },
    'with an allow rule': (np) => { np.spec.egress = [{}]; },
    'not selecting every pod': (np) => { np.spec.podSelector = { matchLabels: { app: 'gateway' } }; },
  };
  for (const [name, mutate] of Object.entries(cases)) {
    it(`fails when the default deny is ${name}`, () => {
      const objs = compliant();
      mutate(find(objs, 'NetworkPolicy', 'default-deny'));
      assertOne(run('default-deny', objs), `prod: Namespace/-/${NS}: [default-deny]`);
    });
  }
});

describe('no-secret-data', () => {
  for (const field of ['data', 'stringData']) {
    it(`fails a Secret with ${field}`, () => {
      const objs = compliant();
      find(objs, 'Secret', 'signing-key')[field] = { key: 'c2VjcmV0' };
      assertOne(run('no-secret-data', objs), `prod: Secret/${NS}/signing-key: [no-secret-data]`);
    });
  }
});

describe('prod-replicas', () => {
  it('fails a single replica in prod, not in dev', () => {
    const objs = compliant();
    find(objs, 'Deployment', 'gateway').spec.replicas = 1;
    assertOne(run('prod-replicas', objs), `prod: Deployment/${NS}/gateway: [prod-replicas]`);
    assert.deepEqual(run('prod-replicas', objs, 'dev'), []);
  });
  it('applies to a prod sub-kustomization through its env', () => {
    const objs = compliant();
    find(objs, 'Deployment', 'gateway').spec.replicas = 1;
    const [v] = rule('prod-replicas').check(objs, { overlay: 'prod/extra', env: 'prod' });
    assert.equal(formatViolation('prod/extra', v).split(' [')[0], `prod/extra: Deployment/${NS}/gateway:`);
    assert.deepEqual(rule('prod-replicas').check(objs, { overlay: 'dev/extra', env: 'dev' }), []);
  });
  it('counts an unset replicas as 1', () => {
    const objs = compliant();
    delete find(objs, 'Deployment', 'gateway').spec.replicas;
    assertOne(run('prod-replicas', objs), `prod: Deployment/${NS}/gateway: [prod-replicas] replicas 1`);
  });
  it('accepts an HPA with minReplicas >= 2 targeting the Deployment, and only that', () => {
    const objs = compliant();
    delete find(objs, 'Deployment', 'gateway').spec.replicas;
    objs.push(hpaFor('gateway', 2));
    assert.deepEqual(run('prod-replicas', objs), []);
    find(objs, 'HorizontalPodAutoscaler', 'gateway').spec.minReplicas = 1;
    assertOne(run('prod-replicas', objs), `prod: Deployment/${NS}/gateway: [prod-replicas]`);
    find(objs, 'HorizontalPodAutoscaler', 'gateway').spec = hpaFor('selftest', 3).spec;
    assertOne(run('prod-replicas', objs), `prod: Deployment/${NS}/gateway: [prod-replicas]`);
  });
});

describe('prod-spread', () => {
  it('fails a Deployment without spread in prod, not in dev', () => {
    const objs = compliant();
    delete find(objs, 'Deployment', 'selftest').spec.template.spec.topologySpreadConstraints;
    assertOne(run('prod-spread', objs), `prod: Deployment/${NS}/selftest: [prod-spread]`);
    assert.deepEqual(run('prod-spread', objs, 'dev'), []);
  });
  it('fails a spread over zones only, or one that selects other pods', () => {
    const objs = compliant();
    const [tsc] = find(objs, 'Deployment', 'selftest').spec.template.spec.topologySpreadConstraints;
    tsc.topologyKey = 'topology.kubernetes.io/zone';
    assertOne(run('prod-spread', objs), `prod: Deployment/${NS}/selftest: [prod-spread]`);
    tsc.topologyKey = 'kubernetes.io/hostname';
    tsc.labelSelector = { matchLabels: { app: 'gateway' } };
    assertOne(run('prod-spread', objs), `prod: Deployment/${NS}/selftest: [prod-spread]`);
  });
  it('accepts a pod anti-affinity instead', () => {
    const objs = compliant();
    const spec = find(objs, 'Deployment', 'selftest').spec.template.spec;
    delete spec.topologySpreadConstraints;
    spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'selftest' } } } },
    ] } };
    assert.deepEqual(run('prod-spread', objs), []);
  });
});

describe('every rule', () => {
  it('has a test above', () => {
    // Adding a rule without tests should be noticed: each rule id must be a describe() here.
    const tested = ['probes', 'resources', 'pinned-image', 'restricted-security-context', 'pdb', 'network-policy',
      'default-deny', 'no-secret-data', 'prod-replicas', 'prod-spread'];
    assert.deepEqual(RULES.map((r) => r.id).sort(), tested.sort());
  });
});
