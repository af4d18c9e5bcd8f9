// Render a Kustomize overlay with kubectl (no cluster needed) and parse the multi-document YAML.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

/**
 * @typedef {{ name: string, dir: string, env: string }} RenderTarget
 *   name: what messages call it (`prod`, `prod/migrations`); env: the overlay it belongs to,
 *   which decides environment rules such as prod's replica count.
 */

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The parsed kustomization file in `dir`, or null if there is none. */
async function readKustomization(dir) {
  for (const file of KUSTOMIZATION_FILES) {
    let text;
    try {
      text = await readFile(join(dir, file), 'utf8');
    } catch (err) {
      if (/** @type {any} */ (err).code === 'ENOENT') continue;
      throw err;
    }
    // Unparseable: still a target, so that rendering it reports the error.
    try { return parseAllDocuments(text)[0]?.toJS() ?? {}; } catch { return {}; }
  }
  return null;
}

/** Sorted names of the folders in `dir`. */
async function subfolders(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/**
 * Every folder under `overlaysDir`, plus each overlay's own sub-kustomizations one level down
 * (e.g. `prod/migrations`, applied separately with `kubectl apply -k`): those reach a cluster
 * too. Components (`kind: Component`) are skipped: they only make sense inside a kustomization.
 * @param {string} overlaysDir
 * @returns {Promise<RenderTarget[]>}
 */
export async function listRenderTargets(overlaysDir) {
  /** @type {RenderTarget[]} */
  const targets = [];
  for (const overlay of await subfolders(overlaysDir)) {
    const dir = join(overlaysDir, overlay);
    targets.push({ name: overlay, dir, env: overlay });
    for (const sub of await subfolders(dir)) {
      const k = await readKustomization(join(dir, sub));
      if (k && k.kind !== 'Component') targets.push({ name: `${overlay}/${sub}`, dir: join(dir, sub), env: overlay });
    }
  }
  return targets;
}

/**
 * Parse the output of `kubectl kustomize`: one object per document, empty documents dropped.
 * @param {string} text
 * @returns {import('./policy.mjs').K8sObject[]}
 */
export function parseManifests(text) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('a YAML document is not an object');
    objects.push(value);
  }
  return objects;
}

/**
 * `kubectl kustomize <dir>` → parsed objects. Throws with kubectl's own message on failure.
 * @param {string} dir
 */
export async function renderOverlay(dir) {
  let stdout;
  try {
    ({ stdout } = await execFileAsync('kubectl', ['kustomize', dir], { maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = /** @type {any} */ (err);
    const detail = (e.stderr || e.message || String(err)).trim();
    throw new Error(`kubectl kustomize ${dir} failed: ${detail}`);
  }
  return parseManifests(stdout);
}
