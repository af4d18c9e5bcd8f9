// The isolated suite the browser tests start when WEERBAARHEID_WEB_URL is not set: its own ports (7xxx by default),
// its own RabbitMQ node and its own run and data folders under a fresh temp folder, so it disturbs no
// other run on the machine.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(WEB_DIR, '..');
export const STATE_FILE = path.join(WEB_DIR, 'test-results', '.suite.json');

// WEERBAARHEID_WEB_TEST_PORT_BASE moves the whole set (default 7000: gateway 7080, 7090, 7099, ...).
const BASE = Number(process.env.WEERBAARHEID_WEB_TEST_PORT_BASE || 7000);
if (!Number.isInteger(BASE) || BASE < 1000 || BASE > 40000 || BASE % 1000 !== 0) {
  throw new Error(`WEERBAARHEID_WEB_TEST_PORT_BASE must be a multiple of 1000 between 1000 and 40000, not ${process.env.WEERBAARHEID_WEB_TEST_PORT_BASE}`);
}

export const PORTS = {
  WEERBAARHEID_GATEWAY_HTTP_PORT: BASE + 80,
  WEERBAARHEID_GATEWAY_GRPC_PORT: BASE + 90,
  WEERBAARHEID_GATEWAY_OPS_PORT: BASE + 99,
  WEERBAARHEID_OFFERINGS_GRPC_PORT: BASE + 110,
  WEERBAARHEID_OFFERINGS_OPS_PORT: BASE + 111,
  WEERBAARHEID_PEER_SUPPORT_GRPC_PORT: BASE + 120,
  WEERBAARHEID_PEER_SUPPORT_OPS_PORT: BASE + 121,
  WEERBAARHEID_SIGNAL_TRAINING_GRPC_PORT: BASE + 130,
  WEERBAARHEID_SIGNAL_TRAINING_OPS_PORT: BASE + 131,
  WEERBAARHEID_SELF_TEST_GRPC_PORT: BASE + 140,
  WEERBAARHEID_SELF_TEST_OPS_PORT: BASE + 141,
  WEERBAARHEID_RABBITMQ_PORT: BASE + 673,
  WEERBAARHEID_RABBITMQ_DIST_PORT: 20000 + BASE + 673,
  WEERBAARHEID_RABBITMQ_EPMD_PORT: BASE + 373,
} as const;

export const RABBITMQ_NODE = `weerbaarheid-webtest-${BASE}@localhost`;

export const SUITE_URL = `http://localhost:${PORTS.WEERBAARHEID_GATEWAY_HTTP_PORT}`;
export const READY_URL = `http://localhost:${PORTS.WEERBAARHEID_GATEWAY_OPS_PORT}/health/ready`;

export interface SuiteState {
  pid: number;
  tempDir: string;
  log: string;
}
