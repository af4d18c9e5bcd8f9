import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSchema } from './schema.mjs';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'gateway', namespace: 'weerbaarheid' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'gateway' } },
    template: { metadata: { labels: { app: 'gateway' } }, spec: { containers: [{ name: 'gateway', image: 'gateway:1.0.0' }] } },
  },
});

describe('checkSchema', () => {
  it('accepts a valid Deployment', async () => {
    assert.deepEqual(await checkSchema(deployment()), { mode: 'schema', errors: [] });
  });

  it('reports a wrong type with its path', async () => {
    const d = deployment();
    d.spec.template.spec.containers[0].ports = [{ containerPort: '8080' }];
    const { errors } = await checkSchema(d);
    assert.deepEqual(errors, ['schema: spec.template.spec.containers[0].ports[0].containerPort: must be integer']);
  });

  it('reports a bad quantity once per field', async () => {
    const d = deployment();
    d.spec.template.spec.containers[0].resources = { limits: { cpu: 'lots' } };
    const { errors } = await checkSchema(d);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^schema: spec\.template\.spec\.containers\[0\]\.resources\.limits\.cpu: /);
  });

  it('rejects an unknown kind in a built-in group', async () => {
    const { errors } = await checkSchema({ ...deployment(), kind: 'Deploymnet' });
    assert.match(errors[0], /unknown kind Deploymnet in apiVersion apps\/v1/);
  });

  it('rejects a sub-type that is not a top-level kind', async () => {
    const { errors } = await checkSchema({ apiVersion: 'v1', kind: 'Container', metadata: { name: 'x' } });
    assert.match(errors[0], /unknown kind Container/);
  });

  it('rejects an unknown apiVersion rather than skipping it', async () => {
    const { errors } = await checkSchema({ apiVersion: 'app/v1', kind: 'Deployment', metadata: { name: 'x' } });
    assert.match(errors[0], /unknown kind Deployment in apiVersion app\/v1/);
  });

  it('rejects API versions clusters no longer serve', async () => {
    const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: {} };
    const { errors } = await checkSchema(pdb);
    assert.match(errors[0], /policy\/v1beta1 is no longer served/);
  });

  it('requires metadata.name', async () => {
    const d = deployment();
    delete d.metadata.name;
    assert.deepEqual((await checkSchema(d)).errors, ['structure: missing metadata.name']);
  });

  it('validates ServiceMonitor against the prometheus-operator schema', async () => {
    const sm = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'gateway' },
      spec: { selector: { matchLabels: { app: 'gateway' } }, endpoints: [{ port: 'http' }] } };
    assert.deepEqual(await checkSchema(sm), { mode: 'schema', errors: [] });
    sm.spec.endpoints = { port: 'http' };
    const { errors } = await checkSchema(sm);
    assert.deepEqual(errors, ['schema: spec.endpoints: must be array']);
  });

  it('validates CloudNativePG Cluster and ScheduledBackup', async () => {
    const cluster = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'db' }, spec: { instances: 3, storage: { size: '1Gi' } } };
    assert.deepEqual(await checkSchema(cluster), { mode: 'schema', errors: [] });
    cluster.spec.instances = 'three';
    assert.deepEqual((await checkSchema(cluster)).errors, ['schema: spec.instances: must be integer']);
    const backup = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'daily' }, spec: { schedule: '0 0 3 * * *' } };
    const { mode, errors } = await checkSchema(backup);
    assert.equal(mode, 'schema');
    assert.ok(errors.some((e) => /cluster/.test(e)), `ScheduledBackup without spec.cluster should fail: ${errors}`);
  });

  it('gives RabbitmqCluster a structural check only', async () => {
    const rmq = { apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster', metadata: { name: 'broker' }, spec: { replicas: 3 } };
    assert.deepEqual(await checkSchema(rmq), { mode: 'structural', errors: [] });
    delete rmq.spec;
    assert.deepEqual((await checkSchema(rmq)).errors, ['structure: missing spec']);
  });
});
