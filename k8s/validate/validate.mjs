#!/usr/bin/env node
// CLI: render every overlay, check each object against its schema and our policy, exit 1 on
// any error.   node validate.mjs [--overlays-dir ../overlays]
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkPolicy, formatViolation } from './policy.mjs';
import { listRenderTargets, renderOverlay } from './render.mjs';
import { checkSchema } from './schema.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
// Relative to this file, not the working directory, so `npm --prefix k8s/validate` and a
// plain `node k8s/validate/validate.mjs` from the repo root check the same overlays.
export const DEFAULT_OVERLAYS_DIR = resolve(HERE, '../overlays');

/**
 * @typedef {{
 *   overlay: string,
 *   kinds: Record<string, number>,
 *   objectCount: number,
 *   structuralOnly: string[],
 *   schemaErrors: string[],
 *   policyViolations: string[],
 * }} OverlayResult
 */

/** `<overlay>: <kind>/<namespace>/<name>` — the prefix every message starts with. */
function objectRef(overlay, obj) {
  return `${overlay}: ${obj.kind ?? '?'}/${obj.metadata?.namespace ?? '-'}/${obj.metadata?.name ?? '?'}`;
}

/**
 * Render, schema-check and policy-check one overlay (or an overlay's sub-kustomization).
 * @param {import('./render.mjs').RenderTarget} target
 * @returns {Promise<OverlayResult>}
 */
export async function validateOverlay({ name: overlay, dir, env }) {
  /** @type {OverlayResult} */
  const result = { overlay, kinds: {}, objectCount: 0, structuralOnly: [], schemaErrors: [], policyViolations: [] };
  let objects;
  try {
    objects = await renderOverlay(dir);
  } catch (err) {
    result.schemaErrors.push(`${overlay}: render: ${/** @type {Error} */ (err).message}`);
    return result;
  }
  result.objectCount = objects.length;
  if (objects.length === 0) result.schemaErrors.push(`${overlay}: render: the overlay renders no objects`);

  const structural = new Set();
  for (const obj of objects) {
    const kind = obj.kind ?? '?';
    result.kinds[kind] = (result.kinds[kind] ?? 0) + 1;
    const { mode, errors } = await checkSchema(obj);
    if (mode === 'structural' && errors.length === 0) structural.add(`${kind} (${obj.apiVersion})`);
    for (const e of errors) result.schemaErrors.push(`${objectRef(overlay, obj)}: ${e}`);
  }
  result.structuralOnly = [...structural].sort();
  result.policyViolations = checkPolicy(objects, { overlay, env }).map((v) => formatViolation(overlay, v));
  return result;
}

/** @param {OverlayResult} r */
export function summarize(r) {
  const kinds = Object.entries(r.kinds).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
  const lines = [
    `${r.overlay}: ${r.objectCount} objects checked${kinds ? ` (${kinds})` : ''}; ` +
      `${r.schemaErrors.length} schema/render errors, ${r.policyViolations.length} policy violations`,
  ];
  if (r.structuralOnly.length) {
    lines.push(`${r.overlay}: structural check only (no models package on npm): ${r.structuralOnly.join(', ')}`);
  }
  return lines;
}

/**
 * @param {string[]} argv
 * @param {{ log: (s: string) => void, error: (s: string) => void }} io
 * @returns {Promise<number>} exit code
 */
export async function main(argv, io = console) {
  const { values } = parseArgs({
    args: argv,
    options: { 'overlays-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.log('usage: node validate.mjs [--overlays-dir DIR]   (default: k8s/overlays next to this tool)');
    return 0;
  }
  const overlaysDir = values['overlays-dir'] ? resolve(values['overlays-dir']) : DEFAULT_OVERLAYS_DIR;

  let targets;
  try {
    targets = await listRenderTargets(overlaysDir);
  } catch (err) {
    io.error(`cannot read overlays dir ${overlaysDir}: ${/** @type {Error} */ (err).message}`);
    return 1;
  }
  // An empty overlays folder must not pass CI as "nothing wrong".
  if (targets.length === 0) {
    io.error(`no overlays found in ${overlaysDir}`);
    return 1;
  }

  let failures = 0;
  for (const target of targets) {
    const r = await validateOverlay(target);
    for (const line of summarize(r)) io.log(line);
    // stdout only, so summaries and the errors under them stay in order in a CI log.
    for (const line of [...r.schemaErrors, ...r.policyViolations]) io.log(`  ${line}`);
    failures += r.schemaErrors.length + r.policyViolations.length;
  }
  const names = targets.map((t) => t.name).join(', ');
  io.log(failures === 0
    ? `OK: ${targets.length} kustomizations valid (${names})`
    : `FAILED: ${failures} errors in ${targets.length} kustomizations (${names})`);
  return failures === 0 ? 0 : 1;
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
