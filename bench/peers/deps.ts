// The peers live in bench/package.json (own lockfile, bench/node_modules), never in the root install.
// When they are missing, the harness says so with the one command that installs them, and runs it unless
// told not to (--no-install).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('../', import.meta.url));
const PEERS = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgpu', 'onnxruntime-web', 'onnxruntime-node'];
/** onnxruntime-node's install script fetches GPU add-ons from outside the registry; its CPU binary ships in the package. */
export const INSTALL_COMMAND = 'ONNXRUNTIME_NODE_INSTALL=skip npm --prefix bench ci';

export const missingPeers = (): string[] => PEERS.filter((p) => !existsSync(`${BENCH}node_modules/${p}/package.json`));

/** Ensures the peers are installed; returns false (after saying why) when they are not and cannot be. */
export function ensurePeers(install: boolean): boolean {
  const missing = missingPeers();
  if (missing.length === 0) return true;
  console.error(`bench: peer packages missing (${missing.join(', ')}). Install them with:\n\n    ${INSTALL_COMMAND}\n`);
  if (!install) return false;
  console.error('bench: running it now (pass --no-install to only print it)...');
  const r = spawnSync('npm', ['--prefix', BENCH, 'ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } });
  if (r.status !== 0 || missingPeers().length) {
    console.error(`bench: the install failed; run \`${INSTALL_COMMAND}\` by hand and look at its errors`);
    return false;
  }
  return true;
}
