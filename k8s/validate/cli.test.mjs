// End to end: the CLI renders real kustomizations with kubectl and sets the exit code.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, 'validate.mjs');

/** @returns {Promise<{ code: number, out: string }>} */
function cli(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (err, stdout, stderr) => {
      resolve({ code: err ? /** @type {any} */ (err).code : 0, out: stdout + stderr });
    });
  });
}

describe('validate.mjs', () => {
  const scratch = mkdtemp(join(tmpdir(), 'k8s-validate-'));
  after(async () => rm(await scratch, { recursive: true, force: true }));

  it('passes the compliant fixture, with a summary per overlay', async () => {
    const { code, out } = await cli('--overlays-dir', join(HERE, 'fixtures/compliant/overlays'));
    assert.equal(code, 0, out);
    assert.match(out, /^dev: 13 objects checked \(.*Deployment 1.*\); 0 schema\/render errors, 0 policy violations$/m);
    assert.match(out, /^prod: 13 objects checked/m);
    // The sub-kustomization is rendered on its own; the Component beside it is not.
    assert.match(out, /^prod\/migrations: 1 objects checked \(Job 1\); 0 schema\/render errors, 0 policy violations$/m);
    assert.doesNotMatch(out, /prod\/settings/);
    assert.match(out, /^prod: structural check only \(no models package on npm\): RabbitmqCluster \(rabbitmq\.com\/v1beta1\)$/m);
    assert.match(out, /^OK: 3 kustomizations valid \(dev, prod, prod\/migrations\)$/m);
  });

  it('fails the violating fixture and names every object and rule', async () => {
    const { code, out } = await cli('--overlays-dir', join(HERE, 'fixtures/violating/overlays'));
    assert.equal(code, 1, out);
    const expected = [
      'prod: Service/fixture/api: schema: spec.ports[0].port: must be integer',
      'prod: PodDisruptionBudget/fixture/api: schema: apiVersion policy/v1beta1 is no longer served',
      'prod: Deploymnet/fixture/typo: schema: unknown kind Deploymnet in apiVersion apps/v1',
      'prod: RabbitmqCluster/fixture/broker: structure: missing spec',
      'prod: Deployment/fixture/api: container "api": [probes]',
      'prod: Deployment/fixture/api: container "api": [resources]',
      'prod: Deployment/fixture/api: container "api": [pinned-image]',
      'prod: Deployment/fixture/api: container "api": [restricted-security-context]',
      'prod: Deployment/fixture/api: [network-policy]',
      'prod: Namespace/-/fixture: [default-deny]',
      'prod: Secret/fixture/db-password: [no-secret-data]',
      'prod: Deployment/fixture/api: [prod-replicas]',
      'prod: Deployment/fixture/api: [prod-spread]',
      'prod/migrations: Job/fixture/migrate: container "migrate": [pinned-image]',
    ];
    for (const line of expected) assert.ok(out.includes(line), `missing "${line}" in:\n${out}`);
    assert.match(out, /^FAILED: 14 errors in 2 kustomizations \(prod, prod\/migrations\)$/m);
  });

  it('fails an overlay that does not render', async () => {
    const dir = join(await scratch, 'broken');
    await mkdir(join(dir, 'dev'), { recursive: true });
    await writeFile(join(dir, 'dev/kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    const { code, out } = await cli('--overlays-dir', dir);
    assert.equal(code, 1, out);
    assert.match(out, /dev: render: kubectl kustomize .* failed/);
  });

  it('fails when there are no overlays to check', async () => {
    const empty = join(await scratch, 'empty');
    await mkdir(empty, { recursive: true });
    assert.equal((await cli('--overlays-dir', empty)).code, 1);
    assert.equal((await cli('--overlays-dir', join(await scratch, 'absent'))).code, 1);
  });
});
