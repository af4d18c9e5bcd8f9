// Builds the web UI into the gateway's wwwroot and starts an isolated suite (`../weerbaarheid run
// --no-build`) on the test ports, then waits until the gateway reports ready.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PORTS, RABBITMQ_NODE, READY_URL, REPO_DIR, STATE_FILE, WEB_DIR, type SuiteState } from './suite';

const READY_TIMEOUT_MS = 180_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return !alive(pid);
}

/** A suite left behind by an earlier run of these tests (killed before its teardown): stop it. */
async function stopLeftover(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as SuiteState;
  fs.rmSync(STATE_FILE, { force: true });
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${state.pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes('weerbaarheid')) return;
  console.log(`[suite] stopping the suite an earlier test run left behind (pid ${state.pid})`);
  process.kill(state.pid, 'SIGTERM');
  await waitForExit(state.pid, 90_000);
}

function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

export default async function globalSetup(): Promise<void> {
  await stopLeftover();

  if (!process.env.WEERBAARHEID_WEB_SKIP_BUILD) {
    console.log('[suite] building the web UI');
    execFileSync('npm', ['run', 'build'], { cwd: WEB_DIR, stdio: 'inherit' });
  }

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weerbaarheid-web-test-'));
  const log = path.join(tempDir, 'suite.log');
  const out = fs.openSync(log, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WEERBAARHEID_RUN_DIR: path.join(tempDir, 'run'),
    WEERBAARHEID_DATA_DIR: path.join(tempDir, 'data'),
    WEERBAARHEID_RABBITMQ_NODE: RABBITMQ_NODE,
  };
  for (const [name, port] of Object.entries(PORTS)) env[name] = String(port);

  console.log(`[suite] starting an isolated suite in ${tempDir} (gateway http://localhost:${PORTS.WEERBAARHEID_GATEWAY_HTTP_PORT})`);
  const child = spawn(path.join(REPO_DIR, 'weerbaarheid'), ['run', '--no-build'], { cwd: REPO_DIR, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pid = child.pid;
  if (!pid) throw new Error('Could not start ../weerbaarheid run');
  child.unref();
  const state: SuiteState = { pid, tempDir, log };
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!alive(pid) || child.exitCode !== null) {
      throw new Error(`The suite exited while starting (exit ${child.exitCode}). Log tail:\n${tail(log)}`);
    }
    try {
      const response = await fetch(READY_URL);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const gatewayLog = path.join(tempDir, 'run', 'logs', 'gateway.log');
      process.kill(pid, 'SIGTERM');
      await waitForExit(pid, 60_000);
      throw new Error(`The suite was not ready within ${READY_TIMEOUT_MS / 1000}s (${READY_URL}). Log tail:\n${tail(log)}\n--- gateway.log ---\n${tail(gatewayLog, 30)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log('[suite] ready');
}
