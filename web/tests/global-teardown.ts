// Stops the suite the global setup started (SIGTERM: `weerbaarheid run` stops everything it started) and
// waits for it to exit; keeps its logs in test-results/suite-logs/ and removes its temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { STATE_FILE, WEB_DIR, type SuiteState } from './suite';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as SuiteState;
  if (alive(state.pid)) {
    console.log(`[suite] stopping (pid ${state.pid})`);
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 120_000;
    while (alive(state.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    if (alive(state.pid)) console.warn(`[suite] pid ${state.pid} did not exit within 120 s; see ${state.log}`);
    else console.log('[suite] stopped');
  }
  if (alive(state.pid)) return; // keep the state file so the next run stops it
  const logs = path.join(WEB_DIR, 'test-results', 'suite-logs');
  fs.rmSync(logs, { recursive: true, force: true });
  fs.mkdirSync(logs, { recursive: true });
  try {
    fs.copyFileSync(state.log, path.join(logs, 'suite.log'));
    const runLogs = path.join(state.tempDir, 'run', 'logs');
    for (const file of fs.readdirSync(runLogs)) fs.copyFileSync(path.join(runLogs, file), path.join(logs, file));
  } catch {
    // nothing to keep
  }
  fs.rmSync(state.tempDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
}
